"""A condition (`show_if`, conditions.py) in words, in the active language.

Pure: the condition and the labels of the questions it names in, a sentence out. The
fixed parts go through gettext; question and option labels come in already translated
(the caller reads them in the reader's language), and a code stands in for a label the
caller did not give, so a sentence is never left with a hole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from assessment.choices import Country, Exports, Sector, SizeBand


@dataclass(frozen=True)
class QuestionLabels:
    """What a sentence quotes of a question: its text and its options' labels by code."""

    text: str
    options: Mapping[str, str] = field(default_factory=dict)


Labels = Mapping[str, QuestionLabels]


def _field_names() -> dict[str, str]:
    return {
        "country": _("country"),
        "sector": _("sector"),
        "size_band": _("size"),
        "exports": _("export status"),
        "women_led": _("women-led"),
        "youth_led": _("youth-led"),
    }


def _value_label(profile_field: str, value: Any) -> str:
    choices = {
        "country": Country,
        "sector": Sector,
        "size_band": SizeBand,
        "exports": Exports,
    }.get(profile_field)
    if choices is not None:
        return str(dict(choices.choices).get(value, value))
    return {True: _("yes"), False: _("no"), None: _("not said")}.get(value, str(value))


def quoted(text: str) -> str:
    return _("“%(text)s”") % {"text": text}


def either(items: Sequence[str]) -> str:
    """“a, b or c”."""
    if len(items) == 1:
        return items[0]
    return _("%(items)s or %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def both(items: Sequence[str]) -> str:
    """“a, b and c”."""
    if len(items) == 1:
        return items[0]
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def clause(condition: Mapping[str, Any], labels: Labels, *, nested: bool = False) -> str:
    """The condition as a clause that follows “if”, e.g. “the business exports or plans to”."""
    if "all" in condition or "any" in condition:
        parts = [clause(p, labels, nested=True) for p in condition.get("all") or condition["any"]]
        # Clauses are joined one by one (“a and b and c”): a comma list of clauses that
        # hold their own lists of values would not say where each one ends.
        pattern = _("%(items)s and %(last)s") if "all" in condition else _("%(items)s or %(last)s")
        text = parts[0]
        for part in parts[1:]:
            text = pattern % {"items": text, "last": part}
        return f"({text})" if nested and len(parts) > 1 else text
    if "profile" in condition:
        return _profile_clause(condition)
    return _question_clause(condition, labels)


def _profile_clause(condition: Mapping[str, Any]) -> str:
    name = condition["profile"]
    negated = "not_in" in condition
    values = list(condition["not_in"] if negated else condition["in"])
    if name == "exports" and not negated:
        wanted = set(values)
        if wanted == {"yes", "planning"}:
            return _("the business exports or plans to")
        if wanted == {"yes"}:
            return _("the business exports")
        if wanted == {"no"}:
            return _("the business sells only in its own country")
    if name in ("women_led", "youth_led") and values in ([True], [False]):
        is_led = values == [True]
        if negated:
            is_led = not is_led
        if name == "women_led":
            return _("the business is women-led") if is_led else _("the business is not women-led")
        return _("the business is youth-led") if is_led else _("the business is not youth-led")
    words = {
        "field": _field_names().get(name, name),
        "values": either([_value_label(name, v) for v in values]),
    }
    if negated:
        return _("the business's %(field)s is not %(values)s") % words
    return _("the business's %(field)s is %(values)s") % words


def _question_clause(condition: Mapping[str, Any], labels: Labels) -> str:
    code = condition["question"]
    question = labels.get(code) or QuestionLabels(code)
    title = quoted(question.text)
    if "gte" in condition or "lte" in condition:
        words = {"question": title, "number": f"{condition.get('gte', condition.get('lte')):g}"}
        if "gte" in condition:
            return _("your answer to %(question)s is at least %(number)s") % words
        return _("your answer to %(question)s is at most %(number)s") % words
    negated = "not_in" in condition
    options = either(
        [quoted(question.options.get(c, c)) for c in condition["not_in" if negated else "in"]]
    )
    if negated:
        return _("you answered %(question)s with something other than %(options)s") % {
            "question": title,
            "options": options,
        }
    return _("you answered %(options)s to %(question)s") % {"question": title, "options": options}


def describe(condition: Mapping[str, Any] | None, labels: Labels) -> str:
    """“Asked only if …”, or "" for a condition that always holds."""
    if not condition:
        return ""
    return _("Asked only if %(condition)s.") % {"condition": clause(condition, labels)}


def not_applicable_reason(condition: Mapping[str, Any] | None, labels: Labels) -> str:
    """Why a pillar has no score: its condition, or that none of its questions applied."""
    if condition:
        return _("Not asked: these questions apply only if %(condition)s.") % {
            "condition": clause(condition, labels)
        }
    return _("None of these questions applied to your business, so they were not scored.")
