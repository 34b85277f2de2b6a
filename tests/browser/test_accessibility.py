"""Accessibility: axe-core (from npm, tests/browser/package.json) on every respondent page,
with no serious or critical violation; the questionnaire answered by keyboard alone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessment.models import Answer, Assessment

from .conftest import (
    answer_all_pillars,
    answer_page,
    expect_pillar,
    fill_profile,
    sign_up,
)

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
# WCAG 2.1 A and AA, which PRODUCT.md's users (older owners, small phones) need most.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(
            "axe-core is not installed: run `npm ci` in tests/browser "
            "(python3 dev.py test does it; it needs the Debian package npm)"
        )
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    return json.dumps(
        [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:5]],
            }
            for v in violations
        ],
        indent=1,
    )


def check(page: Page, where: str, found: dict[str, str]) -> None:
    violations = axe_violations(page)
    if violations:
        found[where] = describe(violations)


@pytest.fixture
def axe_page(new_page) -> Page:
    # Playwright injects axe as an inline script; the app's CSP forbids those, rightly.
    return new_page(bypass_csp=True)


def test_every_respondent_page_has_no_serious_violation(axe_page, site):
    page, found = axe_page, {}
    for path, where in [
        ("/", "home"),
        ("/accounts/login/", "login"),
        ("/accounts/password_reset/", "password reset"),
        ("/accounts/signup/", "sign up"),
    ]:
        page.goto(site + path)
        check(page, where, found)

    # A sign-up with errors: the error messages must be announced and tied to fields.
    page.get_by_role("button", name="Sign up").click()
    check(page, "sign up with errors", found)

    sign_up(page, site, "a11y@example.org")
    check(page, "new profile", found)
    fill_profile(page)
    check(page, "empty dashboard", found)
    page.get_by_role("button", name="Start the check").click()
    for index in range(1, 5):
        expect_pillar(page, index)
        check(page, f"questionnaire page {index}", found)
        if index < 4:
            page.get_by_role("button", name="Next →").click()
    page.get_by_role("button", name="Review answers →").click()
    check(page, "review with unanswered questions", found)

    # A page with an error (a number out of range) keeps its answers and shows the error.
    page.goto(page.url.replace("/review/", "/pillar/1/"))
    number = page.locator("fieldset.question input[type=number]").first
    number.fill("-5")
    page.get_by_role("button", name="Next →").click()
    expect(page.locator("fieldset.question.is-invalid").first).to_be_visible()
    check(page, "questionnaire page with an error", found)

    page.goto(page.url)
    answer_page(page)
    page.get_by_role("button", name="Next →").click()
    answer_all_pillars(page, start=2)
    check(page, "review, complete", found)
    page.get_by_role("button", name="Submit and see my results").click()
    expect(page).to_have_url(re.compile(r"/results/$"))
    check(page, "results", found)
    for path, where in [
        ("/dashboard/", "dashboard with a submission"),
        ("/profile/", "profile"),
        ("/profile/delete/", "delete account"),
        ("/accounts/password_change/", "password change"),
    ]:
        page.goto(site + path)
        check(page, where, found)

    assert not found, "axe found serious or critical violations:\n" + "\n".join(
        f"{where}: {text}" for where, text in found.items()
    )


def test_the_questionnaire_by_keyboard_alone(new_page, site):
    """Tab to a question, choose with the arrow keys and space, and move on with Enter:
    no mouse, and the focus is always visible."""
    page = new_page()
    sign_up(page, site, "keyboard@example.org")
    fill_profile(page)
    page.get_by_role("button", name="Start the check").click()
    expect_pillar(page, 1)

    first_question = page.locator("fieldset.question").first
    first_input = first_question.locator("input").first
    # Tab from the top of the page until the first answer has the focus.
    page.locator("body").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if first_input.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first question's first option")
    outline = first_input.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.boxShadow]; }"
    )
    assert outline[0] != "none" or outline[1] != "none", "the focused option shows no focus"

    kind = first_input.get_attribute("type")
    if kind == "radio":
        page.keyboard.press("ArrowDown")  # moves to and selects the second option
    else:
        page.keyboard.press("Space")
    chosen = first_question.locator("input:checked")
    expect(chosen).to_have_count(1)
    chosen_value = chosen.get_attribute("value")
    question_code = (first_question.get_attribute("id") or "").removeprefix("q-")

    # Enter in a form field submits it through its first submit button, which for
    # pillar 1 is "Save and continue later"... so move the focus to "Next" by Tab.
    next_button = page.get_by_role("button", name="Next →")
    for _ in range(400):
        page.keyboard.press("Tab")
        if next_button.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the Next button")
    page.keyboard.press("Enter")
    expect_pillar(page, 2)

    # The keyboard's choice was stored.
    answer = Answer.objects.get(
        assessment=Assessment.objects.get(company__owner__email="keyboard@example.org"),
        question__code=question_code,
    )
    assert [str(o.pk) for o in answer.options.all()] == [chosen_value]


def test_the_checker_catches_an_unlabelled_input_and_poor_contrast(axe_page):
    """Guards the test above: axe runs and reports what it must."""
    axe_page.set_content(
        "<!doctype html><html lang='en'><title>t</title><main>"
        "<input type='text'><p style='color:#ccc;background:#fff'>faint</p></main></html>"
    )
    rules = {v["id"] for v in axe_violations(axe_page)}
    assert {"label", "color-contrast"} <= rules
