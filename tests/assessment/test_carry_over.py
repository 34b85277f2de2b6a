"""Coming back: a new assessment starts from the last one's answers (issue 18, item 1)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessment.authoring.questionnaire_yaml import import_dict
from assessment.models import Answer, Assessment, Company, Option, QuestionnaireVersion, User
from tests.conftest import answer, answer_all, small_questionnaire_data

pytestmark = pytest.mark.django_db

START = reverse("assessment_start")


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def first(company, questionnaire) -> Assessment:
    """The firm's first check, submitted: mobile internet, e-mail + cloud, 50 %, level 3,
    no champion."""
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    assert assessment.submit()
    return assessment


def _start(client) -> Assessment:
    response = client.post(START)
    assert response.status_code == 302
    return Assessment.objects.filter(status=Assessment.Status.DRAFT).latest("pk")


def _page(assessment, index=1) -> str:
    return reverse("assessment_page", args=[assessment.pk, index])


def _opt(assessment, question, code) -> str:
    return str(
        Option.objects.get(
            question__pillar__questionnaire=assessment.questionnaire,
            question__code=question,
            code=code,
        ).pk
    )


def _carried(assessment) -> dict[str, bool]:
    return dict(assessment.answers.values_list("question__code", "carried_over"))


def _page1(assessment, **extra):
    data = {
        "q-inf-internet": _opt(assessment, "inf-internet", "mobile"),
        "q-inf-tools": [
            _opt(assessment, "inf-tools", "email"),
            _opt(assessment, "inf-tools", "cloud"),
        ],
        "q-inf-staff-online": "50",
        "nav": "next",
    }
    data.update(extra)
    return data


def test_a_first_check_starts_empty(owner, company, questionnaire):
    draft = _start(owner)
    assert draft.carried_from is None
    assert draft.answers.count() == 0
    assert "carried-intro" not in owner.get(_page(draft)).content.decode()


def test_a_new_check_starts_from_every_answer_of_the_last(owner, first):
    draft = _start(owner)
    assert draft.carried_from == first
    assert _carried(draft) == dict.fromkeys(
        ["inf-internet", "inf-tools", "inf-staff-online", "tal-skills", "tal-champion"], True
    )
    tools = draft.answers.get(question__code="inf-tools")
    assert sorted(tools.options.values_list("code", flat=True)) == ["cloud", "email"]
    assert draft.answers.get(question__code="inf-staff-online").number == 50
    page = owner.get(_page(draft)).content.decode()
    assert 'id="carried-intro"' in page
    assert 'id="carried-inf-internet"' in page
    assert "Confirm this page as still true" in page


def test_the_first_answers_are_left_as_they_were(owner, first):
    before = sorted(Answer.objects.filter(assessment=first).values_list("pk", "carried_over"))
    _start(owner)
    assert sorted(Answer.objects.filter(assessment=first).values_list("pk", "carried_over")) == (
        before
    )


def test_saving_a_page_unchanged_keeps_the_mark_and_a_change_drops_it(owner, first):
    draft = _start(owner)
    owner.post(_page(draft), _page1(draft))
    assert _carried(draft)["inf-internet"] is True
    owner.post(
        _page(draft), _page1(draft, **{"q-inf-internet": _opt(draft, "inf-internet", "fibre")})
    )
    carried = _carried(draft)
    assert carried["inf-internet"] is False
    assert carried["inf-tools"] is True
    assert carried["tal-skills"] is True  # another page: untouched


def test_confirming_a_page_confirms_every_answer_on_it_and_moves_on(owner, first):
    draft = _start(owner)
    response = owner.post(_page(draft), _page1(draft, nav="confirm"))
    assert response.url == _page(draft, 2)
    carried = _carried(draft)
    assert not any(carried[c] for c in ("inf-internet", "inf-tools", "inf-staff-online"))
    assert carried["tal-skills"] is True
    assert "carried-intro" not in owner.get(_page(draft)).content.decode()


def test_a_page_with_an_error_keeps_what_was_typed_and_marks_nothing_confirmed(owner, first):
    draft = _start(owner)
    response = owner.post(_page(draft), _page1(draft, **{"q-inf-staff-online": "150"}))
    assert response.status_code == 200
    assert 'value="150"' in response.content.decode()
    assert _carried(draft)["inf-internet"] is True


def test_review_lists_what_changed_what_is_new_and_what_is_unconfirmed(owner, first):
    draft = _start(owner)
    owner.post(
        _page(draft), _page1(draft, **{"q-inf-internet": _opt(draft, "inf-internet", "fibre")})
    )
    Answer.objects.filter(assessment=draft, question__code="tal-champion").delete()
    page = owner.get(reverse("assessment_review", args=[draft.pk])).content.decode()
    assert 'id="since-last"' in page
    changed = page.split('class="mb-1 since-changed"')[1].split("</p>")[0]
    assert "How does the firm connect to the internet?" in changed
    assert "Which tools do you use?" not in changed
    cleared = page.split('class="mb-1 since-cleared"')[1].split("</p>")[0]
    assert "Do you have a digital champion?" in cleared
    assert "2 answers copied from your last assessment are not yet confirmed" in page


def test_submitting_the_new_check_scores_the_copied_answers(owner, first):
    draft = _start(owner)
    assert draft.submit()
    draft.refresh_from_db()
    assert draft.overall_score == first.overall_score


def test_an_open_draft_is_resumed_not_doubled(owner, first):
    draft = _start(owner)
    owner.post(START)
    assert Assessment.objects.filter(status=Assessment.Status.DRAFT).count() == 1
    assert _carried(draft)  # still its copied answers, not copied twice
    assert draft.answers.count() == 5


def test_another_firms_answers_are_never_copied(client, first, questionnaire):
    other = User.objects.create_user("other@example.org", "a-long-password-2")
    Company.objects.create(
        owner=other, name="Other", country="TH", sector="trade", size_band="small"
    )
    client.force_login(other)
    draft = _start(client)
    assert draft.carried_from is None
    assert draft.answers.count() == 0


@pytest.fixture
def version_two(questionnaire) -> QuestionnaireVersion:
    """v2: "mobile" internet dropped, the champion question now a scale, a new question."""
    data = small_questionnaire_data(2)
    infra, talent = data["pillars"]
    internet = infra["questions"][0]
    internet["options"] = [o for o in internet["options"] if o["code"] != "mobile"]
    champion = talent["questions"][1]
    champion["type"] = "scale"
    champion["options"] = [{"code": f"l{i}", "label": f"Level {i}", "points": i} for i in range(5)]
    infra["questions"].append(
        {
            "code": "inf-backup",
            "type": "yes_no",
            "text": "Do you keep a tested backup?",
            "options": [
                {"code": "yes", "label": "Yes", "points": 4},
                {"code": "no", "label": "No", "points": 0},
            ],
        }
    )
    version = import_dict(data)
    version.publish()
    return version


def test_across_versions_answers_follow_their_codes(owner, first, version_two):
    draft = _start(owner)
    assert draft.questionnaire == version_two
    carried = _carried(draft)
    # "mobile" no longer exists and the champion question changed its type: asked afresh.
    assert set(carried) == {"inf-tools", "inf-staff-online", "tal-skills"}
    choice = {"inf-internet", "inf-tools", "tal-skills", "tal-champion"}
    assert len(choice & set(carried)) / len(choice) >= 0.5
    page = owner.get(_page(draft)).content.decode()
    assert 'id="new-inf-backup"' in page
    assert 'id="new-inf-internet"' not in page
    review = owner.get(reverse("assessment_review", args=[draft.pk])).content.decode()
    new = review.split('class="mb-1 since-new"')[1].split("</p>")[0]
    assert "Do you keep a tested backup?" in new


def test_a_question_answered_with_a_number_is_copied_with_it(owner, company, questionnaire):
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    answer(assessment, "tal-obstacle", text="Slow internet in the province")
    assert assessment.submit()
    draft = _start(owner)
    assert draft.answers.get(question__code="tal-obstacle").text == "Slow internet in the province"
