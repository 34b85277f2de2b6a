"""The dashboard lists the user's drafts and submitted assessments; start creates or resumes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template.defaultfilters import floatformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.authoring.questionnaire_yaml import import_dict
from assessment.models import Assessment, Cohort, Company, User
from tests.conftest import answer, answer_all, small_questionnaire_data

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard")
START = reverse("assessment_start")


@pytest.fixture
def logged_in(client, user):
    client.force_login(user)
    return client


def _draft(company, questionnaire, *codes: str) -> Assessment:
    """A draft with the given questions answered (first option, or a number)."""
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    picks = {
        "inf-internet": ("mobile",),
        "inf-tools": ("email",),
        "tal-skills": ("l2",),
        "tal-champion": ("yes",),
    }
    for code in codes:
        if code == "inf-staff-online":
            answer(assessment, code, number=40)
        else:
            answer(assessment, code, *picks[code])
    return assessment


def _submitted(company, questionnaire) -> Assessment:
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    assessment.submit()
    return assessment


def test_user_without_company_is_sent_to_profile(logged_in):
    response = logged_in.get(DASHBOARD, follow=True)
    assert response.redirect_chain == [(reverse("profile"), 302)]
    assert "First tell us about your company" in response.content.decode()


def test_anonymous_visitor_is_sent_to_login(client):
    assert client.get(DASHBOARD).url == f"{reverse('login')}?next={DASHBOARD}"


def test_empty_state_explains_the_check_and_offers_to_start(logged_in, company, questionnaire):
    html = logged_in.get(DASHBOARD).content.decode()
    assert "about 15 minutes" in html
    assert "four pillars" in html
    assert "free PDF" in html
    assert f'action="{START}"' in html
    assert "Start the check" in html
    assert "csrfmiddlewaretoken" in html


def test_start_creates_one_draft_with_the_cohort_and_opens_page_one(
    logged_in, company, questionnaire
):
    cohort = Cohort.objects.create(code="lmc-2026", name="LMC course")
    company.cohort = cohort
    company.save()
    response = logged_in.post(START)
    assessment = Assessment.objects.get()
    assert response.url == reverse("assessment_page", args=[assessment.pk, 1])
    assert assessment.company == company
    assert assessment.questionnaire == questionnaire
    assert assessment.status == Assessment.Status.DRAFT
    assert assessment.cohort == cohort
    assert assessment.language == "en"


def test_start_records_the_respondents_language(logged_in, company, questionnaire):
    logged_in.post(START, HTTP_ACCEPT_LANGUAGE="th")
    assert Assessment.objects.get().language == "th"


def test_starting_again_resumes_the_same_draft(logged_in, company, questionnaire):
    first = logged_in.post(START)
    draft = Assessment.objects.get()
    answer(draft, "inf-internet", "fibre")
    answer(draft, "inf-tools", "erp")
    answer(draft, "inf-staff-online", number=90)
    second = logged_in.post(START, follow=True)
    assert Assessment.objects.count() == 1
    assert first.url == reverse("assessment_page", args=[draft.pk, 1])
    # Resumed where the respondent left off: the first page still missing an answer.
    assert second.redirect_chain[0][0] == reverse("assessment_page", args=[draft.pk, 2])


def test_a_submitted_assessment_does_not_stop_a_new_one(logged_in, company, questionnaire):
    done = _submitted(company, questionnaire)
    logged_in.post(START)
    new = Assessment.objects.exclude(pk=done.pk).get()
    assert new.status == Assessment.Status.DRAFT


def test_a_draft_on_a_retired_version_does_not_stop_a_new_one(logged_in, company, questionnaire):
    old = _draft(company, questionnaire)
    v2 = import_dict(small_questionnaire_data(number=2))
    v2.publish()
    html = logged_in.get(DASHBOARD).content.decode()
    assert "Start a new assessment" in html
    logged_in.post(START)
    new = Assessment.objects.exclude(pk=old.pk).get()
    assert new.questionnaire == v2


def test_get_on_start_is_not_allowed(logged_in, company, questionnaire):
    assert logged_in.get(START).status_code == 405
    assert not Assessment.objects.exists()


def test_start_without_company_goes_to_profile(logged_in, questionnaire):
    assert logged_in.post(START).url == reverse("profile")
    assert not Assessment.objects.exists()


def test_start_without_published_questionnaire_says_so(logged_in, company):
    response = logged_in.post(START, follow=True)
    assert response.redirect_chain == [(DASHBOARD, 302)]
    assert "No questionnaire is published yet." in response.content.decode()
    assert not Assessment.objects.exists()


def test_drafts_show_progress_and_continue_on_the_first_unanswered_pillar(
    logged_in, company, questionnaire
):
    fresh = _draft(company, questionnaire)
    halfway = _draft(company, questionnaire, "inf-internet", "inf-tools", "inf-staff-online")
    # The first pillar is complete except for one required answer: continue there.
    gap = _draft(company, questionnaire, "inf-internet", "inf-staff-online", "tal-skills")
    # Every required question answered, optional ones left: continue to the review.
    complete = _draft(
        company, questionnaire, "inf-internet", "inf-tools", "inf-staff-online", "tal-skills"
    )
    html = logged_in.get(DASHBOARD).content.decode()
    assert "0 of 6 answered" in html
    assert "3 of 6 answered" in html
    assert "4 of 6 answered" in html
    assert reverse("assessment_page", args=[fresh.pk, 1]) in html
    assert reverse("assessment_page", args=[halfway.pk, 2]) in html
    assert reverse("assessment_page", args=[gap.pk, 1]) in html
    assert reverse("assessment_review", args=[complete.pk]) in html
    assert "Test questionnaire" in html
    # The current version already has a draft: the page offers to continue, not restart.
    assert f'action="{START}"' not in html


def test_submitted_assessments_show_rounded_score_and_level(logged_in, company, questionnaire):
    done = _submitted(company, questionnaire)
    html = logged_in.get(DASHBOARD).content.decode()
    assert done.overall_score is not None
    assert f"{floatformat(done.overall_score, 0)} out of 100" in html
    assert done.level and done.level in html
    assert reverse("assessment_results", args=[done.pk]) in html
    assert "Start a new assessment" in html


def test_another_users_assessments_never_appear(logged_in, company, questionnaire):
    other_user = User.objects.create_user("other@example.org", "another-password-1")
    other = Company.objects.create(
        owner=other_user, name="Other Firm", country="VN", sector="trade", size_band="small"
    )
    theirs_draft = _draft(other, questionnaire, "inf-internet")
    theirs_done = _submitted(other, questionnaire)
    html = logged_in.get(DASHBOARD).content.decode()
    assert "Other Firm" not in html
    assert f"/assessments/{theirs_draft.pk}/" not in html
    assert f"/assessments/{theirs_done.pk}/" not in html
    assert "about 15 minutes" in html  # still this user's empty state


def test_dashboard_query_count_does_not_grow_with_assessments(
    logged_in, company, questionnaire, django_assert_max_num_queries
):
    _draft(company, questionnaire, "inf-internet")
    _submitted(company, questionnaire)
    with CaptureQueriesContext(connection) as few:
        assert logged_in.get(DASHBOARD).status_code == 200

    for _ in range(4):
        _submitted(company, questionnaire)
    v2 = import_dict(small_questionnaire_data(number=2))
    v2.publish()
    for codes in [(), ("inf-internet",), ("inf-internet", "inf-tools", "inf-staff-online")]:
        _draft(company, questionnaire, *codes)
        _draft(company, v2, *codes)
    with django_assert_max_num_queries(len(few)):
        html = logged_in.get(DASHBOARD).content.decode()
    assert html.count(" of 6 answered") == 7
    assert html.count("See the results") == 5
    # Session, user, company, assessments, pillars; with a submitted assessment, the
    # trend and plan (reports/progress/views.py): pillar names, the peer snapshot, the
    # latest result and its plan marks.
    assert len(few) <= 9


def test_home_invites_visitors_to_sign_up_and_members_to_their_dashboard(
    client, user, questionnaire
):
    html = client.get(reverse("home")).content.decode()
    assert "about 15 minutes" in html
    assert "Digital talent" in html  # the published version's pillars
    assert f'href="{reverse("signup")}">Start the check' in html
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert f'href="{DASHBOARD}">Start the check' in html
