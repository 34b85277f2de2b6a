"""Questions that continue across versions (issue 17, item 4): the pure lineage, and
`previous_code` as the admin, the YAML import and publishing check it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessment.authoring.questionnaire_schema import QuestionnaireFormatError
from assessment.authoring.questionnaire_yaml import export_yaml, import_dict, import_yaml
from assessment.models import Question, QuestionnaireVersion
from assessment.models.lineage import VersionCodes, lineage, mapping_problems, version_problems
from assessment.models.previous_codes import version_lineage
from tests.conftest import small_questionnaire_data

# --- the pure lineage --------------------------------------------------------------------


def test_a_chain_of_renames_keeps_the_oldest_code_as_its_key():
    keys = lineage(
        [
            VersionCodes(3, {"c": "b", "kept": None, "fresh": None}),
            VersionCodes(1, {"a": None, "kept": None}),
            VersionCodes(2, {"b": "a", "kept": ""}),
        ]
    )
    assert keys == {
        1: {"a": "a", "kept": "kept"},
        2: {"b": "a", "kept": "kept"},
        3: {"c": "a", "kept": "kept", "fresh": "fresh"},
    }


def test_a_code_left_out_of_a_version_and_taken_up_again_keeps_its_lineage():
    keys = lineage(
        [
            VersionCodes(1, {"a": None}),
            VersionCodes(2, {"b": "a"}),
            VersionCodes(3, {"x": "b"}),
            VersionCodes(4, {"y": "a"}),  # reaches past v3 to v1's code
        ]
    )
    assert keys[3] == {"x": "a"}
    assert keys[4] == {"y": "a"}


def test_an_old_code_brought_back_beside_its_rename_does_not_share_its_key():
    keys = lineage(
        [
            VersionCodes(1, {"a": None}),
            VersionCodes(2, {"b": "a"}),
            VersionCodes(3, {"b": None, "a": None}),  # "a" again, meaning something new
        ]
    )
    assert keys[3]["b"] == "a"
    assert keys[3]["a"] != "a"
    assert len(set(keys[3].values())) == 2


def test_mapping_problems_name_the_question():
    earlier = {"old", "other"}
    assert mapping_problems("q", "", earlier, []) == []
    assert mapping_problems("q", "old", earlier, []) == []
    [itself] = mapping_problems("q", "q", earlier | {"q"}, [])
    assert "Question q" in itself and "itself" in itself
    [unknown] = mapping_problems("q", "gone", earlier, [])
    assert "Question q" in unknown and "“gone”" in unknown
    [twice] = mapping_problems("q", "old", earlier, ["old"])
    assert "already" in twice


def test_two_questions_of_a_version_cannot_claim_one_old_question():
    problems = version_problems({"a": "old", "b": "old", "c": None}, {"old"})
    assert len(problems) == 2
    # Keeping the old code and continuing it under a new one at once is the same clash.
    [kept] = version_problems({"old": None, "new": "old"}, {"old"})
    assert kept.startswith("Question new")


# --- previous_code in the database -------------------------------------------------------


def _v2(**changes: str) -> dict:
    """Version 2 of the small questionnaire with questions renamed: new code -> old code."""
    data = small_questionnaire_data(2)
    for pillar in data["pillars"]:
        for question in pillar["questions"]:
            for new, old in changes.items():
                if question["code"] == old:
                    question["code"] = new
                    question["previous_code"] = old
    return data


pytestmark = pytest.mark.django_db


def test_an_import_can_map_a_renamed_question_and_the_export_carries_it(questionnaire):
    v2 = import_dict(_v2(**{"inf-connection": "inf-internet"}))
    question = Question.objects.get(pillar__questionnaire=v2, code="inf-connection")
    assert question.previous_code == "inf-internet"
    text = export_yaml(v2)
    assert "previous_code: inf-internet" in text
    again = import_yaml(text.replace("number: 2", "number: 3"))
    assert Question.objects.get(pillar__questionnaire=again, code="inf-connection").previous_code
    assert version_lineage("test-q")[v2.pk]["inf-connection"] == "inf-internet"
    assert version_lineage("test-q")[again.pk]["inf-connection"] == "inf-internet"


@pytest.mark.parametrize(
    ("previous_code", "expected"),
    [
        ("inf-connection", "cannot continue itself"),
        ("no-such-question", "no earlier version of this questionnaire has a question"),
        ("inf-tools", "already continues or keeps"),
    ],
)
def test_a_bad_mapping_is_refused_on_import_naming_the_question(
    questionnaire, previous_code, expected
):
    data = _v2(**{"inf-connection": "inf-internet"})
    data["pillars"][0]["questions"][0]["previous_code"] = previous_code
    with pytest.raises(QuestionnaireFormatError) as error:
        import_dict(data)
    assert "question inf-connection" in str(error.value).lower()
    assert expected in str(error.value)
    assert not QuestionnaireVersion.objects.filter(number=2).exists()


def test_a_first_version_has_nothing_to_continue(db):
    data = small_questionnaire_data()
    data["pillars"][0]["questions"][0]["previous_code"] = "older"
    with pytest.raises(QuestionnaireFormatError, match="no earlier version"):
        import_dict(data)
    assert not QuestionnaireVersion.objects.exists()


def test_another_questionnaire_is_not_an_earlier_version(questionnaire):
    data = {**_v2(**{"inf-connection": "inf-internet"}), "slug": "other-q", "number": 5}
    with pytest.raises(QuestionnaireFormatError, match="no earlier version"):
        import_dict(data)


def test_the_admin_form_refuses_a_question_continuing_itself(questionnaire):
    v2 = import_dict(small_questionnaire_data(2))
    question = Question.objects.get(pillar__questionnaire=v2, code="inf-tools")
    question.previous_code = "inf-tools"
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "previous_code" in error.value.message_dict


def test_publishing_checks_the_mapping_again(questionnaire):
    v2 = import_dict(_v2(**{"inf-connection": "inf-internet"}))
    # Written past the form (as a bulk update or a stale import could): publish refuses.
    Question.objects.filter(pillar__questionnaire=v2, code="inf-connection").update(
        previous_code="vanished"
    )
    problems = v2.validation_problems()
    assert any("Question inf-connection" in p and "“vanished”" in p for p in problems)
    with pytest.raises(ValidationError):
        v2.publish()
    v2.refresh_from_db()
    assert v2.status == QuestionnaireVersion.Status.DRAFT


def test_the_admin_shows_and_saves_the_previous_code(admin_client, questionnaire):
    v2 = import_dict(_v2(**{"inf-connection": "inf-internet"}))
    question = Question.objects.get(pillar__questionnaire=v2, code="inf-connection")
    url = reverse("admin:assessment_question_change", args=[question.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="previous_code" value="inf-internet"' in html
    listing = admin_client.get(
        reverse("admin:assessment_question_changelist"), {"q": "inf-internet"}
    )
    assert "inf-connection" in listing.content.decode()
