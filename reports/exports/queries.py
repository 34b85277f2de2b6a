"""Reading submitted assessments for the anonymised export, a chunk at a time.

The database side of the export: which assessments (one questionnaire version, the
consenting companies' submitted ones, the filters), read in chunks with a fixed number
of queries per chunk whatever its size. Rows are made by reports/exports/rows.py and
written by reports/exports/formats.py, both free of the ORM.

Memory stays bounded whatever the number of rows:
- the assessments are read with `.iterator(chunk_size=...)` (a server-side cursor on
  PostgreSQL), and only a few keys of each frozen result are extracted in SQL, so
  the bulky rest of the result (texts, advice) and the company's name never leave the
  database;
- the answers of a chunk come in one query (a row per ticked option), and are dropped
  once the chunk's rows are written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import IO, Any

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.utils import timezone

from assessment.models import Answer, Assessment, Option, Question, QuestionnaireVersion
from reports.exports.formats import csv_chunks, write_xlsx
from reports.exports.rows import (
    AnswerCells,
    Cell,
    Layout,
    QuestionColumn,
    ResponseRecord,
    build_row,
    codebook_rows,
    pseudonym,
)

CHUNK_SIZE = 1000
PROFILE_KEYS = (
    "country",
    "sector",
    "size_band",
    "founded_year",
    "women_led",
    "youth_led",
    "exports",
)


class VersionNotFound(Exception):
    """The questionnaire version asked for does not exist (or none is published)."""


@dataclass(frozen=True)
class ExportFilters:
    """Optional narrowing, on the profile as frozen at submission (what the rows show)."""

    country: str = ""
    sector: str = ""
    size_band: str = ""
    cohort: str = ""  # a cohort code
    submitted_from: date | None = None
    submitted_to: date | None = None


@dataclass(frozen=True)
class PreparedExport:
    version: QuestionnaireVersion
    layout: Layout
    codebook: list[list[Cell]]
    filters: ExportFilters


def latest_published_version() -> QuestionnaireVersion | None:
    return (
        QuestionnaireVersion.objects.filter(status=QuestionnaireVersion.Status.PUBLISHED)
        .order_by("-published_at", "-pk")
        .first()
    )


def find_version(spec: str | None) -> QuestionnaireVersion:
    """A version by "slug:number" or database id; the latest published one by default."""
    if not spec:
        version = latest_published_version()
        if version is None:
            raise VersionNotFound("No questionnaire version is published.")
        return version
    slug, colon, number = spec.partition(":")
    if colon:
        if not number.isdigit():
            raise VersionNotFound(f"“{spec}”: the version number after the colon is not a number.")
        version = QuestionnaireVersion.objects.filter(slug=slug, number=int(number)).first()
    elif spec.isdigit():
        version = QuestionnaireVersion.objects.filter(pk=int(spec)).first()
    else:
        raise VersionNotFound(f"“{spec}”: give SLUG:NUMBER (e.g. mekong-sme:1) or a version id.")
    if version is None:
        raise VersionNotFound(f"No questionnaire version “{spec}”.")
    return version


def prepare_export(
    version: QuestionnaireVersion,
    filters: ExportFilters | None = None,
    *,
    include_free_text: bool = False,
) -> PreparedExport:
    """The version's columns and code book (three queries)."""
    pillar_codes = tuple(version.pillars.values_list("code", flat=True))
    questions = list(
        Question.objects.filter(pillar__questionnaire=version)
        .order_by("pillar__order", "pillar_id", "order", "id")
        .values_list("id", "code", "type", "text", "pillar__code")
    )
    options: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for option_id, question_id, code, label in (
        Option.objects.filter(question__pillar__questionnaire=version)
        .order_by("order", "id")
        .values_list("id", "question_id", "code", "label")
    ):
        options[question_id].append((option_id, code, label))
    layout = Layout(
        version_label=version.label,
        pillar_codes=pillar_codes,
        questions=tuple(
            QuestionColumn(qid, code, qtype, {oid: ocode for oid, ocode, _ in options[qid]})
            for qid, code, qtype, _, _ in questions
        ),
        include_free_text=include_free_text,
    )
    exported = {q.id for q in layout.question_columns}
    codebook = codebook_rows(
        [
            (pillar, code, qtype, text, [(ocode, label) for _, ocode, label in options[qid]])
            for qid, code, qtype, text, pillar in questions
            if qid in exported
        ]
    )
    return PreparedExport(version, layout, codebook, filters or ExportFilters())


def responses(export: PreparedExport) -> QuerySet[Assessment, Mapping[str, Any]]:
    """The assessments to export, as dicts of the few values a row needs.

    (Typed as mappings: the stubs know the named columns, not the profile and pillar
    columns built from PROFILE_KEYS and the layout.)

    Only companies whose owner consented to the anonymised use of their answers, as for
    the benchmarks; withdrawn consent takes the company out of the next export.
    """
    filters = export.filters
    queryset = Assessment.objects.filter(
        questionnaire=export.version,
        status=Assessment.Status.SUBMITTED,
        company__owner__benchmark_consent_at__isnull=False,
    )
    for key in ("country", "sector", "size_band"):
        if value := getattr(filters, key):
            # A JSON key lookup: the value is compared as a JSON string on both databases.
            queryset = queryset.filter(**{f"result__profile__{key}": value})
    if filters.cohort:
        queryset = queryset.filter(cohort__code=filters.cohort)
    if filters.submitted_from:
        queryset = queryset.filter(submitted_at__date__gte=filters.submitted_from)
    if filters.submitted_to:
        queryset = queryset.filter(submitted_at__date__lte=filters.submitted_to)
    # Pillar scores by position: a version with answers cannot change, and each row's
    # own frozen code at that position is checked before its score is used.
    positions = range(len(export.layout.pillar_codes))
    return queryset.order_by("submitted_at", "pk").values(
        "pk",
        "company_id",
        "submitted_at",
        "language",
        "overall_score",
        "level",
        "cohort__code",
        **{key: KT(f"result__profile__{key}") for key in PROFILE_KEYS},
        **{f"pillar_code_{i}": KT(f"result__pillars__{i}__code") for i in positions},
        **{f"pillar_score_{i}": KT(f"result__pillars__{i}__score") for i in positions},
    )


def row_chunks(export: PreparedExport, chunk_size: int = CHUNK_SIZE) -> Iterator[list[list[Cell]]]:
    """The export rows, a chunk at a time: one query for the chunk's answers each."""
    stream = responses(export).iterator(chunk_size=chunk_size)
    while chunk := list(islice(stream, chunk_size)):
        answers = _answers(export.layout, [row["pk"] for row in chunk])
        yield [
            build_row(export.layout, _record(export.layout, row), answers.get(row["pk"], {}))
            for row in chunk
        ]


def csv_stream(export: PreparedExport, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    return csv_chunks(export.layout.header(), row_chunks(export, chunk_size))


def write_xlsx_export(
    export: PreparedExport, target: IO[bytes], chunk_size: int = CHUNK_SIZE
) -> None:
    write_xlsx(target, export.layout.header(), row_chunks(export, chunk_size), export.codebook)


def export_filename(version: QuestionnaireVersion, fmt: str, today: date | None = None) -> str:
    today = today or timezone.localdate()
    return f"mekong-responses-{version.slug}-v{version.number}-{today.isoformat()}.{fmt}"


def _answers(layout: Layout, assessment_ids: list[int]) -> dict[int, dict[int, AnswerCells]]:
    """The chunk's answers in one query, a row per ticked option, grouped by assessment.

    The text column is read only when free text is exported, so by default no free
    text leaves the database at all.
    """
    question_ids = [q.id for q in layout.question_columns]
    fields = ["assessment_id", "question_id", "number", "options"]
    if layout.include_free_text:
        fields.append("text")
    rows = Answer.objects.filter(
        assessment_id__in=assessment_ids, question_id__in=question_ids
    ).values_list(*fields)
    grouped: dict[int, dict[int, AnswerCells]] = defaultdict(dict)
    for assessment_id, question_id, number, option_id, *text in rows:
        cells = grouped[assessment_id].get(question_id)
        if cells is None:
            cells = AnswerCells(number=number, text=text[0] if text else "")
            grouped[assessment_id][question_id] = cells
        if option_id is not None:
            cells.option_ids.append(option_id)
    return grouped


def _record(layout: Layout, row: Mapping[str, Any]) -> ResponseRecord:
    secret = settings.SECRET_KEY
    scores = {}
    for i, code in enumerate(layout.pillar_codes):
        if _json_text(row[f"pillar_code_{i}"]) == code:
            scores[code] = _number(row[f"pillar_score_{i}"])
    year = _json_text(row["founded_year"])
    return ResponseRecord(
        response_id=pseudonym(secret, "assessment", row["pk"]),
        company_ref=pseudonym(secret, "company", row["company_id"]),
        submitted_on=timezone.localdate(row["submitted_at"]) if row["submitted_at"] else None,
        language=row["language"],
        country=_json_text(row["country"]),
        sector=_json_text(row["sector"]),
        size_band=_json_text(row["size_band"]),
        founded_year=None if year is None else int(year),
        women_led=_json_bool(row["women_led"]),
        youth_led=_json_bool(row["youth_led"]),
        exports=_json_text(row["exports"]) or None,
        cohort=row["cohort__code"],
        overall=row["overall_score"],
        level=row["level"] or None,
        pillar_scores=scores,
    )


def _json_text(value: Any) -> Any:
    # SQLite's KT reads a JSON null as the text "null"; PostgreSQL's ->> gives NULL.
    return None if value is None or value == "null" else value


def _number(value: Any) -> float | None:
    # KT gives text on PostgreSQL and a number on SQLite.
    value = _json_text(value)
    return None if value is None else float(value)


def _json_bool(value: Any) -> bool | None:
    # A JSON true comes back as 1 from SQLite and as "true" from PostgreSQL.
    value = _json_text(value)
    if value is None:
        return None
    return value in (True, 1, "1", "true")
