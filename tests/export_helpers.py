"""Submitted assessments for the export tests, and reading exports back."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
from collections.abc import Callable, Iterable

import openpyxl
from django.utils import timezone

from assessment.models import Assessment, Cohort, Company, QuestionnaireVersion, User
from tests.conftest import answer, answer_all

_numbers = itertools.count(1)
OBSTACLE = "Our accountant Mr Bounmy Phommachanh at bounmy@example.org is retiring"


def with_obstacle(text: str = OBSTACLE) -> Callable[[Assessment], None]:
    """answer_all plus a free-text answer to tal-obstacle."""

    def answers(assessment: Assessment) -> None:
        answer_all(assessment)
        answer(assessment, "tal-obstacle", text=text)

    return answers


def firm(
    *,
    consent: bool = True,
    country: str = "LA",
    sector: str = "creative",
    size_band: str = "micro",
    founded_year: int | None = 2013,
    women_led: bool = True,
    cohort: Cohort | None = None,
) -> Company:
    n = next(_numbers)
    owner = User.objects.create_user(
        f"export-firm{n}@example.org",
        None,
        first_name="Somchai",
        last_name=f"Owner{n}",
        benchmark_consent_at=timezone.now() if consent else None,
    )
    return Company.objects.create(
        owner=owner,
        name=f"Luang Prabang Silk {n} Ltd",
        country=country,
        province="Xiengkhouang",
        sector=sector,
        size_band=size_band,
        founded_year=founded_year,
        women_led=women_led,
        cohort=cohort,
    )


def submitted(
    company: Company,
    version: QuestionnaireVersion,
    answers: Callable[[Assessment], None] = answer_all,
    *,
    at: datetime.datetime | None = None,
    language: str = "en",
) -> Assessment:
    assessment = Assessment.objects.create(
        company=company, questionnaire=version, cohort=company.cohort, language=language
    )
    answers(assessment)
    assert assessment.submit()
    if at is not None:
        Assessment.objects.filter(pk=assessment.pk).update(submitted_at=at)
    assessment.refresh_from_db()
    return assessment


def csv_rows(data: bytes | Iterable[bytes]) -> list[dict[str, str]]:
    if not isinstance(data, bytes):
        data = b"".join(data)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def xlsx_sheet(data: bytes, sheet: str = "Responses") -> list[list[openpyxl.cell.Cell]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return [list(row) for row in workbook[sheet].iter_rows()]


def xlsx_rows(data: bytes) -> list[dict[str, object]]:
    header, *rows = xlsx_sheet(data)
    names = [cell.value for cell in header]
    return [dict(zip(names, (cell.value for cell in row), strict=True)) for row in rows]
