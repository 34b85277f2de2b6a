"""Rows of the anonymised response export, with every cell safe to open in a spreadsheet.

Plain data in, plain rows out: no ORM and no HTTP, so the same rows feed the CSV and the
XLSX writers (reports/exports/formats.py), and the rules are tested without a database.
reports/exports/queries.py reads the database and builds the records this module turns into rows.

What leaves, and why (the data is pseudonymised, not open data):
- Opaque ids: a keyed hash (HMAC with the site's SECRET_KEY) of the assessment and of
  the company, stable across exports so re-assessments can be paired, and impossible
  to turn back into database ids or names without the key.
- The profile as frozen at submission, coarsened: country, sector, size band, the decade
  the firm was founded (an exact year narrows a small sector down to a few firms),
  women-led, youth-led, whether it sells abroad, and the cohort code. The province is
  left out: it is typed freely and, next to sector and size, can point at a single firm.
- The submission date (no time of day), the language, the scores and levels, and one
  column per question. Free-text answers leave only when asked for explicitly.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

Cell = str | int | float | Decimal | date | None

# OWASP's CSV-injection list: a spreadsheet treats a text cell that starts with one of
# these as a formula (or, for tab and carriage return, may strip them and then see one).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Full-width forms, which some spreadsheets normalise when they read CJK input (this
# app's respondents write Chinese), and leading spaces before a trigger. Neither is on
# OWASP's list; prefixing them costs one character and removes the doubt.
FULL_WIDTH_TRIGGERS = ("＝", "＋", "－", "＠")

TEXT_TYPE = "text"
MULTIPLE_SEPARATOR = "|"

PROFILE_HEADER = (
    "response_id",
    "company_ref",
    "questionnaire",
    "submitted_on",
    "language",
    "country",
    "sector",
    "size_band",
    "founded_decade",
    "women_led",
    "youth_led",
    "exports",
    "cohort",
    "overall_score",
    "level",
)


def neutralise(text: str) -> str:
    """Text a spreadsheet shows as text: a leading formula character gets a ' in front.

    The quote is OWASP's advice: spreadsheets hide it and keep the rest as typed. It is
    kept in the XLSX too, so a copy saved as CSV from the spreadsheet stays inert.
    """
    stripped = text.lstrip(" ")
    if text.startswith(FORMULA_TRIGGERS) or stripped.startswith(
        FORMULA_TRIGGERS + FULL_WIDTH_TRIGGERS
    ):
        return "'" + text
    return text


def safe_cell(value: Cell | bool) -> Cell:
    """A cell ready for either format: text neutralised, numbers and dates left as they are.

    Numbers stay numbers (a negative score or answer is written as -5, which every
    spreadsheet reads as the number -5; it cannot carry a formula because it comes from
    a Python number, not from text someone typed). Only text can smuggle a formula in.
    """
    if isinstance(value, bool):  # before int: bool is a subclass of int
        return "yes" if value else "no"
    if isinstance(value, str):
        return neutralise(value)
    return value


def pseudonym(secret: str, purpose: str, pk: int) -> str:
    """A stable opaque id: 16 hex digits of HMAC-SHA256(secret, purpose:pk).

    Keyed, so nobody without the key can recompute it from guessed database ids; the
    purpose keeps a company's id and an assessment's id with the same pk unrelated.
    Rotating SECRET_KEY changes every id (old and new exports then no longer join).
    """
    message = f"mekong-export:{purpose}:{pk}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:16]


def founded_decade(year: int | None) -> int | None:
    return None if year is None else year - year % 10


@dataclass(frozen=True)
class QuestionColumn:
    """One question of the exported version and its options' codes, in option order."""

    id: int
    code: str
    type: str
    option_codes: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Layout:
    """The columns of one questionnaire version's export."""

    version_label: str
    pillar_codes: tuple[str, ...]
    questions: tuple[QuestionColumn, ...]
    include_free_text: bool = False

    @property
    def question_columns(self) -> tuple[QuestionColumn, ...]:
        # Without the explicit choice, free-text questions have no column at all: an
        # empty column would still say the question exists and invite a second look.
        return tuple(q for q in self.questions if self.include_free_text or q.type != TEXT_TYPE)

    def header(self) -> list[Cell]:
        names = [
            *PROFILE_HEADER,
            *(f"score_{code}" for code in self.pillar_codes),
            *(q.code for q in self.question_columns),
        ]
        return [safe_cell(name) for name in names]


@dataclass(frozen=True)
class ResponseRecord:
    """One submitted assessment as the export sees it: ids already opaque."""

    response_id: str
    company_ref: str
    submitted_on: date | None
    language: str
    country: str | None
    sector: str | None
    size_band: str | None
    founded_year: int | None
    women_led: bool | None
    cohort: str | None
    overall: float | None
    level: str | None
    pillar_scores: Mapping[str, float | None]
    # Asked since catalogue v2; None when not said or submitted before it was asked.
    youth_led: bool | None = None
    exports: str | None = None  # "yes", "planning" or "no"


@dataclass
class AnswerCells:
    """The stored answer to one question: ticked option ids, a number, a text."""

    option_ids: list[int] = field(default_factory=list)
    number: Decimal | None = None
    text: str = ""


def build_row(
    layout: Layout, record: ResponseRecord, answers: Mapping[int, AnswerCells]
) -> list[Cell]:
    """The export row of one assessment; `answers` is keyed by question id."""
    cells: list[Cell | bool] = [
        record.response_id,
        record.company_ref,
        layout.version_label,
        record.submitted_on,
        record.language,
        record.country,
        record.sector,
        record.size_band,
        founded_decade(record.founded_year),
        record.women_led,
        record.youth_led,
        record.exports,
        record.cohort,
        record.overall,
        record.level,
        *(record.pillar_scores.get(code) for code in layout.pillar_codes),
        *(answer_cell(q, answers.get(q.id)) for q in layout.question_columns),
    ]
    return [safe_cell(cell) for cell in cells]


def answer_cell(question: QuestionColumn, answer: AnswerCells | None) -> Cell:
    """Option codes (several joined by |, in option order), a number, or the free text."""
    if answer is None:
        return None
    if question.type == TEXT_TYPE:
        return answer.text or None
    if answer.number is not None:
        return plain_number(answer.number)
    ticked = set(answer.option_ids)
    codes = [code for option_id, code in question.option_codes.items() if option_id in ticked]
    return MULTIPLE_SEPARATOR.join(codes) or None


def plain_number(value: Decimal) -> int | Decimal:
    """50.00 as 50 and 12.50 as 12.5: what was typed, without the column's fixed places."""
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def codebook_rows(
    questions: Sequence[tuple[str, str, str, str, Sequence[tuple[str, str]]]],
) -> list[list[Cell]]:
    """The XLSX's "Questions" sheet: what each column and option code means.

    Each question is (pillar code, question code, type, text, [(option code, label)]).
    """
    rows: list[list[Cell]] = [
        [safe_cell(h) for h in ("pillar", "question", "type", "text", "options")]
    ]
    for pillar, code, qtype, text, options in questions:
        legend = "; ".join(f"{option} = {label}" for option, label in options)
        rows.append([safe_cell(v) for v in (pillar, code, qtype, text, legend or None)])
    return rows
