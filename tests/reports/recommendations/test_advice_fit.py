"""Advice that fits: for "tick all that apply" questions the advice, the plan and the "why"
speak to the items not ticked, most useful first, leaving out items that do not suit the
firm's size or sector (Option.not_for_sizes / not_for_sectors), frozen at submission."""

from __future__ import annotations

import itertools

import pytest

from assessment.authoring.questionnaire_schema import QuestionnaireFormatError
from assessment.authoring.questionnaire_yaml import import_dict, version_to_dict
from assessment.models import Answer, Assessment, Option
from assessment.summary import advice_for, top_gaps
from reports.recommendations.plan import action_plan
from reports.recommendations.reasons import quote
from tests.conftest import answer_all, small_questionnaire_data

LABELS = {"email": "E-mail", "cloud": "Cloud storage", "erp": "ERP"}


def frozen_tools(assessment: Assessment, *ticked: str) -> dict:
    """Submit with inf-tools ticked as given; return its frozen question."""
    answer_all(assessment)
    stored = Answer.objects.get(assessment=assessment, question__code="inf-tools")
    stored.options.set(Option.objects.filter(question=stored.question, code__in=ticked))
    assert assessment.submit()
    assessment.refresh_from_db()
    [question] = [
        q for p in assessment.result["pillars"] for q in p["questions"] if q["code"] == "inf-tools"
    ]
    return question


@pytest.fixture
def advised(questionnaire):
    options = Option.objects.filter(
        question__code="inf-tools", question__pillar__questionnaire=questionnaire
    )
    for option in options.exclude(kind="none"):
        Option.objects.filter(pk=option.pk).update(advice=f"How to use {option.label}.")
    return questionnaire


@pytest.mark.django_db
def test_the_advice_names_what_was_not_ticked_most_points_first(advised, company):
    question = frozen_tools(
        Assessment.objects.create(company=company, questionnaire=advised), "email"
    )
    assert question["missing"] == ["Cloud storage", "ERP"]  # 2 points each, then order
    assert question["missing_codes"] == ["cloud", "erp"]
    assert question["advice"] == ["How to use E-mail."]  # as before, kept for old readers
    assert advice_for(question) == [
        "Not in place yet: Cloud storage; ERP.",
        "How to use Cloud storage.",
        "How to use ERP.",
    ]
    assert "E-mail" not in quote(question)
    assert "(not yet: Cloud storage; ERP)" in quote(question)


@pytest.mark.django_db
def test_an_item_that_does_not_suit_the_firm_is_left_out(advised, company):
    assert company.size_band == "micro"
    Option.objects.filter(code="erp").update(not_for_sizes=["micro", "small"])
    Option.objects.filter(code="cloud").update(not_for_sectors=["manufacturing"])
    question = frozen_tools(
        Assessment.objects.create(company=company, questionnaire=advised), "email"
    )
    assert question["missing"] == ["Cloud storage"]
    assert "ERP" not in " ".join(advice_for(question))


@pytest.mark.django_db
def test_none_of_these_leads_with_how_to_start(advised, company):
    question = frozen_tools(
        Assessment.objects.create(company=company, questionnaire=advised), "none"
    )
    assert question["missing_advice"][0] == "Start with e-mail."
    assert advice_for(question)[0] == "Not in place yet: Cloud storage; ERP; E-mail."
    assert advice_for(question)[1] == "Start with e-mail."


@pytest.mark.django_db
def test_tick_all_advice_never_names_a_ticked_item_as_missing(advised, company):
    for size in ("micro", "medium"):
        company.size_band = size
        company.save()
        Option.objects.filter(code="erp").update(not_for_sizes=["medium"])
        for n in (1, 2, 3):
            for ticked in itertools.combinations(LABELS, n):
                assessment = Assessment.objects.create(company=company, questionnaire=advised)
                question = frozen_tools(assessment, *ticked)
                said = " ".join([*advice_for(question), quote(question)])
                steps = action_plan(assessment.result)
                said += " ".join(s.advice for h in steps.values() for s in h)
                said += " ".join(a for g in top_gaps(assessment.result, 10) for a in g.advice)
                for code in ticked:
                    assert f"How to use {LABELS[code]}" not in said, (size, ticked)
                    assert LABELS[code] not in question["missing"]
                if set(ticked) >= {"email", "cloud"}:  # full marks: nothing is missing
                    assert question["gap"] == 0


def test_a_result_frozen_before_keeps_its_advice():
    old = {
        "code": "q",
        "text": "Q?",
        "type": "multiple",
        "status": "scored",
        "advice": ["Keep it up."],
        "answer": {"options": ["A"]},
    }
    assert advice_for(old) == ["Keep it up."]  # type: ignore[arg-type]


@pytest.mark.django_db
def test_the_yaml_carries_not_for_sizes_and_sectors_both_ways(db):
    data = small_questionnaire_data()
    tools = data["pillars"][0]["questions"][1]
    tools["options"][2] |= {"not_for_sizes": ["micro"], "not_for_sectors": ["agrifood"]}
    exported = version_to_dict(import_dict(data))
    [erp] = [o for o in exported["pillars"][0]["questions"][1]["options"] if o["code"] == "erp"]
    assert erp["not_for_sizes"] == ["micro"]
    assert erp["not_for_sectors"] == ["agrifood"]
    email = exported["pillars"][0]["questions"][1]["options"][0]
    assert "not_for_sizes" not in email  # defaults stay out of the file


@pytest.mark.django_db
@pytest.mark.parametrize("bad", [["tiny"], "micro", [1]])
def test_the_yaml_refuses_unknown_size_codes(db, bad):
    data = small_questionnaire_data()
    data["pillars"][0]["questions"][1]["options"][2]["not_for_sizes"] = bad
    with pytest.raises(QuestionnaireFormatError, match="not_for_sizes"):
        import_dict(data)


def _sells_a_little_online(assessment: Assessment) -> None:
    """A few percent of sales online: the seed asks where the firm sells only then."""
    Answer.objects.filter(assessment=assessment, question__code="coo-online-sales").update(number=3)


@pytest.mark.django_db
def test_the_seed_does_not_tell_a_medium_manufacturer_to_sell_through_chat_apps(seeded, company):
    company.size_band, company.sector = "medium", "manufacturing"
    company.save()
    assessment = Assessment.objects.create(company=company, questionnaire=seeded)
    from tests.reports.recommendations.test_recommend import weakest_answers

    weakest_answers(assessment)
    _sells_a_little_online(assessment)
    stored = Answer.objects.get(assessment=assessment, question__code="coo-marketplaces")
    stored.options.set(Option.objects.filter(question=stored.question, code="own-shop"))
    assert assessment.submit()
    assessment.refresh_from_db()
    [question] = [
        q
        for p in assessment.result["pillars"]
        for q in p["questions"]
        if q["code"] == "coo-marketplaces"
    ]
    assert "social-commerce" not in question["missing_codes"]
    assert question["missing_codes"][0] == "cross-border-marketplace"  # 2 points: first
    assert "own online shop" not in " ".join(advice_for(question)).lower()  # ticked
    assert "chat app" not in " ".join(advice_for(question)).lower()


def test_the_items_not_ticked_are_shown_in_the_reader_s_language():
    from assessment.i18n.localise import ContentCatalogue, localise_result

    question = {
        "code": "inf-tools",
        "text": "Which tools do you use?",
        "type": "multiple",
        "status": "scored",
        "answer": {"options": ["E-mail"], "option_codes": ["email"]},
        "advice": [],
        "missing": ["Cloud storage", "ERP"],
        "missing_codes": ["cloud", "erp"],
        "missing_advice": ["Use the cloud."],
        "missing_advice_codes": ["cloud"],
    }
    result = {"pillars": [{"code": "infrastructure", "name": "I", "questions": [question]}]}
    catalogue = ContentCatalogue(
        options={
            ("inf-tools", "cloud"): {"label": "คลาวด์", "advice": "ใช้คลาวด์"},
            ("inf-tools", "erp"): {"label": ""},  # not translated: the English stays
        }
    )
    [localised] = localise_result(result, catalogue)["pillars"][0]["questions"]  # type: ignore[arg-type]
    assert localised["missing"] == ["คลาวด์", "ERP"]
    assert localised["missing_advice"] == ["ใช้คลาวด์"]
    assert question["missing"] == ["Cloud storage", "ERP"]  # the frozen result is untouched


@pytest.mark.django_db
def test_a_none_of_these_advice_that_does_not_suit_the_firm_is_left_out(seeded, company):
    company.size_band, company.sector = "medium", "manufacturing"
    company.save()
    assessment = Assessment.objects.create(company=company, questionnaire=seeded)
    from tests.reports.recommendations.test_recommend import weakest_answers

    weakest_answers(assessment)  # "None, we do not sell online"
    _sells_a_little_online(assessment)
    assert assessment.submit()
    assessment.refresh_from_db()
    [question] = [
        q
        for p in assessment.result["pillars"]
        for q in p["questions"]
        if q["code"] == "coo-marketplaces"
    ]
    assert "none" not in question["missing_advice_codes"]
    said = " ".join(advice_for(question)).lower()
    assert "chat app" not in said
    assert said.startswith("not in place yet: a marketplace or platform that reaches buyers")
