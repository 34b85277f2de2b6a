"""What publishing a version changes against the one it replaces, in an editor's words.

Pure: two `version_to_dict` dicts in (the draft, and the published version of the same
questionnaire or None), a `Changes` value out, for the publish confirmation page. Questions
are matched by code, or by the old code a renamed one names in `previous_code`, and options
by code, as answers are carried over and compared; advice variants as advice_changes.py says.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from assessment.authoring.advice_changes import advice_variant_changes
from assessment.authoring.conditions_text import Labels, QuestionLabels, describe


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)  # "code: text"
    removed: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)  # "new-code: continues old-code"
    reworded: list[str] = field(default_factory=list)
    scoring: list[str] = field(default_factory=list)  # points, weights, maxima, types
    pillars: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)  # added, removed or changed, in words
    advice_variants: list[str] = field(default_factory=list)  # size- and sector-specific advice

    @property
    def nothing(self) -> bool:
        return not any(
            (
                self.added,
                self.removed,
                self.renamed,
                self.reworded,
                self.scoring,
                self.pillars,
                self.levels,
                self.conditions,
                self.advice_variants,
            )
        )


def version_changes(new: Mapping[str, Any], old: Mapping[str, Any] | None) -> Changes:
    """Every difference that changes what a respondent reads or how a score is made."""
    out = Changes()
    new_q = dict(_questions(new))
    if old is None:
        out.added = [f"{code}: {q['text']}" for code, (_p, q) in new_q.items()]
        return out
    out.conditions = condition_changes(new, old)
    old_q = dict(_questions(old))
    for code, (pillar, q) in new_q.items():
        old_code = code if code in old_q else q.get("previous_code")
        if old_code not in old_q:
            out.added.append(f"{code}: {q['text']}")
            continue
        if old_code != code:
            out.renamed.append(f"{code}: continues {old_code}")
        old_pillar, was = old_q[old_code]
        if was.get("text") != q.get("text") or was.get("help_text") != q.get("help_text"):
            out.reworded.append(f"{code}: “{was.get('text')}” → “{q.get('text')}”")
        if pillar != old_pillar:
            out.scoring.append(f"{code}: moved from pillar {old_pillar} to {pillar}")
        for key in ("type", "weight", "max_points", "required"):
            if was.get(key) != q.get(key):
                out.scoring.append(f"{code}: {key} {was.get(key)} → {q.get(key)}")
        out.scoring.extend(_option_changes(code, was, q))
        out.advice_variants.extend(advice_variant_changes(code, was, q))
    continued = {q.get("previous_code") for _p, q in new_q.values()}
    out.removed = [
        f"{code}: {was['text']}"
        for code, (_p, was) in old_q.items()
        if code not in new_q and code not in continued
    ]
    old_p = {p["code"]: p for p in old.get("pillars", [])}
    for p in new.get("pillars", []):
        before = old_p.get(p["code"])
        if before is None:
            out.pillars.append(f"{p['code']}: new pillar “{p.get('name')}”")
        elif before.get("weight") != p.get("weight") or before.get("name") != p.get("name"):
            out.pillars.append(
                f"{p['code']}: “{before.get('name')}”, weight {before.get('weight', 1)} → "
                f"“{p.get('name')}”, weight {p.get('weight', 1)}"
            )
    codes = {p["code"] for p in new.get("pillars", [])}
    out.pillars += [f"{c}: pillar removed" for c in old_p if c not in codes]
    levels = [(lv["name"], lv["min_score"]) for lv in new.get("levels", [])]
    before_levels = [(lv["name"], lv["min_score"]) for lv in old.get("levels", [])]
    if levels != before_levels:
        out.levels.append(f"{before_levels} → {levels}")
    return out


def _questions(data: Mapping[str, Any]) -> Iterator[tuple[str, tuple[str, dict[str, Any]]]]:
    for pillar in data.get("pillars", []):
        for q in pillar.get("questions", []):
            yield q["code"], (pillar["code"], q)


def _option_changes(code: str, was: Mapping[str, Any], now: Mapping[str, Any]) -> list[str]:
    before = {o["code"]: o for o in was.get("options", [])}
    after = {o["code"]: o for o in now.get("options", [])}
    out = [f"{code}: option {c} added" for c in after if c not in before]
    out += [f"{code}: option {c} removed" for c in before if c not in after]
    for c, o in after.items():
        if c in before and before[c].get("points", 0) != o.get("points", 0):
            out.append(
                f"{code}: option {c} points {before[c].get('points', 0)} → {o.get('points', 0)}"
            )
    return out


def labels_of(data: Mapping[str, Any]) -> Labels:
    """The question texts and option labels a condition's sentence quotes."""
    return {
        code: QuestionLabels(
            q.get("text", code),
            {o["code"]: o.get("label", o["code"]) for o in q.get("options", [])},
        )
        for code, (_p, q) in _questions(data)
    }


def condition_changes(new: Mapping[str, Any], old: Mapping[str, Any]) -> list[str]:
    """Pillars and questions whose condition was added, removed or changed, in words.

    Questions new or removed in the draft are listed as such already; a condition is
    compared only where the pillar or question is in both versions.
    """
    new_labels, old_labels = labels_of(new), labels_of(old)
    before = {f"pillar {p['code']}": p.get("show_if") or {} for p in old.get("pillars", [])}
    before |= {code: q.get("show_if") or {} for code, (_p, q) in _questions(old)}
    after = {f"pillar {p['code']}": p.get("show_if") or {} for p in new.get("pillars", [])}
    after |= {code: q.get("show_if") or {} for code, (_p, q) in _questions(new)}
    out = []
    for name, now in after.items():
        if name not in before or before[name] == now:
            continue
        was = before[name]
        if not was:
            out.append(f"{name}: condition added: {describe(now, new_labels)}")
        elif not now:
            out.append(f"{name}: condition removed (was: {describe(was, old_labels)})")
        else:
            out.append(
                f"{name}: condition changed: “{describe(was, old_labels)}” → "
                f"“{describe(now, new_labels)}”"
            )
    return out
