"""The SME journey in a real browser: sign-up, profile, four pillar pages, review, results.

Everything goes through the UI a respondent uses: inputs found by their labels, buttons
by their text. The database is only read, to check what the pages claim.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from assessment.models import Assessment, Question

from .conftest import (
    PASSWORD,
    answer_all_pillars,
    answer_page,
    click_next,
    expect_answers_kept,
    expect_pillar,
    fill_profile,
    log_in,
    log_out,
    sign_up,
    submit_from_review,
)

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
PHONE_WIDTH = 360
# Pictures of the phone questionnaire page, to look at by eye; overwritten on every run.
SCREENSHOT = "/tmp/phone.png"  # noqa: S108
SCREENSHOT_BUTTONS = "/tmp/phone-buttons.png"  # noqa: S108


def start_check(page: Page) -> int:
    """Start and return how many questions the first page says apply to this firm."""
    page.get_by_role("button", name="Start the check").click()
    expect_pillar(page, 1, "Digital infrastructure")
    progress = page.get_by_text(re.compile(r"· 0 of \d+ questions answered"))
    expect(progress).to_be_visible()
    found = re.search(r"0 of (\d+) questions", progress.inner_text())
    assert found
    return int(found.group(1))


LEVELS = {"Beginner", "Emerging", "Developing", "Established", "Leading"}


def expect_results(page: Page, email: str) -> None:
    """An overall score, a maturity level and a radar chart, agreeing with the stored result."""
    expect(page).to_have_url(re.compile(r"/assessments/\d+/results/$"))
    assessment = Assessment.objects.get(company__owner__email=email)
    assert assessment.is_submitted
    assert assessment.overall_score is not None
    assert assessment.level in LEVELS
    expect(page.get_by_role("heading", level=1)).to_have_text("Your digital readiness results")

    overall = page.get_by_role("region", name="Overall score")
    expect(overall).to_contain_text(re.compile(r"\d+\s*/\s*100"))
    shown = re.search(r"(\d+)\s*/\s*100", overall.inner_text())
    assert shown is not None
    assert abs(int(shown[1]) - assessment.overall_score) <= 0.5, (shown[0], assessment)
    expect(overall.get_by_text(assessment.level, exact=True)).to_be_visible()

    # The radar: one image (label-free SVG shapes, HTML labels) named by every pillar with
    # the score the table shows.
    radar = page.locator("main figure .mdr-chart")
    expect(radar).to_have_count(1)
    expect(radar).to_be_visible()
    expect(radar).to_have_attribute("role", "img")
    box = radar.bounding_box()
    assert box is not None
    assert box["width"] >= 200
    assert box["height"] >= 200
    pillars = list(assessment.questionnaire.pillars.values_list("name", flat=True))
    assert len(pillars) == 4
    shape = radar.locator("polygon.you").get_attribute("points") or ""
    assert len(shape.split()) == len(pillars)
    table = page.get_by_role("table", name="Score and maturity level of each pillar")
    for name in pillars:
        row = table.get_by_role("row", name=re.compile(rf"^{re.escape(name)}\b"))
        score = row.get_by_role("cell").first.inner_text()
        assert score.isdigit(), f"{name}: {score!r}"
        assert 0 <= int(score) <= 100
        expect(radar).to_have_attribute(
            "aria-label", re.compile(rf"{re.escape(name)}: your score {score}\b")
        )
        expect(radar.locator(".mdr-name", has_text=name)).to_be_visible()


# ---------------------------------------------------------------------------- 1


def test_whole_journey(new_page, site):
    page = new_page()
    email = "Owner@LuangPrabang-Silk.example"
    sign_up(page, site, email)
    fill_profile(page)
    total = start_check(page)
    # The firm does not export: the export questions are not asked (issue 17).
    assert total < Question.objects.filter(pillar__questionnaire__status="published").count()

    pillar1 = answer_page(page)
    click_next(page)
    expect_pillar(page, 2, "Policy and finance")
    pillar2 = answer_page(page)
    page.get_by_role("button", name="Save and continue later").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()

    log_out(page)
    log_in(page, site, email.upper(), PASSWORD)  # the login ignores the e-mail's case

    # The dashboard shows the draft, its progress (over what applies) and where to continue.
    answered = pillar1.answered + pillar2.answered
    assert 0 < answered < total
    expect(page.get_by_role("heading", name="In progress")).to_be_visible()
    expect(page.get_by_text(f"{answered} of {total} answered")).to_be_visible()
    expect(page.get_by_role("progressbar", name="Share of questions answered")).to_have_attribute(
        "aria-valuenow", str(round(100 * answered / total))
    )
    # A draft on the current questionnaire is continued, never doubled.
    expect(page.get_by_role("button", name=re.compile(r"^Start"))).to_have_count(0)
    resume = page.get_by_role("link", name="Continue")
    expect(resume).to_have_attribute("href", re.compile(r"/assessments/\d+/pillar/3/$"))
    resume.click()
    expect_pillar(page, 3, "Digital talent")
    expect(page.get_by_text(f"{answered} of {total} questions answered")).to_be_visible()

    # Going back shows the earlier answers, still ticked and typed.
    page.get_by_role("button", name="← Previous").click()
    expect_pillar(page, 2, "Policy and finance")
    expect_answers_kept(page, pillar2)
    page.get_by_role("button", name="← Previous").click()
    expect_pillar(page, 1, "Digital infrastructure")
    expect_answers_kept(page, pillar1)
    expect(page.get_by_role("button", name="← Previous")).to_have_count(0)
    click_next(page)
    click_next(page)

    answer_all_pillars(page, start=3)
    expect(page.get_by_role("button", name="Submit and see my results")).to_be_visible()
    submit_from_review(page)
    expect_results(page, email.lower())

    # The dashboard now lists it as submitted, with a link back to the results.
    page.get_by_role("link", name="My assessments").click()
    expect(page.get_by_role("heading", name="Submitted")).to_be_visible()
    expect(page.get_by_role("heading", name="In progress")).to_have_count(0)
    page.get_by_role("link", name="See the results").click()
    expect(page).to_have_url(re.compile(r"/assessments/\d+/results/$"))


# ---------------------------------------------------------------------------- 2


def test_journey_without_javascript(new_page, site):
    page = new_page(java_script_enabled=False)
    # Proof that scripts really are off: an inline script cannot change the document.
    page.set_content(
        "<p id='p'>off</p><script>document.getElementById('p').textContent='on'</script>"
    )
    expect(page.locator("#p")).to_have_text("off")

    email = "noscript@mekong-trade.example"
    sign_up(page, site, email)
    fill_profile(page, name="Savannakhet Rice Mill")
    start_check(page)
    answer_all_pillars(page)
    submit_from_review(page)
    expect_results(page, email)


# ---------------------------------------------------------------------------- 3


def expect_fits_phone(page: Page, primary: Locator | None = None) -> None:
    """No horizontal scrolling; the primary button is shown whole, enabled and on top."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways: {width}px wide"
    if primary is None:
        return
    primary.scroll_into_view_if_needed()
    expect(primary).to_be_visible()
    expect(primary).to_be_enabled()
    expect(primary).to_be_in_viewport(ratio=1)
    box = primary.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE_WIDTH
    assert box["height"] >= 32, f"{box['height']}px is too small a tap target"
    primary.click(trial=True)  # actionability: nothing covers it, it receives the click


def test_journey_on_a_phone(new_page, site):
    page = new_page(**PHONE)

    page.goto(site)
    # The local Bootstrap is served and applied (else the layout checks prove nothing).
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.btn-primary')).backgroundColor"
    ) == ("rgb(13, 110, 253)")
    start = page.get_by_role("link", name="Start the check")
    expect_fits_phone(page, start)
    start.tap()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    expect_fits_phone(page, page.get_by_role("button", name="Sign up"))

    email = "phone@mekong-phone.example"
    sign_up(page, site, email)
    expect_fits_phone(page, page.get_by_role("button", name="Save and continue"))
    fill_profile(page, name="Mandalay Tea House")
    expect_fits_phone(page, page.get_by_role("button", name="Start the check"))
    start_check(page)

    for index in range(1, 5):
        expect_pillar(page, index)
        last = index == 4
        primary = page.get_by_role("button", name="Review answers →" if last else "Next →")
        expect_fits_phone(page, primary)
        expect_fits_phone(page, page.get_by_role("button", name="Save and continue later"))
        if index == 1:
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=SCREENSHOT)
            page.locator(".btn-row").screenshot(path=SCREENSHOT_BUTTONS)
        answer_page(page)
        primary.tap()

    expect(page.get_by_role("heading", name="Review your answers")).to_be_visible()
    expect_fits_phone(page, page.get_by_role("button", name="Submit and see my results"))
    submit_from_review(page)
    expect_results(page, email)
    expect_fits_phone(page)
    radar = page.locator("main .mdr-chart")
    box = radar.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE_WIDTH


# ---------------------------------------------------------------------------- 4


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_error_keeps_answers_in_browser(new_page, site, javascript):
    page = new_page(java_script_enabled=javascript)
    sign_up(page, site, f"errors-{javascript}@mekong-errors.example")
    fill_profile(page, name="Phnom Penh Print Shop")
    start_check(page)

    answers = answer_page(page)
    number = page.locator("#q-inf-staff-internet").get_by_label("Your answer (%)")
    number.fill("150")
    del answers.numbers["q-inf-staff-internet"]
    assert len(answers.picked) >= 10
    click_next(page)

    # Still on pillar 1, told what is wrong and where; nothing typed or picked is lost.
    expect_pillar(page, 1, "Digital infrastructure")
    expect(
        page.get_by_text("Some answers need a correction; the others are saved.")
    ).to_be_visible()
    wrong = page.locator("#q-inf-staff-internet")
    expect(wrong).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(wrong.get_by_role("alert")).to_contain_text(re.compile(r"less than or equal to 100"))
    expect(number).to_have_value("150")
    expect_answers_kept(page, answers)
    expect(page.locator("fieldset.question.is-invalid")).to_have_count(1)

    # "The others are saved": a fresh load shows them; the wrong number was not stored.
    page.goto(page.url)
    expect_answers_kept(page, answers)
    expect(number).to_have_value("")

    number.fill("40")
    click_next(page)
    expect_pillar(page, 2, "Policy and finance")
