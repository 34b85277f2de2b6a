"""Questionnaire pages with conditions (issue 17): only what applies is asked, page by page.

The fixture's third pillar, "Regional cooperation", asks coop-online of every firm,
coop-marketplace-reviews only after "On a marketplace", and coop-foreign-partner only of
a firm that exports or plans to.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from assessment.models import Assessment, Option, Pillar, Question
from tests.conftest import answer, answer_all, conditional_questionnaire_data, import_dict

pytestmark = pytest.mark.django_db

COOP = 3  # the cooperation pillar's page


@pytest.fixture
def assessment(company, conditional_questionnaire) -> Assessment:
    return Assessment.objects.create(company=company, questionnaire=conditional_questionnaire)


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return client


def _page(assessment, index=COOP):
    return reverse("assessment_page", args=[assessment.pk, index])


def _opt(assessment, question, option) -> str:
    return str(
        Option.objects.get(
            question__pillar__questionnaire=assessment.questionnaire,
            question__code=question,
            code=option,
        ).pk
    )


def _fieldset(body: str, code: str) -> str:
    """The opening tag of a question's fieldset."""
    found = re.search(rf'<fieldset[^>]*id="q-{code}"[^>]*>', body)
    assert found, code
    return found.group(0)


def _shown(body: str) -> set[str]:
    """The questions the page shows (not drawn hidden)."""
    tags = re.findall(r'<fieldset[^>]*id="q-([\w-]+)"[^>]*>', body)
    return {code for code in tags if " hidden" not in _fieldset(body, code)}


def _exporting(company, exports: str):
    company.exports = exports
    company.save()


@pytest.mark.parametrize(
    ("exports", "partner_shown"),
    [("", False), ("no", False), ("yes", True), ("planning", True)],
)
def test_the_foreign_partner_question_is_asked_only_of_exporters(
    owner, assessment, company, exports, partner_shown
):
    _exporting(company, exports)
    body = owner.get(_page(assessment)).content.decode()
    expected = {"coop-online"} | ({"coop-foreign-partner"} if partner_shown else set())
    assert _shown(body) == expected
    # A hidden question is drawn disabled: nothing of it is posted or required.
    assert " disabled" in _fieldset(body, "coop-marketplace-reviews")
    assert "required" not in _fieldset(body, "coop-marketplace-reviews")


def test_the_marketplace_follow_up_appears_only_after_its_trigger(owner, assessment):
    body = owner.get(_page(assessment)).content.decode()
    assert "coop-marketplace-reviews" not in _shown(body)
    # Without the script: "On a marketplace" posted, the page comes back asking the
    # follow-up instead of moving on.
    response = owner.post(
        _page(assessment),
        {"q-coop-online": _opt(assessment, "coop-online", "marketplace"), "nav": "next"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "coop-marketplace-reviews" in _shown(body)
    assert "more questions apply on this page" in body
    assert f'value="{_opt(assessment, "coop-online", "marketplace")}" id' in body
    # Now drawn, answered and posted with its marker: the page moves on.
    response = owner.post(
        _page(assessment),
        {
            "q-coop-online": _opt(assessment, "coop-online", "marketplace"),
            "q-coop-marketplace-reviews": _opt(assessment, "coop-marketplace-reviews", "yes"),
            "shown": "coop-marketplace-reviews",
            "nav": "next",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("assessment_review", args=[assessment.pk])


def test_another_trigger_moves_on_without_the_follow_up(owner, assessment):
    response = owner.post(
        _page(assessment),
        {"q-coop-online": _opt(assessment, "coop-online", "own-shop"), "nav": "next"},
    )
    assert response.status_code == 302
    assert response.url == reverse("assessment_review", args=[assessment.pk])


def test_a_script_shown_follow_up_left_empty_does_not_hold_the_page(owner, assessment):
    """The script showed it (the marker is posted): the respondent saw it and moved on."""
    response = owner.post(
        _page(assessment),
        {
            "q-coop-online": _opt(assessment, "coop-online", "marketplace"),
            "shown": "coop-marketplace-reviews",
            "nav": "next",
        },
    )
    assert response.status_code == 302


def test_a_hidden_answer_is_kept_but_not_counted(owner, assessment):
    answer(assessment, "coop-online", "marketplace")
    answer(assessment, "coop-marketplace-reviews", "yes")
    body = owner.get(_page(assessment)).content.decode()
    assert "2 of 8 questions answered" in body
    # Changing the trigger hides the follow-up; the page does not post it (disabled).
    response = owner.post(
        _page(assessment),
        {"q-coop-online": _opt(assessment, "coop-online", "own-shop"), "nav": "save"},
    )
    assert response.status_code == 302
    codes = set(assessment.answers.values_list("question__code", flat=True))
    assert codes == {"coop-online", "coop-marketplace-reviews"}
    body = owner.get(_page(assessment)).content.decode()
    assert "1 of 7 questions answered" in body
    assert "coop-marketplace-reviews" not in _shown(body)


def test_a_posted_answer_to_a_hidden_question_is_kept_and_not_counted(owner, assessment):
    owner.post(
        _page(assessment),
        {
            "q-coop-online": _opt(assessment, "coop-online", "no"),
            "q-coop-foreign-partner": _opt(assessment, "coop-foreign-partner", "yes"),
            "nav": "save",
        },
    )
    assert assessment.answers.filter(question__code="coop-foreign-partner").exists()
    body = owner.get(_page(assessment)).content.decode()
    assert "1 of 7 questions answered" in body


def test_a_shown_follow_up_cleared_by_the_respondent_is_cleared(owner, assessment):
    answer(assessment, "coop-online", "marketplace")
    answer(assessment, "coop-marketplace-reviews", "yes")
    owner.post(
        _page(assessment),
        {
            "q-coop-online": _opt(assessment, "coop-online", "marketplace"),
            "shown": "coop-marketplace-reviews",
            "nav": "save",
        },
    )
    codes = set(assessment.answers.values_list("question__code", flat=True))
    assert codes == {"coop-online"}


def test_progress_counts_only_what_applies(owner, assessment, company):
    # Six questions on the first two pages, coop-online: 7 for a domestic firm.
    assert "0 of 7 questions answered" in owner.get(_page(assessment, 1)).content.decode()
    _exporting(company, "yes")
    assert "0 of 8 questions answered" in owner.get(_page(assessment, 1)).content.decode()
    answer(assessment, "coop-online", "marketplace")
    body = owner.get(_page(assessment, 1)).content.decode()
    assert "1 of 9 questions answered" in body
    assert "11%" in body


def test_a_hidden_required_question_does_not_block_submission(owner, assessment):
    answer_all(assessment)
    answer(assessment, "coop-online", "own-shop")
    review = owner.get(reverse("assessment_review", args=[assessment.pk])).content.decode()
    assert "Every required question is answered" in review
    assert "Do you have a partner in a neighbouring country?" not in review
    assert "1 of 1 answered" in review
    response = owner.post(reverse("assessment_submit", args=[assessment.pk]))
    assert response.url == reverse("assessment_results", args=[assessment.pk])
    assessment.refresh_from_db()
    assert assessment.is_submitted


def test_review_names_an_applicable_required_question_left_open(owner, assessment, company):
    _exporting(company, "yes")
    answer_all(assessment)
    answer(assessment, "coop-online", "marketplace")
    review = owner.get(reverse("assessment_review", args=[assessment.pk])).content.decode()
    assert "2 required questions still unanswered" in review
    assert "Do you answer your marketplace reviews?" in review
    assert "Do you have a partner in a neighbouring country?" in review


def _hide_cooperation_pillar(version) -> None:
    Pillar.objects.filter(questionnaire=version, code="cooperation").update(
        show_if={"profile": "exports", "in": ["yes"]}
    )


def test_a_pillar_that_does_not_apply_leaves_the_page_sequence(owner, assessment, company):
    _hide_cooperation_pillar(assessment.questionnaire)
    body = owner.get(_page(assessment, 2)).content.decode()
    assert "Pillar 2 of 2" in body
    assert "Review answers →" in body
    response = owner.post(_page(assessment, 2), {"nav": "next"})
    assert response.url == reverse("assessment_review", args=[assessment.pk])
    # Its address leads on to the review; its questions are not counted.
    assert owner.get(_page(assessment)).url == reverse("assessment_review", args=[assessment.pk])
    review = owner.get(reverse("assessment_review", args=[assessment.pk])).content.decode()
    assert "Regional cooperation" not in review
    _exporting(company, "yes")
    assert "Pillar 2 of 3" in owner.get(_page(assessment, 2)).content.decode()
    assert owner.get(_page(assessment)).status_code == 200


def test_previous_skips_a_pillar_that_does_not_apply(owner, assessment):
    Pillar.objects.filter(questionnaire=assessment.questionnaire, code="talent").update(
        show_if={"profile": "country", "in": ["VN"]}
    )
    body = owner.get(_page(assessment)).content.decode()
    assert "Pillar 2 of 2" in body
    response = owner.post(_page(assessment), {"nav": "prev"})
    assert response.url == _page(assessment, 1)
    response = owner.post(
        _page(assessment, 1), {"q-inf-internet": _opt(assessment, "inf-internet", "mobile")}
    )
    assert response.url == _page(assessment, COOP)


def test_the_script_gets_the_condition_with_option_ids_and_profile_decided(owner, assessment):
    body = owner.get(_page(assessment)).content.decode()
    reviews = _fieldset(body, "coop-marketplace-reviews")
    marketplace = _opt(assessment, "coop-online", "marketplace")
    assert (
        f'data-show-if="{{&quot;question&quot;:&quot;coop-online&quot;,&quot;in&quot;:[&quot;{marketplace}&quot;]}}"'
        in reviews
    )
    assert 'data-show-if="false"' in _fieldset(body, "coop-foreign-partner")
    assert "js/conditions" in body
    # A page without conditions loads no script.
    assert "js/conditions" not in owner.get(_page(assessment, 1)).content.decode()


def _big_conditional(pillars: int, per_pillar: int):
    """A generated questionnaire: every question after a pillar's first depends on it."""
    data = conditional_questionnaire_data()
    data["slug"] = "big-conditions"
    for p in range(pillars):
        questions = []
        for i in range(per_pillar):
            q = {
                "code": f"g{p}-{i}",
                "type": "single",
                "text": f"Generated question {p}.{i}?",
                "options": [
                    {"code": f"o{k}", "label": f"Option {k}", "points": k} for k in range(5)
                ],
            }
            if i:
                q["show_if"] = {
                    "any": [
                        {"question": f"g{p}-0", "in": ["o1", "o2", "o3"]},
                        {"profile": "exports", "in": ["yes"]},
                    ]
                }
            questions.append(q)
        data["pillars"].append(
            {"code": f"gen{p}", "name": f"Generated {p}", "questions": questions}
        )
    version = import_dict(data)
    version.publish()
    return version


def test_conditional_pages_query_count_does_not_grow(
    owner, assessment, company, django_assert_max_num_queries
):
    big_version = _big_conditional(pillars=6, per_pillar=15)
    big = Assessment.objects.create(company=company, questionnaire=big_version)
    for i in range(15):
        answer(big, f"g0-{i}", "o2")
    answer(big, "coop-online", "marketplace")
    assert Question.objects.filter(pillar__questionnaire=big_version).count() > 90
    for target, index in ((assessment, COOP), (big, COOP), (big, 4), (big, 9)):
        with django_assert_max_num_queries(10):
            assert owner.get(_page(target, index)).status_code == 200
    with django_assert_max_num_queries(10):
        assert owner.get(reverse("assessment_review", args=[big.pk])).status_code == 200


def test_the_dashboard_counts_and_continues_like_the_pages(owner, assessment, company):
    """The dashboard's "x of y answered" is the pages' count, and its continue link goes to
    the first page still asking a required question that applies (the review once none)."""
    dashboard = reverse("dashboard")
    body = owner.get(dashboard).content.decode()
    assert "0 of 7 answered" in body
    assert f'href="{_page(assessment, 1)}"' in body
    _exporting(company, "yes")
    answer_all(assessment)  # five of the six questions of the first two pages
    answer(assessment, "coop-online", "marketplace")
    answer(assessment, "coop-foreign-partner", "yes")  # counted: it applies to an exporter
    body = owner.get(dashboard).content.decode()
    assert "7 of 9 answered" in body
    assert f'href="{_page(assessment, COOP)}"' in body  # the marketplace follow-up
    _exporting(company, "no")
    body = owner.get(dashboard).content.decode()
    # The partner answer is kept but no longer counts; the follow-up is still open.
    assert "6 of 8 answered" in body
    answer(assessment, "coop-marketplace-reviews", "yes")
    body = owner.get(dashboard).content.decode()
    assert "7 of 8 answered" in body  # the one left open is optional
    assert f'href="{reverse("assessment_review", args=[assessment.pk])}"' in body
