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


def carry(v1: dict[str, Any], v2: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """The v2 translation: old's entries whose English source is unchanged."""
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
        before_options = _options(before) if before else {}
        options = {}
        for o_code, option in _options(question).items():
            o_translated = (translated.get("options") or {}).get(o_code) or {}
            o_entry = {
                f: o_translated[f]
                for f in O_FIELDS
                if f in o_translated and _same(before_options.get(o_code), option, f)
            }
            if o_entry:
                options[o_code] = o_entry
        if options:
            entry["options"] = options
        if entry:
            questions[code] = entry
    out["questions"] = questions
    return out


def to_translate(v1: dict[str, Any], v2: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(key, English, note) for every v2 text that carry() leaves out."""
    rows: list[tuple[str, str, str]] = []
    # Same English text elsewhere in v1: its translation can be reused as it is.
    memory: dict[str, str] = {}
    for q in _questions(v1).values():
        for f in Q_FIELDS:
            if q.get(f):
                memory.setdefault(q[f], f"v1 {q['code']} {f}")
        for o in _options(q).values():
            for f in O_FIELDS:
                if o.get(f):
                    memory.setdefault(o[f], f"v1 {q['code']}/{o['code']} {f}")
    v1_pillars = {p["code"]: p for p in v1["pillars"]}
    for pillar in v2["pillars"]:
        for f in ("name", "description"):
            if pillar.get(f) and not _same(v1_pillars.get(pillar["code"]), pillar, f):
                rows.append((f"pillars.{pillar['code']}.{f}", pillar[f], ""))
    v1_questions = _questions(v1)
    for code, question in _questions(v2).items():
        before = v1_questions.get(code)
        for f in Q_FIELDS:
            if question.get(f) and not _same(before, question, f):
                rows.append((f"questions.{code}.{f}", question[f], memory.get(question[f], "")))
        before_options = _options(before) if before else {}
        for o_code, option in _options(question).items():
            for f in O_FIELDS:
                if option.get(f) and not _same(before_options.get(o_code), option, f):
                    note = memory.get(option[f], "")
                    rows.append((f"questions.{code}.options.{o_code}.{f}", option[f], note))
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
    for language in LANGUAGES:
        folder = SEEDS / "translations" / language
        old = yaml.safe_load((folder / "questionnaire_v1.yaml").read_text(encoding="utf-8"))
        data = carry(v1, v2, old)
        text = dump(data)
        assert yaml.safe_load(text) == data, language  # the file says exactly what was carried
        (folder / "questionnaire_v2.yaml").write_text(text, encoding="utf-8")
    if args.todo:
        rows = to_translate(v1, v2)
        out = [
            "# Questionnaire v2: what each language still needs (issue 17)",
            "",
            f"The same {len(rows)} keys for every language: th, vi, km, lo, my, zh-hans.",
            "Add them to `seeds/translations/<lang>/questionnaire_v2.yaml` under the key shown",
            "(`questions.<code>.options.<option>.<field>` means `questions: <code>: options:",
            "<option>: <field>:`; format in seeds/translations/README.md). Everything else was",
            "carried over from v1 by `scripts/carry_v2_translations.py` (English unchanged).",
            "A note 'same English as v1 …' means the v1 translation of that text can be reused",
            "as it is (the option code changed, not the words).",
            "",
        ]
        question = ""
        for key, english, note in rows:
            head = key.split(".")[1] if key.startswith("questions.") else "pillars"
            if head != question:
                question = head
                out += ["", f"## {head}", ""]
            flat = " ".join(english.split())
            extra = f" _(same English as {note}: reuse its translation)_" if note else ""
            out.append(f"- `{key}`: {flat}{extra}")
        args.todo.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
