"""`manage.py demo_data`: deterministic, idempotent and realistic demo assessments."""

from __future__ import annotations

import datetime
import io
from collections import Counter, defaultdict
from statistics import fmean
from typing import Any

import pytest
from django.core.management import CommandError, call_command
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
from assessment.results import freeze_result
from reports.demo.plan import ANCHOR, WINDOW_DAYS
from reports.models import BenchmarkSnapshot
from tests import seed_snapshot

pytestmark = pytest.mark.django_db


def run(companies: int, seed: int = 1) -> str:
    out = io.StringIO()
    call_command("demo_data", companies=companies, seed=seed, stdout=out)
    return out.getvalue()


def dump(seed: int) -> dict[str, list[Any]]:
    """Everything the demo companies of a seed are made of, keyed by e-mail, never by id."""
    demo = {"company__owner__email__startswith": f"demo-{seed}-"}
    companies = Company.objects.filter(owner__email__startswith=f"demo-{seed}-")
    by = "company__owner__email"
    return {
        "companies": sorted(
            (
                c.owner.email,
                c.owner.date_joined,
                c.owner.benchmark_consent_at,
                c.owner.has_usable_password(),
                c.created_at,
                c.cohort.code if c.cohort else None,
                sorted(c.profile().items()),
            )
            for c in companies.select_related("owner", "cohort")
        ),
        "assessments": sorted(
            Assessment.objects.filter(**demo).values_list(
                by,
                "created_at",
                "status",
                "submitted_at",
                "language",
                "cohort__code",
                "overall_score",
                "level",
            )
        ),
        "results": sorted(
            str(r) for r in Assessment.objects.filter(**demo).values_list("result", flat=True)
        ),
        "answers": sorted(
            Answer.objects.filter(**{f"assessment__{k}": v for k, v in demo.items()}).values_list(
                f"assessment__{by}", "assessment__created_at", "question__code", "number", "text"
            )
        ),
        "ticks": sorted(
            AnswerOption.objects.filter(
                **{f"answer__assessment__{k}": v for k, v in demo.items()}
            ).values_list(
                f"answer__assessment__{by}",
                "answer__assessment__created_at",
                "answer__question__code",
                "option__code",
            )
        ),
    }


def counts() -> dict[str, int]:
    models = (User, Company, Assessment, Answer, AnswerOption, Cohort)
    return {m.__name__: m.objects.count() for m in models}


def test_same_seed_gives_identical_data_and_another_seed_different_data(seeded):
    run(25, seed=7)
    first = dump(7)
    assert len(first["companies"]) == 25 and first["ticks"]
    User.objects.filter(email__startswith="demo-").delete()  # cascades to everything demo
    assert not Assessment.objects.exists()

    run(25, seed=7)
    assert dump(7) == first

    run(25, seed=8)
    other = dump(8)
    assert [c[-1] for c in other["companies"]] != [c[-1] for c in first["companies"]]
    assert [a[-2] for a in other["assessments"]] != [a[-2] for a in first["assessments"]]


def test_a_second_run_adds_nothing_and_a_larger_one_only_the_missing_firms(seeded):
    run(20, seed=3)
    before = counts()
    out = run(20, seed=3)
    assert counts() == before
    assert "0 companies created, 20 already there" in out

    out = run(30, seed=3)
    assert "10 companies created, 20 already there" in out
    grown = dump(3)
    User.objects.filter(email__startswith="demo-").delete()
    run(30, seed=3)
    assert dump(3) == grown  # company i is the same whatever N is


def test_stored_results_are_what_submission_would_freeze(seeded):
    run(12, seed=5)
    submitted = Assessment.objects.filter(status="submitted").select_related("company")
    assert submitted.count() >= 12
    for assessment in submitted:
        assert assessment.missing_required() == []
        assert assessment.result == freeze_result(assessment)
        assert assessment.overall_score == assessment.result["overall"]
        assert assessment.level == assessment.result["level"]


def test_demo_users_cannot_log_in_and_use_example_org(seeded):
    run(5, seed=2)
    users = User.objects.filter(email__startswith="demo-2-")
    assert sorted(users.values_list("email", flat=True)) == [
        f"demo-2-{i}@example.org" for i in range(5)
    ]
    assert not any(u.has_usable_password() for u in users)


def test_without_a_published_questionnaire_the_command_says_to_seed(db):
    with pytest.raises(CommandError, match=r"manage\.py seed"):
        call_command("demo_data", companies=3, stdout=io.StringIO())
    assert not Company.objects.exists()


@pytest.mark.parametrize("argument", ["--companies=0", "--seed=-1"])
def test_nonsense_arguments_are_refused(db, argument):
    with pytest.raises(CommandError):
        call_command("demo_data", argument, stdout=io.StringIO())


@pytest.fixture(scope="class")
def two_hundred(django_db_setup, django_db_blocker):
    """Two hundred demo companies, made once for the class and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_snapshot.seed()
        output = run(200, seed=1)
        yield output
        transaction.set_rollback(True)


@pytest.mark.usefixtures("two_hundred")
class TestTwoHundredCompanies:
    def test_progress_and_summary_are_printed(self, two_hundred):
        assert "100/200 companies" in two_hundred
        assert "200/200 companies" in two_hundred
        assert "200 companies created" in two_hundred

    def test_the_mix_of_countries_sectors_and_sizes_is_skewed_like_the_region(self):
        firms = Company.objects.all()
        countries = Counter(firms.values_list("country", flat=True))
        assert set(countries) == {"KH", "CN", "LA", "MM", "TH", "VN", "XX"}
        big, small = ("VN", "TH", "CN"), ("KH", "LA", "MM")
        assert min(countries[c] for c in big) > max(countries[c] for c in small)
        assert countries["XX"] < 0.12 * 200
        sectors = Counter(firms.values_list("sector", flat=True))
        assert len(sectors) >= 8
        top = {s for s, _ in sectors.most_common(5)}
        assert len(top & {"trade", "agrifood", "manufacturing", "tourism", "services"}) >= 4
        sizes = Counter(firms.values_list("size_band", flat=True))
        assert sizes["micro"] > sizes["small"] > sizes["medium"] > sizes["large"] > 0
        assert 0.2 <= firms.filter(women_led=True).count() / 200 <= 0.4
        consenting = User.objects.filter(benchmark_consent_at__isnull=False).count()
        assert 0.75 <= consenting / 200 <= 0.95
        years = list(firms.values_list("founded_year", flat=True))
        assert all(1960 <= y <= 2026 for y in years)

    def test_larger_firms_and_ict_score_higher(self):
        scores = defaultdict(list)
        by_sector = defaultdict(list)
        for size, sector, score in Assessment.objects.filter(status="submitted").values_list(
            "company__size_band", "company__sector", "overall_score"
        ):
            scores[size].append(score)
            by_sector[sector].append(score)
        micro = fmean(scores["micro"])
        larger = fmean(scores["medium"] + scores["large"])
        assert larger >= micro + 12, (micro, larger)
        assert fmean(scores["small"]) > micro
        assert fmean(by_sector["ict"]) > fmean(by_sector["agrifood"]) + 5
        levels = set(Assessment.objects.values_list("level", flat=True)) - {""}
        assert len(levels) >= 4  # scores spread over the maturity levels

    def test_dates_fall_in_the_eighteen_months_before_the_anchor(self):
        earliest = ANCHOR - datetime.timedelta(days=WINDOW_DAYS + 1)
        for created, submitted in Assessment.objects.values_list("created_at", "submitted_at"):
            assert earliest <= created <= ANCHOR
            assert submitted is None or created < submitted <= ANCHOR

    def test_some_firms_are_reassessed_later_and_a_few_drafts_are_left(self):
        later = defaultdict(list)
        for company, score in (
            Assessment.objects.filter(status="submitted", cohort=None)
            .order_by("submitted_at")
            .values_list("company_id", "overall_score")
        ):
            later[company].append(score)
        twice = [s for s in later.values() if len(s) == 2]
        assert 0.08 * 170 <= len(twice) <= 0.25 * 170  # 170 firms are outside the cohorts
        assert fmean(s[1] - s[0] for s in twice) > 2
        drafts = Assessment.objects.filter(status="draft")
        assert 1 <= drafts.count() <= 0.1 * 200
        assert all(d.submitted_at is None and d.overall_score is None for d in drafts)

    def test_cohorts_pair_a_before_with_a_better_after(self):
        cohorts = list(Cohort.objects.select_related("programme"))
        assert len(cohorts) == 3
        assert all(c.programme is not None for c in cohorts)  # the seed has MI courses
        for cohort in cohorts:
            members = list(cohort.companies.all())
            assert len(members) == 10
            changes = []
            for company in members:
                pair = list(
                    company.assessments.filter(status="submitted", cohort=cohort).order_by(
                        "submitted_at"
                    )
                )
                assert len(pair) == 2
                before, after = pair
                assert before.submitted_at.date() < cohort.starts_on
                assert after.submitted_at.date() > cohort.ends_on
                changes.append(after.overall_score - before.overall_score)
            assert fmean(changes) >= 5, (cohort.code, changes)
            assert sum(change > 0 for change in changes) >= 8, (cohort.code, changes)

    def test_the_benchmark_snapshot_holds_everyone(self):
        version = QuestionnaireVersion.objects.get(status="published")
        snapshot = BenchmarkSnapshot.objects.get(questionnaire=version)
        consenting = (
            Company.objects.filter(
                owner__benchmark_consent_at__isnull=False, assessments__status="submitted"
            )
            .distinct()
            .count()
        )
        assert snapshot.companies == consenting
        assert snapshot.groups["all"]["n"] == consenting
        assert "size_band:micro" in snapshot.groups

    def test_firms_answer_the_current_version_and_only_what_they_are_asked(self):
        version = QuestionnaireVersion.objects.get(status="published")
        assert version.number == 2
        assert set(Assessment.objects.values_list("questionnaire", flat=True)) == {version.pk}
        export_items = Answer.objects.filter(question__code="coo-e-customs")
        exports = set(export_items.values_list("assessment__company__exports", flat=True))
        assert exports and exports <= {"yes", "planning"}
        domestic = Answer.objects.filter(assessment__company__exports="no")
        assert domestic.exists()
        assert not domestic.filter(question__code__in=["coo-lmc-sales", "coo-trade-fairs"]).exists()
        # A follow-up is answered only after the answer that opens it.
        for answer in Answer.objects.filter(question__code="coo-marketplaces"):
            online = answer.assessment.answers.get(question__code="coo-online-sales")
            assert online.number is not None and online.number >= 1
