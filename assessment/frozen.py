"""The frozen result of a submitted assessment: its shape, typed, and how stored rows load.

`Assessment.result` holds this as JSON, written once by `results.build_result` when the
assessment is submitted and never rescored, so editing the questionnaire later changes no
report. Every reader (the readout, benchmarks, analytics, exports) takes a `FrozenResult`.

`format` names the shape. A row written before `format` was stored, or by an older
format, is upgraded by `load_result` on reading; the stored JSON is left as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, NotRequired, TypedDict, cast

RESULT_FORMAT: Literal[1] = 1

QuestionStatus = Literal[
    "scored", "not_applicable", "dont_know", "unanswered", "unscored", "not_asked"
]


class FrozenAnswer(TypedDict):
    options: list[str]  # English labels as frozen
    # Codes beside the labels, so texts can be looked up in another language. Results
    # frozen before codes were stored lack them and keep their English labels.
    option_codes: NotRequired[list[str]]
    number: float | None
    unit: str
    text: str


class FrozenQuestion(TypedDict):
    code: str
    text: str
    type: str
    status: QuestionStatus
    score: float | None  # points / maximum, in [0, 1]
    points: float | None
    max_points: float | None
    weight: float
    gap: float | None  # overall points lost against a perfect answer
    answer: FrozenAnswer
    advice: list[str]
    advice_codes: NotRequired[list[str]]
    # Beside each piece of advice, the variant of the option's advice it is (0: the
    # option's own; assessment/advice_fit.py); absent from results frozen before.
    advice_variants: NotRequired[list[int]]
    aligned_with: NotRequired[str]
    # "Tick all that apply" questions (issue 15): the options not ticked that would earn
    # points and apply to the firm's size and sector, most useful first, with their
    # advice. Absent from results frozen before; readers then fall back to `advice`.
    missing: NotRequired[list[str]]  # labels
    missing_codes: NotRequired[list[str]]
    missing_advice: NotRequired[list[str]]
    missing_advice_codes: NotRequired[list[str]]
    missing_advice_variants: NotRequired[list[int]]

    # Who takes the first step and roughly what it costs (assessment.choices StepWho,
    # StepEffort codes); results frozen before they existed lack them.
    step_who: NotRequired[str]
    step_effort: NotRequired[str]


class FrozenPillar(TypedDict):
    code: str
    name: str
    description: str
    weight: float
    score: float | None
    level: str | None
    questions: list[FrozenQuestion]


class FrozenLevel(TypedDict):
    name: str
    min_score: float
    description: str


class FrozenQuestionnaire(TypedDict):
    slug: str
    number: int
    title: str


class FrozenProfile(TypedDict, total=False):
    name: str
    country: str
    province: str
    sector: str
    size_band: str
    founded_year: int | None
    women_led: bool | None
    # Added with catalogue v2 (issue 15); absent from results frozen before it.
    youth_led: bool | None
    exports: str  # "yes", "planning" (wants to), "no", or "" (not said)


class FrozenResult(TypedDict):
    format: Literal[1]
    questionnaire: FrozenQuestionnaire
    profile: FrozenProfile
    overall: float | None
    level: str | None
    levels: list[FrozenLevel]
    pillars: list[FrozenPillar]
    dont_know: list[str]


class UnknownResultFormat(ValueError):
    """A stored result of a format this code does not read (written by a newer release)."""


def load_result(raw: Mapping[str, Any] | None) -> FrozenResult:
    """A stored result as a `FrozenResult`: defaults for what older rows lack.

    Rows from before `format` was written hold the same keys as format 1, apart from
    option codes, which readers treat as optional.
    """
    data = dict(raw or {})
    found = data.get("format", RESULT_FORMAT)
    if found != RESULT_FORMAT:
        raise UnknownResultFormat(f"Result format {found!r}; this release reads {RESULT_FORMAT}.")
    data["format"] = RESULT_FORMAT
    data.setdefault("questionnaire", {"slug": "", "number": 0, "title": ""})
    data.setdefault("profile", {})
    data.setdefault("overall", None)
    data.setdefault("level", None)
    data.setdefault("levels", [])
    data.setdefault("pillars", [])
    data.setdefault("dont_know", [])
    return cast(FrozenResult, data)
