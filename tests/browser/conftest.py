"""Real-browser fixtures: Debian's Chromium driven by Playwright against the live server.

Never `playwright install`: the browser is the Debian package `chromium`, launched by
path with the background networking that would call Google switched off. Without it the
tests fail with the package name; they never skip.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the test's own ORM calls (seed, assertions) as "async unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A page renders in milliseconds, but CI runs on 2 busy cores: 10 s has run out there (the
# Chinese page-weight test, the journey). Every wait is for a condition, so a long limit
# costs nothing when all is well.
TIMEOUT_MS = 60_000
PASSWORD = "Mekong-rice-barge-2026"
# Labels of the options the scoring treats as special (exclusive "none", "don't know",
# "not applicable"); the generic answerer never picks them.
SPECIAL_LABEL = re.compile(r"^(None\b|Don['’]t know|Not applicable)", re.IGNORECASE)


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian package chromium is not installed: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, seeded) -> str:
    """The live server's base URL, with the seed questionnaire published.

    live_server makes the database transactional, so the seed is loaded for each test.
    """
    return live_server.url


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh context (own cookies) with the given context options."""
    contexts: list[BrowserContext] = []

    def open_page(**options: Any) -> Page:
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


# ---------------------------------------------------------------------------- journey steps


def sign_up(page: Page, site: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{site}/accounts/signup/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label(re.compile(r"^\s*Password\s*\*?\s*$")).fill(password)
    page.get_by_label("Password again").fill(password)
    page.get_by_label("I agree that my answers may be used").check()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    # The live server runs in this process: its mail lands in Django's test outbox.
    message = next(m for m in reversed(mail.outbox) if m.to == [email.lower()])
    link = re.search(r"/accounts/signup/confirm/\S+/", message.body)
    assert link, message.body
    page.goto(site + link.group(0))
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page).to_have_url(re.compile(r"/profile/$"))
    expect(page.get_by_role("heading", name="Company profile")).to_be_visible()


def fill_profile(page: Page, name: str = "Luang Prabang Silk Weavers") -> None:
    page.get_by_label("Company name").fill(name)
    page.get_by_label("Country").select_option(label="Lao PDR")
    page.get_by_label("Province or city").fill("Luang Prabang")
    page.get_by_label("Sector").select_option(label="Handicrafts and creative industries")
    page.get_by_label("Size (number of employees)").select_option(label="Micro (1–9 employees)")
    page.get_by_label("Year founded").fill("2012")
    page.get_by_label("Women-led").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("heading", name="My assessments")).to_be_visible()
    expect(page.get_by_text(name)).to_be_visible()


def log_in(page: Page, site: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"://[^/]+/$"))  # LOGOUT_REDIRECT_URL: home
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Log in")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)


def expect_pillar(page: Page, index: int, name: str | None = None) -> None:
    expect(page).to_have_url(re.compile(rf"/assessments/\d+/pillar/{index}/$"))
    expect(page.get_by_text(f"Pillar {index} of 4")).to_be_visible()
    if name:
        expect(page.get_by_role("heading", level=1)).to_have_text(name)


# ---------------------------------------------------------------------------- answering


@dataclass
class PageAnswers:
    """What the generic answerer did on one pillar page, by fieldset id (q-<code>)."""

    picked: dict[str, str] = field(default_factory=dict)  # question -> option label
    numbers: dict[str, str] = field(default_factory=dict)  # question -> typed number
    skipped: list[str] = field(default_factory=list)  # free-text questions left empty

    @property
    def answered(self) -> int:
        return len(self.picked) + len(self.numbers)


def questions(page: Page) -> list[Locator]:
    """The questions on screen: one whose condition does not hold is drawn hidden."""
    return page.locator("fieldset.question:not([hidden])").all()


def _first_normal(inputs: Locator, fieldset: Locator) -> tuple[Locator, str]:
    for choice in inputs.all():
        label = fieldset.locator(f"label[for='{choice.get_attribute('id')}']").inner_text()
        if not SPECIAL_LABEL.match(label.strip()):
            return choice, label.strip()
    raise AssertionError(f"{fieldset.get_attribute('id')}: every option is special")


def number_in_range(number: Locator, wanted: float = 10) -> str:
    low, high = number.get_attribute("min"), number.get_attribute("max")
    value = wanted
    if low is not None:
        value = max(value, float(low))
    if high is not None:
        value = min(value, float(high))
    return f"{value:g}"


def answer_question(fieldset: Locator, answers: PageAnswers) -> None:
    """Radio: the first normal option; checkbox: the first not "None of these"; number:
    10 (kept in range); free text: left empty."""
    qid = fieldset.get_attribute("id") or ""
    number = fieldset.locator("input[type=number]")
    if number.count():
        value = number_in_range(number)
        number.fill(value)
        answers.numbers[qid] = value
        return
    for kind in ("radio", "checkbox"):
        inputs = fieldset.get_by_role(kind)
        if inputs.count():
            choice, label = _first_normal(inputs, fieldset)
            choice.check()
            answers.picked[qid] = label
            return
    assert fieldset.locator("textarea").count() == 1, f"{qid}: unknown question type"
    answers.skipped.append(qid)


def answer_page(page: Page) -> PageAnswers:
    """Answer every question of the pillar page on screen (without leaving it)."""
    answers = PageAnswers()
    assert questions(page), "no questions on this page"
    done: set[str] = set()
    # An answer may make a follow-up appear in place (issue 17): look again until every
    # question on screen has been answered.
    while todo := [f for f in questions(page) if f.get_attribute("id") not in done]:
        for fieldset in todo:
            done.add(fieldset.get_attribute("id") or "")
            answer_question(fieldset, answers)
    return answers


def expect_answers_kept(page: Page, answers: PageAnswers) -> None:
    """The page shows these answers again: options still ticked, numbers still typed."""
    for qid, label in answers.picked.items():
        expect(page.locator(f"#{qid}").get_by_label(label, exact=True)).to_be_checked()
    for qid, value in answers.numbers.items():
        # A stored number comes back with the model's two decimal places: 10 -> "10.00".
        same_number = re.compile(rf"^{re.escape(value)}(\.0+)?$")
        expect(page.locator(f"#{qid} input[type=number]")).to_have_value(same_number)


def click_next(page: Page) -> None:
    page.get_by_role("button", name="Next →").click()


def answer_all_pillars(page: Page, start: int = 1) -> list[PageAnswers]:
    """From pillar `start` (on screen) answer every page, ending on the review page."""
    done = []
    for index in range(start, 5):
        expect_pillar(page, index)
        done.append(answer_page(page))
        if index < 4:
            click_next(page)
        else:
            page.get_by_role("button", name="Review answers →").click()
        # Without JavaScript, an answer that makes a question on the same page apply
        # brings the page back to ask it (issue 17): answer that too and go on. (The click
        # returns once the page it led to has loaded.)
        if page.get_by_text("more questions apply on this page").count():
            extra = answer_page(page)
            done[-1].picked.update(extra.picked)
            done[-1].numbers.update(extra.numbers)
            button = "Next →" if index < 4 else "Review answers →"
            page.get_by_role("button", name=button).click()
    expect(page.get_by_role("heading", name="Review your answers")).to_be_visible()
    return done


def submit_from_review(page: Page) -> None:
    expect(page.get_by_text("Every required question is answered.")).to_be_visible()
    page.get_by_role("button", name="Submit and see my results").click()
    expect(page).to_have_url(re.compile(r"/assessments/\d+/results/$"))
