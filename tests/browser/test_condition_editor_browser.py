"""The admin's condition editor in Chromium at 1280 px: only the chosen field's values are
offered, a number box for at least / at most, and what is picked is what is stored."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from assessment.authoring.questionnaire_yaml import import_dict
from assessment.models import Question, User
from tests.conftest import conditional_questionnaire_data

PASSWORD = "Mekong-rice-barge-2026"


@pytest.fixture
def draft_question(transactional_db) -> Question:
    version = import_dict(conditional_questionnaire_data())  # a draft: editable
    User.objects.create_superuser("author@example.org", PASSWORD)
    return Question.objects.get(pillar__questionnaire=version, code="coop-foreign-partner")


def _visible_groups(page, row: int) -> list[str]:
    return page.evaluate(
        f"""Array.from(document.querySelectorAll('select[name=show_if_values_{row}] optgroup'))
            .filter(g => !g.hidden).map(g => g.dataset.subject)"""
    )


def test_an_author_builds_a_condition_from_lists(new_page, live_server, draft_question):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "author@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/assessment/question/{draft_question.pk}/change/")
    expect(page.locator(".condition-words")).to_have_text(
        "Asked only if the business exports or plans to."
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert _visible_groups(page, 0) == ["profile:exports"]

    page.select_option("select[name=show_if_subject_1]", "question:coop-online")
    assert _visible_groups(page, 1) == ["question:coop-online"]
    page.select_option("select[name=show_if_op_1]", "gte")
    expect(page.locator("input[name=show_if_number_1]")).to_be_visible()
    expect(page.locator("select[name=show_if_values_1]")).to_be_hidden()
    page.select_option("select[name=show_if_op_1]", "not_in")
    page.select_option("select[name=show_if_values_1]", ['question:coop-online|"no"'])
    page.select_option("select[name=show_if_join]", "any")
    page.click("input[name=_continue]")
    expect(page.locator(".condition-words")).to_have_text(
        re.compile(r"or you answered “Do you sell online\?” with something other than “No”")
    )
    draft_question.refresh_from_db()
    assert draft_question.show_if == {
        "any": [
            {"profile": "exports", "in": ["yes", "planning"]},
            {"question": "coop-online", "not_in": ["no"]},
        ]
    }
