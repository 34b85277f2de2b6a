"""Deterministic, realistic demo companies and assessments (`manage.py demo_data`).

One `random.Random(seed)` draws a seed for each company in turn, and reports/demo/plan.py
draws everything about that company from its own generator. So the same seed and N give
the same data, and company i is the same whatever N is: a larger N only adds companies.

Idempotent: demo users are demo-<seed>-<i>@example.org (unusable passwords) and the
ones that exist are skipped, so a second run with the same arguments adds nothing.
Writing is in bulk, a batch of companies per transaction; results are frozen by the
same function as Assessment.submit() and stamped with the generated dates.
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import fmean

from django.contrib.auth.hashers import make_password
from django.db import transaction

from assessment.models import (
    Answer,
    AnswerOption,
    Assessment,
    Cohort,
    Company,
    QuestionnaireVersion,
    User,
)
from assessment.results import VersionContent, build_result, figures_of
from reports.benchmarks.queries import refresh_snapshot
from reports.demo.plan import (
    COHORTS,
    SIZE_MEAN,
    Firm,
    QuestionInfo,
    Visit,
    firm_answers,
    plan_firm,
)
from reports.models import Programme

BATCH = 100


class NoPublishedQuestionnaire(Exception):
    """Demo assessments need a published questionnaire to answer."""


@dataclass
class DemoSummary:
    requested: int
    created: int = 0
    skipped: int = 0
    submitted: int = 0
    drafts: int = 0
    reassessed: int = 0
    cohort_members: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    sectors: Counter[str] = field(default_factory=Counter)
    sizes: Counter[str] = field(default_factory=Counter)
    scores_by_size: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    benchmark_companies: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        def share(counter: Counter[str]) -> str:
            return ", ".join(f"{k} {v}" for k, v in counter.most_common())

        means = ", ".join(
            f"{band} {fmean(s):.1f}" for band in SIZE_MEAN if (s := self.scores_by_size.get(band))
        )
        return [
            f"Demo data: {self.created} companies created, {self.skipped} already there "
            f"({self.seconds:.1f} s).",
            f"Assessments: {self.submitted} submitted, {self.drafts} drafts; "
            f"{self.reassessed} companies re-assessed.",
            f"Cohorts: {share(self.cohort_members) or 'none'}.",
            f"Countries: {share(self.countries) or '-'}.",
            f"Sectors: {share(self.sectors) or '-'}.",
            f"Sizes: {share(self.sizes) or '-'}.",
            f"Mean overall score by size: {means or '-'}.",
            f"Benchmark snapshot: {self.benchmark_companies} consenting companies.",
        ]


@dataclass(frozen=True)
class _Context:
    """What every batch of a run shares: read once at the start."""

    seed: int
    version: QuestionnaireVersion
    content: VersionContent
    questions: list[QuestionInfo]
    cohorts: dict[str, Cohort]


def demo_email(seed: int, index: int) -> str:
    return f"demo-{seed}-{index}@example.org"


def demo_data_create(
    *, companies: int, seed: int, progress: Callable[[str], None] | None = None
) -> DemoSummary:
    """Create the demo companies of (seed, 0..companies-1) that do not exist yet."""
    started = time.perf_counter()
    version = QuestionnaireVersion.objects.filter(
        status=QuestionnaireVersion.Status.PUBLISHED
    ).first()
    if version is None:
        raise NoPublishedQuestionnaire
    content = VersionContent.load(version)
    ctx = _Context(seed, version, content, _questions(content), _cohorts())
    pillars = [p.code for p in content.pillars]
    existing = set(
        User.objects.filter(email__startswith=f"demo-{seed}-").values_list("email", flat=True)
    )
    rng = random.Random(seed)
    summary = DemoSummary(requested=companies)
    batch: list[Firm] = []
    for index in range(companies):
        firm_seed = rng.getrandbits(64)  # drawn for every index, so company i never shifts
        if demo_email(seed, index) in existing:
            summary.skipped += 1
        else:
            batch.append(plan_firm(index, random.Random(firm_seed), pillars, len(ctx.questions)))
        if (index + 1) % BATCH == 0 or index == companies - 1:
            if batch:
                _write(ctx, batch, summary)
                batch = []
            if progress:
                progress(f"  {index + 1}/{companies} companies ({_since(started)})")
    summary.benchmark_companies = refresh_snapshot(version).companies
    summary.seconds = time.perf_counter() - started
    return summary


def _since(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"


def _questions(content: VersionContent) -> list[QuestionInfo]:
    """The version's questions in page order."""
    return [
        QuestionInfo.of(question, pillar.code, pillar.show_if)
        for pillar in content.pillars
        for question in pillar.questions.all()
    ]


def _cohorts() -> dict[str, Cohort]:
    """The demo cohorts, created once and shared by every seed."""
    out = {}
    for spec in COHORTS:
        cohort, _ = Cohort.objects.get_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "programme": Programme.objects.filter(code=spec.programme).first(),
                "starts_on": spec.starts_on,
                "ends_on": spec.ends_on,
            },
        )
        out[spec.code] = cohort
    return out


# --- writing -------------------------------------------------------------------------------


@transaction.atomic
def _write(ctx: _Context, firms: list[Firm], summary: DemoSummary) -> None:
    """Write a batch of firms in bulk (users to answers), then submit their assessments."""
    users = User.objects.bulk_create(
        [
            User(
                email=demo_email(ctx.seed, f.index),
                password=make_password(None),  # unusable: demo firms cannot log in
                date_joined=f.joined,
                benchmark_consent_at=f.joined if f.consent else None,
                preferred_language=f.language,
            )
            for f in firms
        ]
    )
    companies = Company.objects.bulk_create(
        [
            Company(
                owner=user,
                cohort=ctx.cohorts[f.cohort] if f.cohort else None,
                created_at=f.joined,
                **f.profile,
            )
            for f, user in zip(firms, users, strict=True)
        ]
    )
    visits = [(f, c, v) for f, c in zip(firms, companies, strict=True) for v in f.visits]
    assessments = Assessment.objects.bulk_create(
        [
            Assessment(
                company=company,
                questionnaire=ctx.version,
                language=firm.language,
                cohort=ctx.cohorts[visit.cohort] if visit.cohort else None,
                created_at=visit.started,
                updated_at=visit.at,
            )
            for firm, company, visit in visits
        ]
    )
    given = [
        (assessment, visit, row)
        for (firm, _, visit), assessment in zip(visits, assessments, strict=True)
        for row in firm_answers(firm, visit, ctx.questions)
    ]
    answers = Answer.objects.bulk_create(
        [
            Answer(assessment=a, question=question, number=number, text=text, updated_at=v.at)
            for a, v, (question, number, text, _) in given
        ]
    )
    AnswerOption.objects.bulk_create(
        [
            AnswerOption(answer=answer, option=option)
            for answer, (_, _, (_, _, _, options)) in zip(answers, given, strict=True)
            for option in options
        ]
    )
    _submit(ctx, [(c, v, a) for (_, c, v), a in zip(visits, assessments, strict=True)], summary)
    for firm in firms:
        summary.created += 1
        if firm.cohort:
            summary.cohort_members[firm.cohort] += 1
        elif sum(not v.draft for v in firm.visits) > 1:
            summary.reassessed += 1
        summary.countries[str(firm.profile["country"])] += 1
        summary.sectors[str(firm.profile["sector"])] += 1
        summary.sizes[str(firm.profile["size_band"])] += 1


def _submit(
    ctx: _Context, rows: list[tuple[Company, Visit, Assessment]], summary: DemoSummary
) -> None:
    """Freeze the results of the batch's finished visits, as Assessment.submit() does.

    submit() reads the version's questionnaire and the answers again for every
    assessment; here they are read once per run and once per batch, which keeps
    1,000 companies under a minute. The result is built by the same function, and
    the generated date is stamped instead of the time of the run.
    """
    done = [(c, v, a) for c, v, a in rows if not v.draft]
    summary.drafts += len(rows) - len(done)
    answers = defaultdict(list)
    for answer in (
        Answer.objects.filter(assessment__in=[a for _, _, a in done])
        .select_related("question")
        .prefetch_related("options")
    ):
        answers[answer.assessment_id].append(answer)
    for company, visit, assessment in done:
        result = build_result(ctx.version, ctx.content, answers[assessment.pk], company.profile())
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_at = assessment.updated_at = visit.at
        assessment.overall_score = result["overall"]
        assessment.level = result["level"] or ""
        assessment.result = result
        assessment.figures = figures_of(result)
        summary.scores_by_size[company.size_band].append(result["overall"] or 0.0)
    Assessment.objects.bulk_update(
        [a for _, _, a in done],
        ["status", "submitted_at", "updated_at", "overall_score", "level", "result", "figures"],
        batch_size=50,
    )
    summary.submitted += len(done)
