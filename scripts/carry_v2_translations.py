"""One-off (issue 17): start the v2 translations from v1's, and list what is left to translate.

Copies, for every language, each v1 translation whose code (and option code) v2 keeps with
the same English text; a text that is new or reworded is left out ("not translated yet",
shown in English). Writes seeds/translations/<lang>/questionnaire_v2.yaml and, with --todo,
a Markdown list of the keys still to translate (the same for every language).

    python scripts/carry_v2_translations.py [--todo /work/notes/v2-to-translate.md]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
LANGUAGES = ["th", "vi", "km", "lo", "my", "zh-hans"]
NAMES = {
    "th": "Thai",
    "vi": "Vietnamese",
    "km": "Khmer",
    "lo": "Lao",
    "my": "Burmese",
    "zh-hans": "Chinese (simplified)",
}
Q_FIELDS = ("text", "help_text", "unit")
O_FIELDS = ("label", "advice")


def _english(name: str) -> dict[str, Any]:
    return yaml.safe_load((SEEDS / name).read_text(encoding="utf-8"))


def _questions(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {q["code"]: q for p in data["pillars"] for q in p["questions"]}


def _options(question: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["code"]: o for o in question.get("options") or []}


def _same(old: dict[str, Any] | None, new: dict[str, Any], field: str) -> bool:
    return old is not None and bool(new.get(field)) and old.get(field) == new.get(field)


def _memory(v1: dict[str, Any], old: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(field, English) -> its v1 translation, for every question and option text of v1.

    The same English sentence (a "None of these", an advice kept under a new option code)
    gets the translation it already has, so one page never mixes it in two languages.
    """
    out: dict[tuple[str, str], str] = {}
    translated = old.get("questions") or {}
    for code, question in _questions(v1).items():
        entry = translated.get(code) or {}
        for f in Q_FIELDS:
            if question.get(f) and entry.get(f):
                out.setdefault((f, question[f]), entry[f])
        for o_code, option in _options(question).items():
            o_entry = (entry.get("options") or {}).get(o_code) or {}
            for f in O_FIELDS:
                if option.get(f) and o_entry.get(f):
                    out.setdefault((f, option[f]), o_entry[f])
    return out


def carry(v1: dict[str, Any], v2: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """The v2 translation: old's entries whose English source is unchanged, by code, and
    the v1 translation of any other text whose English is word for word a v1 text."""
    memory = _memory(v1, old)
    out: dict[str, Any] = {"language": old["language"], "source": "questionnaire_v2.yaml"}
    for field in ("title", "description"):
        if v1.get(field) == v2.get(field) and old.get(field):
            out[field] = old[field]
    if [(lv["name"], lv.get("description")) for lv in v1["levels"]] == [
        (lv["name"], lv.get("description")) for lv in v2["levels"]
    ]:
        out["levels"] = old.get("levels") or []
    v1_pillars = {p["code"]: p for p in v1["pillars"]}
    pillars: dict[str, Any] = {}
    for pillar in v2["pillars"]:
        pillar_entry = {
            f: text
            for f, text in (old.get("pillars") or {}).get(pillar["code"], {}).items()
            if _same(v1_pillars.get(pillar["code"]), pillar, f)
        }
        if pillar_entry:
            pillars[pillar["code"]] = pillar_entry
    out["pillars"] = pillars
    v1_questions = _questions(v1)
    questions: dict[str, Any] = {}
    for code, question in _questions(v2).items():
        before = v1_questions.get(code)
        translated = (old.get("questions") or {}).get(code) or {}
        entry: dict[str, Any] = {
            f: translated[f] for f in Q_FIELDS if f in translated and _same(before, question, f)
        }
        for f in Q_FIELDS:
            if f not in entry and (f, question.get(f)) in memory:
                entry[f] = memory[(f, question[f])]
        before_options = _options(before) if before else {}
        options = {}
        for o_code, option in _options(question).items():
            o_translated = (translated.get("options") or {}).get(o_code) or {}
            o_entry = {
                f: o_translated[f]
                for f in O_FIELDS
                if f in o_translated and _same(before_options.get(o_code), option, f)
            }
            for f in O_FIELDS:
                if f not in o_entry and (f, option.get(f)) in memory:
                    o_entry[f] = memory[(f, option[f])]
            if o_entry:
                options[o_code] = o_entry
        if options:
            entry["options"] = options
        if entry:
            questions[code] = entry
    out["questions"] = questions
    return out


def to_translate(v2: dict[str, Any], carried: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, English) for every v2 text that the carried translation leaves out."""
    rows: list[tuple[str, str]] = []
    for pillar in v2["pillars"]:
        entry = carried["pillars"].get(pillar["code"]) or {}
        for f in ("name", "description"):
            if pillar.get(f) and f not in entry:
                rows.append((f"pillars.{pillar['code']}.{f}", pillar[f]))
    for code, question in _questions(v2).items():
        entry = carried["questions"].get(code) or {}
        for f in Q_FIELDS:
            if question.get(f) and f not in entry:
                rows.append((f"questions.{code}.{f}", question[f]))
        for o_code, option in _options(question).items():
            o_entry = (entry.get("options") or {}).get(o_code) or {}
            for f in O_FIELDS:
                if option.get(f) and f not in o_entry:
                    rows.append((f"questions.{code}.options.{o_code}.{f}", option[f]))
    return rows


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def dump(data: dict[str, Any]) -> str:
    name = NAMES[data["language"]]
    lines = [
        f"# {name} ({data['language']}) translation of seeds/questionnaire_v2.yaml",
        "# Format: seeds/translations/README.md. Carried over from questionnaire_v1.yaml where",
        "# the English is unchanged (scripts/carry_v2_translations.py); what is new or reworded",
        "# is not translated yet (see the list in the lead's notes). Draft; needs review.",
        f"language: {data['language']}",
        f"source: {data['source']}",
    ]
    for field in ("title", "description"):
        if field in data:
            lines.append(f"{field}: {_quoted(data[field])}")
    if data.get("levels"):
        lines.append("levels:")
        for level in data["levels"]:
            first = True
            for key, value in level.items():
                lines.append(f"  {'- ' if first else '  '}{key}: {_quoted(value)}")
                first = False
    lines.append("pillars:")
    for code, entry in data["pillars"].items():
        lines.append(f"  {code}:")
        lines += [f"    {key}: {_quoted(value)}" for key, value in entry.items()]
    lines.append("questions:")
    for code, entry in data["questions"].items():
        lines.append(f"  {code}:")
        for key, value in entry.items():
            if key == "options":
                lines.append("    options:")
                for o_code, o_entry in value.items():
                    lines.append(f"      {json.dumps(o_code)}:")
                    lines += [f"        {k}: {_quoted(v)}" for k, v in o_entry.items()]
            else:
                lines.append(f"    {key}: {_quoted(value)}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--todo", type=Path)
    args = parser.parse_args()
    v1, v2 = _english("questionnaire_v1.yaml"), _english("questionnaire_v2.yaml")
    missing: dict[str, list[tuple[str, str]]] = {}
    for language in LANGUAGES:
        folder = SEEDS / "translations" / language
        old = yaml.safe_load((folder / "questionnaire_v1.yaml").read_text(encoding="utf-8"))
        data = carry(v1, v2, old)
        text = dump(data)
        assert yaml.safe_load(text) == data, language  # the file says exactly what was carried
        (folder / "questionnaire_v2.yaml").write_text(text, encoding="utf-8")
        missing[language] = to_translate(v2, data)
    rows = missing[LANGUAGES[0]]
    assert all(left == rows for left in missing.values()), "languages differ"
    if args.todo:
        out = [
            "# Questionnaire v2: what each language still needs (issue 17)",
            "",
            f"The same {len(rows)} keys for every language: {', '.join(LANGUAGES)}.",
            "Add them to `seeds/translations/<lang>/questionnaire_v2.yaml` under the key shown",
            "(`questions.<code>.options.<option>.<field>` means `questions: <code>: options:",
            "<option>: <field>:`; format in seeds/translations/README.md). Everything else was",
            "carried over from v1 by `scripts/carry_v2_translations.py`: by code where v2 kept",
            "the English word for word, and any other text whose English is word for word a v1",
            "text (of the same kind: label, advice, text, help text) got that text's translation.",
            "Split between two translators by pillar: infrastructure + policy_finance, talent +",
            "cooperation (roughly half each).",
        ]
        question = ""
        for key, english in rows:
            head = key.split(".")[1] if key.startswith("questions.") else "pillars"
            if head != question:
                question = head
                out += ["", f"## {head}", ""]
            out.append(f"- `{key}`: {' '.join(english.split())}")
        args.todo.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
