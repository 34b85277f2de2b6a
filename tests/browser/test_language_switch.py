"""Switching language in a real browser, mid-questionnaire: no answer is lost, and the
Enter key in an answer still submits the page (the switcher comes after the form)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from assessment.models import Answer, Assessment

from .conftest import answer_page, click_next, expect_pillar, fill_profile, sign_up


def checked_state(page: Page) -> dict[str, str]:
    """Every ticked option and typed number on the page, by input id (language-free)."""
    state = {}
    for box in page.locator("fieldset.question input:checked").all():
        state[box.get_attribute("id") or ""] = "checked"
    for number in page.locator("fieldset.question input[type=number]").all():
        state[number.get_attribute("id") or ""] = number.input_value()
    return state


def same_numbers(before: dict[str, str], after: dict[str, str]) -> None:
    assert before.keys() == after.keys()
    for key, value in before.items():
        if value != "checked":
            assert float(after[key]) == float(value), key


def test_switching_language_mid_questionnaire_loses_no_answer(site, new_page):
    page = new_page()
    sign_up(page, site, "switch@example.org")
    fill_profile(page)
    page.get_by_role("button", name="Start the check").click()
    expect_pillar(page, 1, "Digital infrastructure")
    answer_page(page)
    first = checked_state(page)
    click_next(page)
    expect_pillar(page, 2)
    answer_page(page)  # typed, not yet saved
    second = checked_state(page)
    assert second

    page.get_by_role("navigation", name="Language").get_by_role("button", name="ไทย").click()
    expect(page).to_have_url(re.compile(r"/assessments/\d+/pillar/2/$"))
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.get_by_text("เสาหลักที่ 2 จาก 4")).to_be_visible()
    same_numbers(second, checked_state(page))

    page.get_by_role("button", name="← ก่อนหน้า").click()
    expect(page).to_have_url(re.compile(r"/assessments/\d+/pillar/1/$"))
    same_numbers(first, checked_state(page))

    assessment = Assessment.objects.get(company__owner__email="switch@example.org")
    assert assessment.language == "th"
    assert Answer.objects.filter(assessment=assessment).count() >= len(first) - 1

    # Enter in a number field submits the page ("next"), not a language button.
    number = page.locator("fieldset.question input[type=number]").first
    number.fill("30")
    number.press("Enter")
    expect(page).to_have_url(re.compile(r"/assessments/\d+/pillar/2/$"))
    expect(page.locator("html")).to_have_attribute("lang", "th")
