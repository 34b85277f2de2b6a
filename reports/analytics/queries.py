"""Analytics read from the database: filters as a queryset, narrow rows, SQL aggregates.

Built to stay within seconds at 100,000 submitted assessments on PostgreSQL:
- Only `Assessment.figures` (under 1 KB, kept in the row), the level, the overall score
  and the dates are read, never the frozen result (some 30 KB, compressed out of line;
  reading one key of it for 100,000 rows takes seconds), and never model instances.
- Each company's latest selected assessment is picked in SQL (NOT EXISTS a later one),
  the monthly counts and the per-question means are SQL aggregates, and only the
  latest rows' few columns reach Python, streamed in chunks, for pandas' quartiles.
- A page runs a fixed number of queries whatever the number of assessments.

Only companies whose owner consented to the anonymised use of their answers are
counted, as for the benchmarks and the exports.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    DateField,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
)
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import TruncMonth
from django.utils import timezone

from assessment.choices import Country
from assessment.models import (
    Assessment,
    Cohort,
    Company,
    MaturityLevel,
    Pillar,
    Question,
    QuestionnaireVersion,
)
from reports.analytics import stats as analytics
from reports.analytics.stats import (
    Distribution,
    LevelRow,
    MonthCount,
    QuestionInfo,
    Submission,
    Weakest,
)
from reports.models import PlanMark

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

CHUNK_SIZE = 5000
SUBMITTED = Assessment.Status.SUBMITTED


class JsonValue(Func):
    """A value inside a JSON column by path; SQL NULL for a JSON null or a missing key.

    Not Django's KT: on SQLite KT reads a JSON null as the text "null", which would
    cast to 0 and pull a mean down. PostgreSQL's #>> and SQLite's JSON_EXTRACT both
    give NULL, which AVG and COUNT skip.
    """

    def __init__(self, column: str, *path: str | int, output_field: Any = None) -> None:
        super().__init__(F(column), output_field=output_field or FloatField())
        self.path = path

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, tuple[str | int | list[str], ...]]:
        column, params = compiler.compile(self.source_expressions[0])
        text = f"({column} #>> %s)"
        if isinstance(self.output_field, FloatField):
            text = f"{text}::double precision"
        return text, (*params, [str(p) for p in self.path])

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[str | int, ...]]:
        column, params = compiler.compile(self.source_expressions[0])
        path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path)
        return f"JSON_EXTRACT({column}, %s)", (*params, path)


@dataclass(frozen=True)
class Filters:
    version: QuestionnaireVersion
    country: str = ""
    sector: str = ""
    size_band: str = ""
    submitted_from: datetime.date | None = None
    submitted_to: datetime.date | None = None
    cohort: Cohort | None = None


def default_version() -> QuestionnaireVersion | None:
    """The latest published version, else the latest version with submissions."""
    published = (
        QuestionnaireVersion.objects.filter(status=QuestionnaireVersion.Status.PUBLISHED)
        .order_by("-published_at", "-pk")
        .first()
    )
    if published is not None:
        return published
    return (
        QuestionnaireVersion.objects.filter(assessments__status=SUBMITTED).order_by("-pk").first()
    )


def selected(filters: Filters, *, consent: bool = True):
    """The submitted assessments the filters select (profile as frozen at submission)."""
    qs = Assessment.objects.filter(questionnaire=filters.version, status=SUBMITTED)
    if consent:
        qs = qs.filter(company__owner__benchmark_consent_at__isnull=False)
    for field in ("country", "sector", "size_band"):
        if value := getattr(filters, field):
            qs = qs.filter(**{f"figures__{field}": value})
    if filters.submitted_from:
        qs = qs.filter(submitted_at__gte=_local_midnight(filters.submitted_from))
    if filters.submitted_to:
        day_after = filters.submitted_to + datetime.timedelta(days=1)
        qs = qs.filter(submitted_at__lt=_local_midnight(day_after))
    if filters.cohort is not None:
        qs = qs.filter(cohort=filters.cohort)
    return qs


def latest(filters: Filters):
    """Each selected company's latest selected assessment (the higher id wins a tie)."""
    # Consent is a company's, so the inner query need not join the owner again.
    later = selected(filters, consent=False).filter(
        Q(submitted_at__gt=OuterRef("submitted_at"))
        | Q(submitted_at=OuterRef("submitted_at"), pk__gt=OuterRef("pk")),
        company_id=OuterRef("company_id"),
    )
    return selected(filters).filter(~Exists(later))


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# --- the dashboard ---------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    filters: Filters
    months: list[MonthCount]
    submissions: int  # every selected submission
    companies: int  # companies counted once, by their latest
    distributions: list[Distribution]
    levels: list[str]  # the version's level names, lowest first
    level_rows: list[LevelRow]
    weakest: Weakest


def dashboard(filters: Filters, *, overall_name: str, all_countries: str) -> Dashboard:
    version = filters.version
    pillars = list(version.pillars.order_by("order", "id").values_list("code", "name"))
    questions = _questions(version)
    levels = list(
        MaturityLevel.objects.filter(questionnaire=version)
        .order_by("min_score")
        .values_list("name", flat=True)
    )
    months = analytics.monthly_series(monthly_counts(filters))
    frame = analytics.latest_frame(latest_rows(filters, len(pillars)), [c for c, _ in pillars])
    means = question_means(filters, len(questions))
    return Dashboard(
        filters=filters,
        months=months,
        submissions=sum(m.submissions for m in months),
        companies=len(frame),
        distributions=analytics.distributions(frame, pillars, overall_name),
        levels=levels,
        level_rows=analytics.levels_by_country(
            frame, levels, [(c.value, str(c.label)) for c in Country], all_countries
        ),
        weakest=analytics.weakest_questions(questions, means),
    )


def _questions(version: QuestionnaireVersion) -> list[QuestionInfo]:
    # The order the frozen result lists them in (pillars, then their questions), which
    # is the order of the positions in Assessment.figures.
    rows = (
        Question.objects.filter(pillar__questionnaire=version)
        .order_by("pillar__order", "pillar_id", "order", "id")
        .values_list("code", "text", "pillar__name", "type")
    )
    return [
        QuestionInfo(code, text, pillar, scored=kind != Question.Type.TEXT)
        for code, text, pillar, kind in rows
    ]


def monthly_counts(filters: Filters) -> list[tuple[datetime.date, int, int]]:
    """(month, submissions, companies) per month of submission, in the site's time zone."""
    rows = (
        selected(filters)
        .annotate(month=TruncMonth("submitted_at", output_field=DateField()))
        .values("month")
        .annotate(n=Count("pk"), companies=Count("company_id", distinct=True))
        .order_by("month")
        .values_list("month", "n", "companies")
    )
    return list(rows)


def latest_rows(filters: Filters, pillar_count: int) -> Iterator[tuple]:
    """(company_id, country, level, overall, *pillar scores) of each company's latest."""
    rows = latest(filters).values_list(
        "company_id",
        JsonValue("figures", "country", output_field=CharField()),
        "level",
        "overall_score",
        *(JsonValue("figures", "pillars", i) for i in range(pillar_count)),
    )
    return rows.order_by().iterator(chunk_size=CHUNK_SIZE)


def question_means(filters: Filters, question_count: int) -> list[tuple[float | None, int]]:
    """(mean score, companies with a score) per question position, in one SQL aggregate.

    Hand-written around the ORM's query of the latest rows: the questions' array is
    taken out of `figures` once per row in a subquery, and the means read it by
    position. Written as one expression per question on `figures` instead, PostgreSQL
    walks the whole object again for each of the ~90 expressions: three times slower
    (about 2 s at 100,000 assessments). OFFSET 0 keeps PostgreSQL from folding the
    subquery back in.
    """
    if question_count == 0:
        return []
    inner = latest(filters).order_by().values(scores=KeyTransform("questions", "figures"))
    sql, params = inner.query.sql_with_params()
    if connection.vendor == "postgresql":
        picks = [f"(scores ->> {i})" for i in range(question_count)]
        means = [f"AVG({pick}::double precision)" for pick in picks]
        tail = " OFFSET 0"
    else:  # SQLite: JSON_EXTRACT gives the number, or NULL for a JSON null
        picks = [f"JSON_EXTRACT(scores, '$[{i}]')" for i in range(question_count)]
        means = [f"AVG({pick})" for pick in picks]
        tail = ""
    columns = ", ".join(f"{mean}, COUNT({pick})" for mean, pick in zip(means, picks, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM ({sql}{tail}) AS latest", params)  # noqa: S608
        row = cursor.fetchone()
    return [(row[2 * i], int(row[2 * i + 1])) for i in range(question_count)]


# --- cohorts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CohortSummary:
    cohort: Cohort
    participants: int  # consenting companies
    without_consent: int


def cohort_list() -> list[CohortSummary]:
    """Every cohort with its participants: companies filed under it or with an assessment
    filed under it (a firm may leave the code out of its profile later)."""
    members: dict[int, dict[int, bool]] = {}
    for cohort_id, company_id, consent in _memberships():
        members.setdefault(cohort_id, {})[company_id] = consent
    out = []
    for cohort in Cohort.objects.select_related("programme").order_by("-starts_on", "code"):
        mine = members.get(cohort.pk, {})
        consenting = sum(mine.values())
        out.append(CohortSummary(cohort, consenting, len(mine) - consenting))
    return out


def _memberships() -> Iterator[tuple[int, int, bool]]:
    by_profile = Company.objects.filter(cohort__isnull=False).values_list(
        "cohort_id", "pk", "owner__benchmark_consent_at"
    )
    by_assessment = (
        Assessment.objects.filter(cohort__isnull=False)
        .values_list("cohort_id", "company_id", "company__owner__benchmark_consent_at")
        .order_by()
        .distinct()
    )
    for rows in (by_profile, by_assessment):
        for cohort_id, company_id, consent_at in rows:
            yield cohort_id, company_id, consent_at is not None


def participants(cohort: Cohort) -> tuple[set[int], int]:
    """The consenting participants' company ids, and how many others were left out."""
    rows = (
        Company.objects.filter(Q(cohort=cohort) | Q(assessments__cohort=cohort))
        .values_list("pk", "owner__benchmark_consent_at")
        .order_by()
        .distinct()
    )
    consenting: set[int] = set()
    others: set[int] = set()
    for pk, consent_at in rows:
        (consenting if consent_at is not None else others).add(pk)
    return consenting, len(others)


def cohort_submissions(cohort: Cohort) -> list[Submission]:
    """Every submitted assessment of the cohort's participants, whatever it is filed under,
    with its pillar scores by code (from each version's pillars)."""
    companies = Company.objects.filter(Q(cohort=cohort) | Q(assessments__cohort=cohort))
    rows = list(
        Assessment.objects.filter(
            status=SUBMITTED,
            company_id__in=companies.values("pk"),
            company__owner__benchmark_consent_at__isnull=False,
        )
        .order_by()
        .values_list(
            "company_id",
            "questionnaire_id",
            "questionnaire__slug",
            "submitted_at",
            "overall_score",
            "figures__pillars",
        )
    )
    codes = versions_with_pillars({row[1] for row in rows})
    return [
        Submission(
            company_id=company_id,
            version_id=version_id,
            submitted_at=at,
            on=timezone.localdate(at),
            overall=overall,
            pillars=dict(
                zip((c for c, _ in codes[version_id].pillars), pillars or (), strict=False)
            ),
            questionnaire=slug,
        )
        for company_id, version_id, slug, at, overall, pillars in rows
        if at is not None  # always set on a submitted assessment
    ]


@dataclass(frozen=True)
class VersionPillars:
    number: int
    title: str
    pillars: list[tuple[str, str]]  # (code, name), in the order of Assessment.figures


def versions_with_pillars(version_ids: set[int]) -> dict[int, VersionPillars]:
    """Each version's number, title and pillars (one query)."""
    out: dict[int, VersionPillars] = {}
    rows = (
        Pillar.objects.filter(questionnaire_id__in=version_ids)
        .order_by("questionnaire_id", "order", "id")
        .values_list(
            "questionnaire_id", "questionnaire__number", "questionnaire__title", "code", "name"
        )
    )
    for version_id, number, title, code, name in rows:
        out.setdefault(version_id, VersionPillars(number, title, [])).pillars.append((code, name))
    return out


def cohort_actions(members: set[int]) -> tuple[int, int]:
    """Plan actions the consenting participants marked done, and how many firms did any:
    one query, counts only (reports/progress/)."""
    done = PlanMark.objects.filter(
        assessment__company_id__in=members, status=PlanMark.Status.DONE
    ).aggregate(actions=Count("pk"), firms=Count("assessment__company", distinct=True))
    return done["actions"], done["firms"]
