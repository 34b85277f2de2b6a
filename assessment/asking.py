"""What the respondent is asked, page by page, as pure functions over plain data.

The questionnaire pages ask only the questions whose condition holds (conditions.py)
for the firm's profile and the answers saved so far: a pillar with nothing to ask is
left out of the page sequence, the progress bar and the review page count only what
applies, and a page's script receives each condition with what it cannot see (the
profile, answers on other pages) already decided. Nothing here touches the ORM or HTTP.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assessment import conditions


@dataclass(frozen=True)
class PageQuestion:
    """A question as the page sequence sees it: its code and condition, its options' codes
    by id (as the page's inputs carry them), whether it is required."""

    code: str
    show_if: Mapping[str, Any] | None = None
    options: Mapping[int, str] | None = None
    required: bool = False


@dataclass(frozen=True)
class PagePillar:
    code: str
    show_if: Mapping[str, Any] | None
    questions: Sequence[PageQuestion]


@dataclass(frozen=True)
class Journey:
    """The questions that apply and the pages (1-based pillar positions) that ask them."""

    asked: frozenset[str]
    pages: tuple[int, ...]

    def shows(self, index: int) -> bool:
        return index in self.pages

    def after(self, index: int) -> int | None:
        """The next page that asks something, or None: the review comes next."""
        return next((p for p in self.pages if p > index), None)

    def before(self, index: int) -> int | None:
        return next((p for p in reversed(self.pages) if p < index), None)

    def position(self, index: int) -> int:
        """The page's number as the respondent counts (hidden pillars left out)."""
        return sum(p <= index for p in self.pages)


def journey(
    pillars: Sequence[PagePillar],
    profile: Mapping[str, Any],
    answers: Mapping[str, conditions.Answer],
) -> Journey:
    asked = conditions.visible_codes(
        [
            conditions.Conditional(q.code, p.code, q.show_if, p.show_if)
            for p in pillars
            for q in p.questions
        ],
        profile,
        answers,
    )
    pages = tuple(
        number
        for number, p in enumerate(pillars, start=1)
        if any(q.code in asked for q in p.questions)
    )
    return Journey(asked, pages)


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def progress(asked: Collection[str], answered: Collection[str]) -> Progress:
    """Answers count only for questions that apply; a kept answer to a hidden one does not."""
    return Progress(sum(code in asked for code in answered), len(asked))


def for_script(
    condition: Mapping[str, Any] | None,
    *,
    on_page: Mapping[str, PageQuestion],
    profile: Mapping[str, Any],
    answers: Mapping[str, conditions.Answer],
    asked: Collection[str],
) -> dict[str, Any] | bool:
    """The condition as the page's script evaluates it (static/js/conditions.js).

    Terms on the profile or on questions of other pages are decided here (True / False);
    terms on questions of this page compare option ids (the inputs' values), not codes.
    """
    if not condition:
        return True
    for key in ("all", "any"):
        if key in condition:
            parts = [
                for_script(p, on_page=on_page, profile=profile, answers=answers, asked=asked)
                for p in condition[key]
            ]
            return {key: parts}
    code = condition.get("question")
    if code is None or code not in on_page:
        shown = {c: a for c, a in answers.items() if c in asked}
        return conditions.holds(condition, profile, shown)
    options = on_page[code].options or {}
    out: dict[str, Any] = {"question": code}
    for op in ("in", "not_in"):
        if op in condition:
            wanted = set(condition[op])
            out[op] = sorted(str(pk) for pk, c in options.items() if c in wanted)
    for op in ("gte", "lte"):
        if op in condition:
            out[op] = condition[op]
    return out
