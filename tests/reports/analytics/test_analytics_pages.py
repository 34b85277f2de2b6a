"""The analytics pages: who may see them, every filter, one voice per company, k >= 5,
empty states, the cohort view, and a fixed number of queries."""

from __future__ import annotations

import datetime
import itertools
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment.authoring.questionnaire_yaml import import_dict
from assessment.models import Assessment, Cohort, Company, QuestionnaireVersion, User
from reports.models import PlanMark
from reports.officers import OFFICERS_GROUP
from tests.conftest import answer, answer_all, small_questionnaire_data

pytestmark = pytest.mark.django_db

DASHBOARD = "/analytics/"
COHORTS = "/analytics/cohorts/"
_numbers = itertools.count(1)
# The small questionnaire: two pillars, six questions (the last one free text).
QUESTIONS = (0.5, 0.5, 0.5, 0.5, 0.5, None)


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime.datetime:
    """A moment in the site's time zone (Asia/Bangkok)."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def firm(
    *,
    country: str = "LA",
    sector: str = "creative",
    size_band: str = "micro",
    consent: bool = True,
    cohort: Cohort | None = None,
) -> Company:
    n = next(_numbers)
    owner = User.objects.create_user(
        f"firm{n}@example.org", None, benchmark_consent_at=timezone.now() if consent else None
    )
    return Company.objects.create(
        owner=owner,
        name=f"Firm {n}",
        country=country,
        sector=sector,
        size_band=size_band,
        cohort=cohort,
    )


def submitted(
    company: Company,
    version: QuestionnaireVersion,
    when: datetime.datetime,
    *,
    pillars: tuple = (50.0, 25.0),
    questions: tuple = QUESTIONS,
    level: str = "Emerging",
    cohort: Cohort | None = None,
) -> Assessment:
    """A submitted assessment with the given frozen figures (the store reads nothing else)."""
    scored = [p for p in pillars if p is not None]
    return Assessment.objects.create(
        company=company,
        questionnaire=version,
        status=Assessment.Status.SUBMITTED,
        cohort=cohort,
        submitted_at=when,
        overall_score=sum(scored) / len(scored) if scored else None,
        level=level,
        figures={
            "country": company.country,
            "sector": company.sector,
            "size_band": company.size_band,
            "pillars": list(pillars),
            "questions": list(questions),
        },
    )


def firms(n: int, version, when=None, **profile) -> list[Company]:
    out = []
    for _ in range(n):
        company = firm(**profile)
        submitted(company, version, when or at(2026, 3, 10))
        out.append(company)
    return out


@pytest.fixture
def officer(db) -> User:
    user = User.objects.create_user("officer@example.org", None, is_staff=True)
    user.groups.add(Group.objects.get(name=OFFICERS_GROUP))
    return user


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def cohort(db) -> Cohort:
    return Cohort.objects.create(
        code="mi-test-2026",
        name="MI test course",
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 4, 10),
    )


def board(client, **params):
    response = client.get(DASHBOARD, params)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.context["board"]


# --- who may see the pages --------------------------------------------------------------


def urls(cohort: Cohort) -> list[str]:
    return [DASHBOARD, COHORTS, reverse("analytics_cohort", args=[cohort.code])]


@pytest.mark.parametrize("page", range(3))
def test_anonymous_visitors_are_sent_to_log_in(client, questionnaire, cohort, page):
    url = urls(cohort)[page]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("page", range(3))
def test_a_respondent_is_refused(client, company, questionnaire, cohort, page):
    client.force_login(company.owner)
    assert client.get(urls(cohort)[page]).status_code == 403


@pytest.mark.parametrize("page", range(3))
def test_staff_without_the_permission_is_refused(client, questionnaire, cohort, page):
    client.force_login(User.objects.create_user("staff@example.org", None, is_staff=True))
    assert client.get(urls(cohort)[page]).status_code == 403


@pytest.mark.parametrize("page", range(3))
def test_an_officer_sees_the_pages(officer_client, questionnaire, cohort, page):
    assert officer_client.get(urls(cohort)[page]).status_code == 200


@pytest.mark.parametrize("page", range(3))
def test_a_superuser_sees_the_pages(admin_client, questionnaire, cohort, page):
    assert admin_client.get(urls(cohort)[page]).status_code == 200


def test_the_pages_are_get_only(officer_client, questionnaire):
    assert officer_client.post(DASHBOARD).status_code == 405


def test_an_unknown_cohort_is_404(officer_client):
    assert officer_client.get("/analytics/cohorts/no-such-cohort/").status_code == 404


def test_the_nav_links_analytics_for_officers_only(client, officer, company, questionnaire):
    client.force_login(officer)
    assert f'href="{DASHBOARD}"' in client.get(reverse("home")).content.decode()
    client.force_login(company.owner)
    assert f'href="{DASHBOARD}"' not in client.get(reverse("home")).content.decode()


def test_the_admin_index_links_analytics_for_officers(client, officer):
    client.force_login(officer)
    html = client.get("/admin/").content.decode()
    assert 'id="analytics-link"' in html and f'href="{DASHBOARD}"' in html
    plain_staff = User.objects.create_user("staff@example.org", None, is_staff=True)
    client.force_login(plain_staff)
    assert 'id="analytics-link"' not in client.get("/admin/").content.decode()


# --- what is counted --------------------------------------------------------------------


def test_each_company_counts_once_by_its_latest_assessment(officer_client, questionnaire):
    for company in firms(5, questionnaire, at(2026, 1, 5)):
        submitted(company, questionnaire, at(2026, 2, 5), pillars=(80.0, 60.0))
    b = board(officer_client)
    assert (b.companies, b.submissions) == (5, 10)
    overall = b.distributions[0]
    assert overall.stats.median == 70  # the later assessments only


def test_a_tie_on_the_submission_time_counts_the_later_row_once(officer_client, questionnaire):
    when = at(2026, 1, 5)
    for company in firms(5, questionnaire, when):
        submitted(company, questionnaire, when, pillars=(90.0, 90.0))
    b = board(officer_client)
    assert b.companies == 5
    assert b.distributions[0].stats.median == 90


def test_companies_without_consent_drafts_and_other_versions_are_not_counted(
    officer_client, questionnaire
):
    firms(5, questionnaire)
    firms(2, questionnaire, consent=False)
    Assessment.objects.create(company=firm(), questionnaire=questionnaire)  # a draft
    other = import_dict(small_questionnaire_data(number=2))
    other.publish()  # the default view is now version 2
    firms(1, other)
    assert board(officer_client, version=questionnaire.pk).companies == 5
    assert board(officer_client).companies == 1


def test_the_frozen_profile_decides_the_group(officer_client, questionnaire):
    companies = firms(5, questionnaire, country="LA")
    Company.objects.filter(pk__in=[c.pk for c in companies]).update(country="TH")
    assert board(officer_client, country="LA").companies == 5
    assert board(officer_client, country="TH").companies == 0


# --- every filter -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "other"),
    [("country", "TH", "VN"), ("sector", "ict", "trade"), ("size_band", "large", "small")],
)
def test_profile_filters(officer_client, questionnaire, field, value, other):
    firms(6, questionnaire, **{field: value})
    firms(2, questionnaire, **{field: other})
    assert board(officer_client, **{field: value}).companies == 6
    assert board(officer_client, **{field: other}).companies == 2
    assert board(officer_client).companies == 8


def test_the_version_filter(officer_client, questionnaire):
    firms(5, questionnaire)
    other = import_dict(small_questionnaire_data(number=2))
    other.publish()
    firms(3, other)
    assert board(officer_client, version=questionnaire.pk).companies == 5
    assert board(officer_client, version=other.pk).companies == 3


def test_the_date_filters_take_whole_local_days(officer_client, questionnaire):
    submitted(firm(), questionnaire, at(2026, 2, 28, 23, 59))  # before
    submitted(firm(), questionnaire, at(2026, 3, 1, 0, 1))  # first day
    submitted(firm(), questionnaire, at(2026, 3, 31, 23, 59))  # last day, late
    submitted(firm(), questionnaire, at(2026, 4, 1, 0, 1))  # after
    assert board(officer_client, submitted_from="2026-03-01").companies == 3
    assert board(officer_client, submitted_to="2026-03-31").companies == 3
    both = board(officer_client, submitted_from="2026-03-01", submitted_to="2026-03-31")
    assert both.companies == 2
    one_day = board(officer_client, submitted_from="2026-03-31", submitted_to="2026-03-31")
    assert one_day.companies == 1


def test_the_date_filter_picks_the_latest_within_the_range(officer_client, questionnaire):
    for company in firms(5, questionnaire, at(2026, 1, 10)):
        submitted(company, questionnaire, at(2026, 6, 10), pillars=(90.0, 90.0))
    early = board(officer_client, submitted_to="2026-01-31")
    assert (early.companies, early.distributions[0].stats.median) == (5, 37.5)
    assert board(officer_client).distributions[0].stats.median == 90


def test_the_cohort_filter_takes_the_assessments_filed_under_it(
    officer_client, questionnaire, cohort
):
    for company in firms(5, questionnaire, at(2026, 1, 10), cohort=cohort):
        submitted(company, questionnaire, at(2026, 5, 1), cohort=cohort)
    firms(3, questionnaire)
    b = board(officer_client, cohort=cohort.code)
    assert (b.companies, b.submissions) == (5, 5)
    assert board(officer_client).companies == 8


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"country": "ZZ"}, "Select a valid choice"),
        ({"size_band": "<b>huge</b>"}, "Select a valid choice"),
        ({"version": "999999"}, "Choose a questionnaire version from the list."),
        ({"version": "v1"}, "Choose a questionnaire version from the list."),
        ({"cohort": "no-such-cohort"}, "Choose a cohort from the list."),
        ({"submitted_from": "2026-13-01"}, "Enter a valid date."),
        ({"submitted_to": "1850-01-01"}, "Give a date between 2000-01-01 and 2999-12-31."),
        ({"submitted_to": "9999-12-31"}, "Give a date between 2000-01-01 and 2999-12-31."),
        (
            {"submitted_from": "2026-05-01", "submitted_to": "2026-04-01"},
            "The end date is before the start date.",
        ),
    ],
)
def test_bad_filters_are_refused_with_a_message(officer_client, questionnaire, params, message):
    firms(5, questionnaire)
    response = officer_client.get(DASHBOARD, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "These filters could not be applied" in html
    assert message in html
    assert "<b>huge</b>" not in html
    assert response.context.get("board") is None


# --- the figures on the page ------------------------------------------------------------


def test_submissions_per_month_in_local_time(officer_client, questionnaire):
    # 20:00 UTC on 31 March is 03:00 on 1 April in Bangkok.
    utc_evening = datetime.datetime(2026, 3, 31, 20, tzinfo=datetime.UTC)
    submitted(firm(), questionnaire, utc_evening)
    company = firm()
    submitted(company, questionnaire, at(2026, 1, 15))
    submitted(company, questionnaire, at(2026, 1, 20))
    months = board(officer_client).months
    assert [(m.month.isoformat(), m.submissions, m.companies) for m in months] == [
        ("2026-01-01", 2, 1),
        ("2026-02-01", 0, 0),
        ("2026-03-01", 0, 0),
        ("2026-04-01", 1, 1),
    ]


def test_the_dashboard_shows_distributions_levels_and_weakest_questions(
    officer_client, questionnaire
):
    for i in range(6):
        company = firm(country="TH" if i < 5 else "LA")
        scores = (0.0, 0.25, 0.5, 0.75, 1.0, None)
        submitted(
            company,
            questionnaire,
            at(2026, 3, 1 + i),
            pillars=(10.0 * (i + 1), 20.0),
            questions=scores if i else (0.0, None, None, None, None, None),
            level="Emerging" if i % 2 else "Beginner",
        )
    response = officer_client.get(DASHBOARD)
    html = response.content.decode()
    b = response.context["board"]
    _, infrastructure, talent = b.distributions
    assert infrastructure.stats.median == 35
    assert talent.stats.median == 20
    assert "chart-boxplot" in html and "chart-stacked" in html and "chart-columns" in html
    thailand = next(r for r in b.level_rows if r.code == "TH")
    lao = next(r for r in b.level_rows if r.code == "LA")
    assert thailand.counts == (3, 2, 0, 0, 0)
    assert not lao.shown
    row = re.search(r'<tr id="levels-LA".*?</tr>', html, re.S).group(0)
    assert "Fewer than 5 companies — not shown" in row
    vietnam = re.search(r'<tr id="levels-VN".*?</tr>', html, re.S).group(0)
    assert "No companies" in vietnam
    # inf-internet is 0 for all six; the other questions are answered by five companies.
    codes = [q.code for q in b.weakest.questions]
    assert codes == ["inf-internet", "inf-tools", "inf-staff-online", "tal-skills", "tal-champion"]
    first = b.weakest.questions[0]
    assert (first.mean, first.companies) == (0.0, 6)
    assert 'id="weak-inf-internet"' in html


def test_fewer_than_five_companies_show_no_figures(officer_client, questionnaire):
    firms(4, questionnaire)
    response = officer_client.get(DASHBOARD)
    html = response.content.decode()
    b = response.context["board"]
    assert b.companies == 4
    assert not any(d.shown for d in b.distributions)
    assert not any(r.shown for r in b.level_rows)
    assert b.weakest.questions == []
    assert b.weakest.not_shown == 5
    assert html.count("Fewer than 5 companies — not shown") >= 3 + 8
    assert 'id="weakest-none"' in html
    # The counts of submissions are facts, not statistics: they are shown.
    assert 'id="months-table"' in html


def test_no_submissions_say_so(officer_client, questionnaire):
    response = officer_client.get(DASHBOARD)
    assert response.context["board"].companies == 0
    assert 'id="empty"' in response.content.decode()


def test_no_questionnaire_says_so(officer_client):
    response = officer_client.get(DASHBOARD)
    assert response.status_code == 200
    assert 'id="no-questionnaire"' in response.content.decode()


def test_question_text_is_escaped(officer_client, questionnaire):
    questionnaire.pillars.get(code="infrastructure").questions.filter(code="inf-internet").update(
        text="<script>alert(1)</script>"
    )
    firms(5, questionnaire)
    html = officer_client.get(DASHBOARD).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- a real submission feeds the figures --------------------------------------------------


def test_submit_stores_the_figures_the_dashboard_reads(officer_client, questionnaire):
    for option in ("none", "mobile", "fibre", "fibre", "fibre"):
        assessment = Assessment.objects.create(company=firm(), questionnaire=questionnaire)
        answer_all(assessment)
        answer(assessment, "inf-internet", option)
        assert assessment.submit()
    assessment.refresh_from_db()
    assert assessment.figures == {
        "country": "LA",
        "sector": "creative",
        "size_band": "micro",
        "pillars": [83.3, 25.0],
        "questions": [1.0, 1.0, 0.5, 0.75, 0.0, None],
    }
    b = board(officer_client)
    assert b.companies == 5
    assert b.distributions[1].stats.median == 83.3
    internet = next(q for q in b.weakest.questions if q.code == "inf-internet")
    assert internet.mean == pytest.approx((0 + 0.5 + 1 + 1 + 1) / 5)


def test_the_migration_fills_figures_of_earlier_submissions(questionnaire):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("assessment.migrations.0004_assessment_figures")
    assessment = Assessment.objects.create(company=firm(), questionnaire=questionnaire)
    answer_all(assessment)
    assessment.submit()
    expected = Assessment.objects.get().figures
    Assessment.objects.update(figures={})
    migration.fill_figures(apps, None)
    assert Assessment.objects.get().figures == expected


# --- the cohort view ---------------------------------------------------------------------


def cohort_page(client, cohort):
    response = client.get(reverse("analytics_cohort", args=[cohort.code]))
    assert response.status_code == 200
    return response


def test_the_cohort_view_pairs_participants_by_company(officer_client, questionnaire, cohort):
    before, after = at(2026, 2, 1), at(2026, 5, 1)
    for i in range(5):
        company = firm(cohort=cohort)
        submitted(company, questionnaire, before, pillars=(40.0, 20.0), cohort=cohort)
        submitted(company, questionnaire, at(2026, 3, 15), pillars=(99.0, 99.0))  # during
        submitted(company, questionnaire, after, pillars=(40.0 + 10 * i, 20.0), cohort=cohort)
    # A participant by its assessment only (its profile no longer names the cohort).
    late = firm()
    submitted(late, questionnaire, before, cohort=cohort)
    firm(cohort=cohort)  # joined, never assessed
    firm(cohort=cohort, consent=False)  # not counted
    firms(3, questionnaire)  # not participants
    response = cohort_page(officer_client, cohort)
    pairing = response.context["pairing"]
    assert pairing.participants == 7
    assert (len(pairing.pairs), pairing.before_only, pairing.neither) == (5, 1, 1)
    assert response.context["without_consent"] == 1
    [version] = response.context["versions"]
    _, infrastructure, talent = version["changes"]
    assert (infrastructure.before, infrastructure.after, infrastructure.change) == (40, 60, 20)
    assert (infrastructure.improved, infrastructure.declined) == (4, 0)
    assert (talent.change, talent.improved) == (0, 0)
    html = response.content.decode()
    assert "chart-dumbbell" in html and "+20.0" in html


def test_the_cohort_view_pairs_across_questionnaire_versions(officer_client, questionnaire, cohort):
    # v2 puts talent first: its figures list talent's score first, matched by code.
    data = small_questionnaire_data(2)
    data["pillars"].reverse()
    data["title"] = "Test questionnaire, second edition"
    two = import_dict(data)
    two.publish()
    for i in range(5):
        company = firm(cohort=cohort)
        submitted(company, questionnaire, at(2026, 2, 1), pillars=(40.0, 20.0), cohort=cohort)
        submitted(company, two, at(2026, 5, 1), pillars=(30.0, 40.0 + 10 * i), cohort=cohort)
    response = cohort_page(officer_client, cohort)
    assert response.context["pairing"].other_questionnaire == 0
    [version] = response.context["versions"]
    assert version["title"] == "Test questionnaire, second edition v1, v2"
    _, talent, infrastructure = version["changes"]
    assert (infrastructure.before, infrastructure.after, infrastructure.change) == (40, 60, 20)
    assert (talent.before, talent.after, talent.change) == (20, 30, 10)


def test_a_cohort_of_fewer_than_five_pairs_shows_no_figures(officer_client, questionnaire, cohort):
    for _ in range(4):
        company = firm(cohort=cohort)
        submitted(company, questionnaire, at(2026, 2, 1), cohort=cohort)
        submitted(company, questionnaire, at(2026, 5, 1), cohort=cohort)
    response = cohort_page(officer_client, cohort)
    [version] = response.context["versions"]
    assert not any(c.shown for c in version["changes"])
    assert response.content.decode().count("Fewer than 5 companies — not shown") >= 3


def test_a_cohort_without_pairs_says_so(officer_client, questionnaire, cohort):
    submitted(firm(cohort=cohort), questionnaire, at(2026, 2, 1), cohort=cohort)
    response = cohort_page(officer_client, cohort)
    assert response.context["versions"] == []
    assert 'id="no-pairs"' in response.content.decode()


def test_a_cohort_without_a_start_date_cannot_be_paired(officer_client, questionnaire):
    cohort = Cohort.objects.create(code="undated", name="Undated course")
    submitted(firm(cohort=cohort), questionnaire, at(2026, 2, 1), cohort=cohort)
    response = cohort_page(officer_client, cohort)
    assert 'id="no-start"' in response.content.decode()
    assert "pairing" not in response.context


def test_the_cohort_list_counts_participants(officer_client, questionnaire, cohort):
    firm(cohort=cohort)
    firm(cohort=cohort, consent=False)
    submitted(firm(), questionnaire, at(2026, 2, 1), cohort=cohort)
    Cohort.objects.create(code="empty-course", name="Empty course")
    response = officer_client.get(COHORTS)
    rows = {row.cohort.code: row for row in response.context["cohorts"]}
    assert (rows[cohort.code].participants, rows[cohort.code].without_consent) == (2, 1)
    assert rows["empty-course"].participants == 0
    html = response.content.decode()
    assert reverse("analytics_cohort", args=[cohort.code]) in html


def test_no_cohorts_say_so(officer_client):
    assert 'id="no-cohorts"' in officer_client.get(COHORTS).content.decode()


# --- a fixed number of queries -------------------------------------------------------------


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_the_dashboard_runs_a_fixed_number_of_queries(officer_client, questionnaire, cohort):
    params = {"country": "LA", "cohort": cohort.code, "submitted_from": "2026-01-01"}
    firms(5, questionnaire)
    few = count_queries(officer_client, DASHBOARD, params)
    for company in firms(30, questionnaire, at(2026, 1, 2)):
        submitted(company, questionnaire, at(2026, 4, 2), cohort=cohort)
    assert count_queries(officer_client, DASHBOARD, params) == few
    # Session, user, permissions (2); the default version; the chosen version and cohort
    # checked, then both lists drawn (4); pillars, questions, levels; the months, the
    # latest rows and the question means.
    assert few <= 16


def test_the_cohort_view_runs_a_fixed_number_of_queries(officer_client, questionnaire, cohort):
    def grow(n):
        for _ in range(n):
            company = firm(cohort=cohort)
            submitted(company, questionnaire, at(2026, 2, 1), cohort=cohort)
            submitted(company, questionnaire, at(2026, 5, 1), cohort=cohort)

    grow(5)
    url = reverse("analytics_cohort", args=[cohort.code])
    few = count_queries(officer_client, url)
    grow(20)
    assert count_queries(officer_client, url) == few
    assert few <= 10  # 9, plus one count of the plan actions done (reports/progress)
    # Session, user, permissions (2), the two memberships, the cohorts.
    assert count_queries(officer_client, COHORTS) <= 7


def test_the_cohort_view_counts_plan_actions_done_by_consenting_firms(
    officer_client, questionnaire, cohort
):
    def done(assessment, *codes, status="done"):
        for code in codes:
            PlanMark.objects.create(
                assessment=assessment, question_code=code, status=status, on=at(2026, 5, 2)
            )

    first = submitted(firm(cohort=cohort), questionnaire, at(2026, 2, 1), cohort=cohort)
    second = submitted(firm(cohort=cohort), questionnaire, at(2026, 2, 1), cohort=cohort)
    quiet = submitted(firm(cohort=cohort, consent=False), questionnaire, at(2026, 2, 1))
    outsider = submitted(firm(), questionnaire, at(2026, 2, 1))
    done(first, "inf-internet", "tal-champion")
    done(second, "inf-internet")
    done(second, "tal-skills", status="in_progress")
    done(quiet, "inf-internet")  # no consent: not counted
    done(outsider, "inf-internet")  # not a participant
    response = cohort_page(officer_client, cohort)
    assert (response.context["actions_done"], response.context["firms_acting"]) == (3, 2)
    assert "3, by 2 firms" in response.content.decode()
