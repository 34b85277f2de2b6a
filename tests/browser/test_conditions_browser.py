"""Conditional questions in a real browser (issue 17): a follow-up appears in place when
the answer above calls for it, and disappears when that answer changes, with no reload."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from assessment.models import Assessment

from .conftest import log_in


def test_a_follow_up_appears_and_disappears_in_place(
    live_server, conditional_questionnaire, user, company, new_page
):
    user.set_password("Mekong-rice-barge-2026")
    user.save()
    assessment = Assessment.objects.create(company=company, questionnaire=conditional_questionnaire)
    page = new_page()
    log_in(page, live_server.url, user.email)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/pillar/3/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Regional cooperation")
    online = page.locator("#q-coop-online")
    reviews = page.locator("#q-coop-marketplace-reviews")
    partner = page.locator("#q-coop-foreign-partner")
    expect(reviews).to_be_hidden()
    expect(partner).to_be_hidden()  # a domestic firm: decided on the server
    # A mark on this document: it survives only if the page is not loaded again.
    page.evaluate("window.stillThisPage = true")

    online.get_by_label("On a marketplace").check()
    expect(reviews).to_be_visible()
    expect(reviews.get_by_label("Yes")).to_be_enabled()
    reviews.get_by_label("Yes").check()

    online.get_by_label("In our own web shop").check()
    expect(reviews).to_be_hidden()
    expect(reviews.get_by_label("Yes")).to_be_disabled()
    expect(partner).to_be_hidden()

    online.get_by_label("On a marketplace").check()
    expect(reviews).to_be_visible()
    expect(reviews.get_by_label("Yes")).to_be_checked()
    assert page.evaluate("window.stillThisPage === true")

    # Shown by the script and answered: the page moves on at once.
    page.get_by_role("button", name="Review answers →").click()
    expect(page).to_have_url(re.compile(r"/assessments/\d+/review/$"))
    stored = {
        a.question.code: sorted(o.code for o in a.options.all())
        for a in assessment.answers.select_related("question").prefetch_related("options")
    }
    assert stored == {"coop-online": ["marketplace"], "coop-marketplace-reviews": ["yes"]}
