"""When a question or a pillar applies to a firm (`show_if`), as pure functions over plain data.

A condition is JSON, stored on `Pillar.show_if` / `Question.show_if` and written the same
way in the questionnaire YAML (the format is documented in docs/conditions.md):

- ``{"all": [cond, ...]}`` / ``{"any": [cond, ...]}``: and / or, nestable;
- ``{"profile": field, "in": [values]}`` or ``"not_in"``: the firm's profile;
- ``{"question": code, "in": [option codes]}`` or ``"not_in"``: an earlier answer;
- ``{"question": code, "gte": n}`` or ``"lte"``: an earlier number answer.

An empty mapping means "always". A question that is unanswered or itself hidden makes
every comparison on it false, so a chain of conditions hides from the top down. Only
earlier questions may be named, which rules out cycles and lets one pass in
questionnaire order decide everything. Nothing here touches the ORM or HTTP.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assessment.choices import Country, Exports, Sector, SizeBand

# The profile fields a condition may read, with the stored codes each may take.
PROFILE_FIELDS: dict[str, tuple[Any, ...]] = {
    "country": tuple(Country.values),
    "sector": tuple(Sector.values),
    "size_band": tuple(SizeBand.values),
    "exports": tuple(Exports.values),
    "women_led": (True, False),
    "youth_led": (True, False, None),
}
_SETS = ("in", "not_in")
_NUMBERS = ("gte", "lte")
MAX_DEPTH = 5
MAX_TERMS = 50


class ConditionError(ValueError):
    """The condition cannot be read; the message says what is wrong, in an author's words."""


@dataclass(frozen=True)
class Answer:
    """What a condition reads of an answer: the chosen option codes or the number."""

    options: frozenset[str] = frozenset()
    number: float | None = None

    @property
    def given(self) -> bool:
        return bool(self.options) or self.number is not None


def check(
    condition: Any,
    *,
    earlier: Mapping[str, frozenset[str] | None] | None = None,
    where: str = "the condition",
) -> None:
    """Raise ConditionError unless condition is well formed.

    With `earlier` (code → its option codes, or None for a number question), every
    question named must be one of them, and option codes and comparisons must fit it:
    this is the publish-time check that no condition names a later or unknown question.
    """
    if condition in (None, {}):
        return
    terms = _check(condition, earlier, where, depth=0)
    if terms > MAX_TERMS:
        raise ConditionError(f"{where}: more than {MAX_TERMS} comparisons; split the question.")


def _check(
    cond: Any, earlier: Mapping[str, frozenset[str] | None] | None, where: str, depth: int
) -> int:
    if depth > MAX_DEPTH:
        raise ConditionError(f"{where}: nested more than {MAX_DEPTH} levels deep.")
    if not isinstance(cond, dict) or not cond:
        raise ConditionError(
            f"{where}: expected a mapping such as {{profile: exports, in: [yes]}}."
        )
    keys = set(cond)
    if keys & {"all", "any"}:
        if len(keys) != 1:
            raise ConditionError(f"{where}: “all” or “any” stands alone in its mapping.")
        (key,) = keys
        parts = cond[key]
        if not isinstance(parts, list) or not parts:
            raise ConditionError(f"{where}: “{key}” needs a non-empty list of conditions.")
        return sum(_check(part, earlier, where, depth + 1) for part in parts)
    if "profile" in keys:
        _check_profile(cond, where)
        return 1
    if "question" in keys:
        _check_question(cond, earlier, where)
        return 1
    raise ConditionError(
        f"{where}: unknown key(s) {', '.join(sorted(map(str, keys)))}; "
        "use all, any, profile or question."
    )


def _operator(cond: dict[str, Any], subject: str, allowed: tuple[str, ...], where: str) -> str:
    ops = set(cond) - {subject}
    if len(ops) != 1 or not ops <= set(allowed):
        raise ConditionError(
            f"{where}: a comparison on “{cond[subject]}” takes exactly one of {', '.join(allowed)}."
        )
    (op,) = ops
    return op


def _check_profile(cond: dict[str, Any], where: str) -> None:
    field = cond["profile"]
    if field not in PROFILE_FIELDS:
        raise ConditionError(
            f"{where}: unknown profile field “{field}”; use one of {', '.join(PROFILE_FIELDS)}."
        )
    op = _operator(cond, "profile", _SETS, where)
    values = cond[op]
    if not isinstance(values, list) or not values:
        raise ConditionError(f"{where}: “{op}” needs a non-empty list of values.")
    unknown = [v for v in values if v not in PROFILE_FIELDS[field] or isinstance(v, float)]
    if unknown:
        allowed = ", ".join(repr(v) for v in PROFILE_FIELDS[field])
        raise ConditionError(
            f"{where}: {field} cannot be {unknown[0]!r}; it is one of {allowed}"
            " (quote “yes” and “no” in YAML)."
        )


def _check_question(
    cond: dict[str, Any], earlier: Mapping[str, frozenset[str] | None] | None, where: str
) -> None:
    code = cond["question"]
    if not isinstance(code, str) or not code:
        raise ConditionError(f"{where}: “question” names a question by its code.")
    op = _operator(cond, "question", _SETS + _NUMBERS, where)
    value = cond[op]
    if op in _SETS:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise ConditionError(f"{where}: “{op}” needs a non-empty list of option codes.")
    elif isinstance(value, bool) or not isinstance(value, int | float):
        raise ConditionError(f"{where}: “{op}” needs a number.")
    if earlier is None:
        return
    if code not in earlier:
        raise ConditionError(
            f"{where}: names question “{code}”, which is not an earlier question of this "
            "version (a condition may only depend on questions asked before it)."
        )
    options = earlier[code]
    if op in _NUMBERS and options is not None:
        raise ConditionError(
            f"{where}: “{op}” compares numbers; “{code}” is not a number question."
        )
    if op in _SETS:
        if options is None:
            raise ConditionError(f"{where}: “{code}” is a number question; use gte or lte.")
        unknown = sorted(set(value) - options)
        if unknown:
            raise ConditionError(f"{where}: question “{code}” has no option “{unknown[0]}”.")


def holds(
    condition: Mapping[str, Any] | None,
    profile: Mapping[str, Any],
    answers: Mapping[str, Answer],
) -> bool:
    """Whether condition holds for this profile and these (visible) answers.

    `answers` holds only questions that are shown: a hidden question's answer is kept
    in the database but must not reveal the questions that depend on it.
    """
    if not condition:
        return True
    if "all" in condition:
        return all(holds(part, profile, answers) for part in condition["all"])
    if "any" in condition:
        return any(holds(part, profile, answers) for part in condition["any"])
    if "profile" in condition:
        value = profile.get(condition["profile"])
        if "in" in condition:
            return value in condition["in"]
        return value not in condition["not_in"]
    answer = answers.get(condition["question"])
    if answer is None or not answer.given:
        return False
    if "in" in condition:
        return bool(answer.options & set(condition["in"]))
    if "not_in" in condition:
        return bool(answer.options) and not answer.options & set(condition["not_in"])
    if answer.number is None:
        return False
    if "gte" in condition:
        return answer.number >= condition["gte"]
    return answer.number <= condition["lte"]


@dataclass(frozen=True)
class Conditional:
    """A question in questionnaire order with its own and its pillar's condition."""

    code: str
    pillar: str
    show_if: Mapping[str, Any] | None = None
    pillar_show_if: Mapping[str, Any] | None = None


def visible_codes(
    questions: Sequence[Conditional],
    profile: Mapping[str, Any],
    answers: Mapping[str, Answer],
) -> frozenset[str]:
    """The codes of the questions that apply, deciding in one pass in questionnaire order."""
    shown: dict[str, Answer] = {}
    visible: set[str] = set()
    pillar_shown: dict[str, bool] = {}
    for q in questions:
        if q.pillar not in pillar_shown:
            # A pillar's condition reads the profile and answers of earlier pillars only.
            pillar_shown[q.pillar] = holds(q.pillar_show_if, profile, shown)
        if pillar_shown[q.pillar] and holds(q.show_if, profile, shown):
            visible.add(q.code)
            if q.code in answers:
                shown[q.code] = answers[q.code]
    return frozenset(visible)


@dataclass(frozen=True)
class Asked:
    """A question as the publish check sees it: its code, condition and option codes."""

    code: str
    show_if: Mapping[str, Any] | None
    options: frozenset[str] | None  # None for a number question


def problems(
    pillars: Iterable[tuple[str, Mapping[str, Any] | None, Sequence[Asked]]],
) -> list[str]:
    """Every condition of a version that cannot be evaluated, in an author's words.

    `pillars` are (name, condition, questions) in questionnaire order. A condition may
    name only earlier questions, so a later, unknown or another version's question is
    refused, and with it every cycle.
    """
    out: list[str] = []
    earlier: dict[str, frozenset[str] | None] = {}

    def collect(condition: Mapping[str, Any] | None, where: str) -> None:
        try:
            check(condition, earlier=earlier, where=where)
        except ConditionError as exc:
            out.append(str(exc))

    for name, pillar_condition, questions in pillars:
        collect(pillar_condition, f"Pillar “{name}”")
        for q in questions:
            collect(q.show_if, f"Question {q.code}")
            earlier[q.code] = q.options
    return out


def references(condition: Mapping[str, Any] | None) -> set[str]:
    """The question codes a condition reads (for the page's script and change summaries)."""
    if not condition:
        return set()
    if "all" in condition or "any" in condition:
        parts = condition.get("all") or condition.get("any") or []
        return set().union(*(references(p) for p in parts))
    return {condition["question"]} if "question" in condition else set()
