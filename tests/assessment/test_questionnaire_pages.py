"""The questionnaire pages: save on every page change, clear errors, tamper-proof."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from assessment.authoring.versions import version_copy_as_draft
from assessment.models import Answer, Assessment, Company, Option, Question, User
from tests.conftest import answer, answer_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(company, questionnaire) -> Assessment:
    return Assessment.objects.create(company=company, questionnaire=questionnaire)


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return client


def _page(assessment, index=1):
    return reverse("assessment_page", args=[assessment.pk, index])


def _opt(code_q, code_o) -> str:
    option = Option.objects.get(
        question__pillar__questionnaire__slug="test-q",
        question__pillar__questionnaire__number=1,
        question__code=code_q,
        code=code_o,
    )
    return str(option.pk)


def _stored(assessment) -> dict[str, object]:
    out = {}
    for a in assessment.answers.select_related("question").prefetch_related("options"):
        out[a.question.code] = sorted(o.code for o in a.options.all()) or a.number or a.text
    return out


def _page1(**extra):
    data = {
        "q-inf-internet": _opt("inf-internet", "mobile"),
        "q-inf-tools": [_opt("inf-tools", "email"), _opt("inf-tools", "cloud")],
        "q-inf-staff-online": "60",
        "nav": "next",
    }
    data.update(extra)
    return data


def test_page_shows_questions_progress_and_help(owner, assessment):
    body = owner.get(_page(assessment)).content.decode()
    assert "Pillar 1 of 2" in body
    assert "0 of 6 questions answered" in body
    assert "How does the firm connect to the internet?" in body
    assert 'name="q-inf-tools"' in body and 'type="checkbox"' in body
    assert "Not applicable" in body  # the number question's special answer


def test_next_stores_the_page_and_moves_on(owner, assessment):
    response = owner.post(_page(assessment), _page1())
    assert response.status_code == 302
    assert response.url == _page(assessment, 2)
    assert _stored(assessment) == {
        "inf-internet": ["mobile"],
        "inf-tools": ["cloud", "email"],
        "inf-staff-online": 60,
    }
    body = owner.get(_page(assessment)).content.decode()
    assert "3 of 6 questions answered" in body
    assert "checked" in body


def test_previous_and_save_for_later_also_store(owner, assessment):
    page2 = {"q-tal-skills": _opt("tal-skills", "l2"), "nav": "prev"}
    assert owner.post(_page(assessment, 2), page2).url == _page(assessment, 1)
    response = owner.post(_page(assessment), _page1(nav="save"))
    assert response.url == reverse("dashboard")
    assert set(_stored(assessment)) == {
        "tal-skills",
        "inf-internet",
        "inf-tools",
        "inf-staff-online",
    }


def test_last_page_leads_to_review(owner, assessment):
    response = owner.post(_page(assessment, 2), {"nav": "next"})
    assert response.url == reverse("assessment_review", args=[assessment.pk])


def test_clearing_an_answer_removes_it(owner, assessment):
    owner.post(_page(assessment), _page1())
    owner.post(_page(assessment), _page1(**{"q-inf-tools": [], "q-inf-staff-online": ""}))
    assert _stored(assessment) == {"inf-internet": ["mobile"]}


def test_an_error_keeps_every_typed_answer_and_stores_the_valid_ones(owner, assessment):
    data = _page1(**{"q-inf-staff-online": "150"})
    response = owner.post(_page(assessment), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "less than or equal to 100" in body
    assert 'value="150"' in body
    assert f'value="{_opt("inf-internet", "mobile")}" id' in body
    assert _stored(assessment) == {"inf-internet": ["mobile"], "inf-tools": ["cloud", "email"]}


def test_text_is_redisplayed_after_an_error_elsewhere(owner, assessment):
    data = {
        "q-tal-obstacle": "Slow <b>internet</b> & costs",
        "q-tal-skills": _opt("tal-skills", "l1"),
    }
    data["q-tal-champion"] = _opt("tal-champion", "yes")
    owner.post(_page(assessment, 2), data)
    assert _stored(assessment)["tal-obstacle"] == "Slow <b>internet</b> & costs"
    body = owner.get(_page(assessment, 2)).content.decode()
    assert "Slow &lt;b&gt;internet&lt;/b&gt; &amp; costs" in body


def test_none_of_these_cannot_be_ticked_with_others(owner, assessment):
    data = _page1(**{"q-inf-tools": [_opt("inf-tools", "none"), _opt("inf-tools", "email")]})
    response = owner.post(_page(assessment), data)
    assert "cannot be ticked together" in response.content.decode()
    assert "inf-tools" not in _stored(assessment)


def test_a_number_and_a_special_answer_together_are_refused(owner, assessment):
    data = _page1(**{"q-inf-staff-online-special": _opt("inf-staff-online", "na")})
    response = owner.post(_page(assessment), data)
    assert "not both" in response.content.decode()
    assert "inf-staff-online" not in _stored(assessment)


def test_not_applicable_is_stored_for_a_number_question(owner, assessment):
    data = _page1(
        **{"q-inf-staff-online": "", "q-inf-staff-online-special": _opt("inf-staff-online", "na")}
    )
    owner.post(_page(assessment), data)
    assert _stored(assessment)["inf-staff-online"] == ["na"]


def test_text_over_its_limit_is_a_form_error(owner, assessment):
    response = owner.post(_page(assessment, 2), {"q-tal-obstacle": "x" * 501})
    assert response.status_code == 200
    assert "at most 500 characters" in response.content.decode()
    assert not Answer.objects.exists()


def test_an_option_of_another_question_is_rejected_with_nothing_written(owner, assessment):
    data = _page1(**{"q-inf-internet": _opt("inf-tools", "email")})
    assert owner.post(_page(assessment), data).status_code == 400
    assert not Answer.objects.exists()


def test_a_question_from_another_version_or_page_is_rejected(owner, assessment, questionnaire):
    draft = version_copy_as_draft(questionnaire)
    foreign = Option.objects.get(question__pillar__questionnaire=draft, code="fibre")
    data = _page1(**{"q-tal-skills": _opt("tal-skills", "l4")})
    assert owner.post(_page(assessment), data).status_code == 400
    data = _page1(**{"q-unknown-question": str(foreign.pk)})
    assert owner.post(_page(assessment), data).status_code == 400
    assert not Answer.objects.exists()


def test_another_users_assessment_is_404(client, assessment):
    other = User.objects.create_user("other@example.org", "another-password-1")
    Company.objects.create(
        owner=other, name="Other", country="TH", sector="trade", size_band="small"
    )
    client.force_login(other)
    assert client.get(_page(assessment)).status_code == 404
    assert client.post(_page(assessment), _page1()).status_code == 404
    assert client.get(reverse("assessment_review", args=[assessment.pk])).status_code == 404
    assert client.post(reverse("assessment_submit", args=[assessment.pk])).status_code == 404
    assert not Answer.objects.exists()


def test_anonymous_is_sent_to_login(client, assessment):
    response = client.get(_page(assessment))
    assert response.status_code == 302 and reverse("login") in response.url


def test_a_submitted_assessment_refuses_answers(owner, assessment):
    answer_all(assessment)
    assessment.submit()
    before = _stored(assessment)
    response = owner.post(
        _page(assessment), _page1(**{"q-inf-internet": _opt("inf-internet", "fibre")})
    )
    assert response.status_code == 409
    assert _stored(assessment) == before
    assert owner.get(_page(assessment)).url == reverse("assessment_results", args=[assessment.pk])


def test_a_page_out_of_range_is_404(owner, assessment):
    assert owner.get(_page(assessment, 3)).status_code == 404
    assert owner.get(_page(assessment, 0)).status_code == 404


def test_review_lists_unanswered_required_questions_with_links(owner, assessment):
    answer(assessment, "inf-internet", "fibre")
    body = owner.get(reverse("assessment_review", args=[assessment.pk])).content.decode()
    assert "3 required questions still unanswered" in body
    assert f"{_page(assessment, 1)}#q-inf-tools" in body
    assert f"{_page(assessment, 2)}#q-tal-skills" in body
    assert "Submit and see my results" not in body


def test_submission_is_refused_until_required_answers_are_given(owner, assessment):
    answer(assessment, "inf-internet", "fibre")
    response = owner.post(reverse("assessment_submit", args=[assessment.pk]), follow=True)
    assert "still unanswered" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "draft"


def test_complete_submission_shows_results(owner, assessment):
    answer_all(assessment)
    body = owner.get(reverse("assessment_review", args=[assessment.pk])).content.decode()
    assert "Submit and see my results" in body
    response = owner.post(reverse("assessment_submit", args=[assessment.pk]))
    assert response.url == reverse("assessment_results", args=[assessment.pk])
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.overall_score is not None


def test_submit_needs_post(owner, assessment):
    assert owner.get(reverse("assessment_submit", args=[assessment.pk])).status_code == 405


def _seed_assessment(seeded, company) -> tuple[Assessment, list]:
    assessment = Assessment.objects.create(company=company, questionnaire=seeded)
    return assessment, list(seeded.pillars.all())


def test_page_queries_do_not_grow_with_the_number_of_questions(
    owner, assessment, seeded, company, django_assert_max_num_queries
):
    big, pillars = _seed_assessment(seeded, company)
    assert pillars[0].questions.count() >= 9
    for target in (assessment, big):
        with django_assert_max_num_queries(10):
            assert owner.get(_page(target)).status_code == 200


def test_saving_a_page_costs_the_same_queries_for_2_or_12_questions(
    owner, assessment, seeded, company
):
    from django.db import reset_queries
    from django.test.utils import CaptureQueriesContext

    big, _ = _seed_assessment(seeded, company)
    questions = list(
        Question.objects.filter(pillar__questionnaire=seeded, pillar__order=1).prefetch_related(
            "options"
        )
    )
    data = {"nav": "next"}
    for q in questions:
        opts = [o for o in q.options.all() if o.kind == "normal"]
        if q.type == "number":
            data[f"q-{q.code}"] = "5"
        elif q.type == "multiple":
            data[f"q-{q.code}"] = [str(opts[0].pk)]
        elif q.type != "text":
            data[f"q-{q.code}"] = str(opts[0].pk)
    small_data = _page1()
    reset_queries()
    with CaptureQueriesContext(connection) as small_ctx:
        assert owner.post(_page(assessment), small_data).status_code == 302
    with CaptureQueriesContext(connection) as big_ctx:
        assert owner.post(_page(big), data).status_code == 302
    assert big.answers.count() >= 9
    assert len(big_ctx.captured_queries) == len(small_ctx.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submissions_give_one_submitted_assessment(user, questionnaire, company):
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    url = reverse("assessment_submit", args=[assessment.pk])
    statuses: list[int] = []
    barrier = threading.Barrier(2)

    def post() -> None:
        client = Client()
        client.force_login(user)
        barrier.wait()
        statuses.append(client.post(url).status_code)
        connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [302, 302]
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    assert Assessment.objects.filter(status="submitted").count() == 1


def test_a_stored_number_comes_back_as_typed(owner, assessment):
    owner.post(_page(assessment), _page1(**{"q-inf-staff-online": "10"}))
    body = owner.get(_page(assessment)).content.decode()
    assert 'value="10"' in body and 'value="10.00"' not in body
    owner.post(_page(assessment), _page1(**{"q-inf-staff-online": "12.50"}))
    assert 'value="12.5"' in owner.get(_page(assessment)).content.decode()


def test_an_option_sent_twice_counts_once_and_the_rest_of_the_page_is_saved(owner, assessment):
    # A double click on a slow link, or a crafted request, repeats a checkbox's value.
    email, na = _opt("inf-tools", "email"), _opt("inf-staff-online", "na")
    data = _page1(
        **{
            "q-inf-tools": [email, email, _opt("inf-tools", "cloud")],
            "q-inf-staff-online": "",
            "q-inf-staff-online-special": [na, na],
        }
    )
    assert owner.post(_page(assessment), data).status_code == 302
    assert _stored(assessment) == {
        "inf-internet": ["mobile"],
        "inf-tools": ["cloud", "email"],
        "inf-staff-online": ["na"],
    }


def test_none_of_these_sent_twice_is_one_choice_not_a_clash(owner, assessment):
    none = _opt("inf-tools", "none")
    assert owner.post(_page(assessment), _page1(**{"q-inf-tools": [none, none]})).status_code == 302
    assert _stored(assessment)["inf-tools"] == ["none"]
