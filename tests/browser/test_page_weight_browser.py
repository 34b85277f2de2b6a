"""What Chromium really downloads for the heaviest questionnaire page, in every language:
under 150 KB once compressed, and no font file beyond those tests/web_fonts.py predicts
(the model tests/config/test_page_weight.py weighs pages with)."""

from __future__ import annotations

import gzip
import re

import pytest
from playwright.sync_api import expect

from assessment.models import Pillar
from tests.i18n_helpers import LANGUAGES
from tests.web_fonts import needed

from .conftest import fill_profile, sign_up

BUDGET = 150 * 1024


@pytest.fixture
def signed_in(site, new_page):
    """A respondent with a draft, as the storage state of their browser."""
    page = new_page()
    sign_up(page, site, "weight@example.org")
    fill_profile(page)
    page.get_by_role("button", name="Start the check").click()
    expect(page).to_have_url(re.compile(r"/assessments/\d+/pillar/1/$"))
    # The published version's pages (v1 stays seeded beside it, retired).
    pillars = list(Pillar.objects.filter(questionnaire__status="published").order_by("order", "id"))
    index = max(range(len(pillars)), key=lambda i: pillars[i].questions.count()) + 1
    url = page.url.replace("/pillar/1/", f"/pillar/{index}/")
    return url, page.context.storage_state()


@pytest.mark.parametrize("language", LANGUAGES)
def test_chromium_fetches_under_150_kb_and_only_the_fonts_predicted(
    language, signed_in, new_page, site
):
    url, state = signed_in
    state = {
        **state,
        "cookies": [
            *[c for c in state["cookies"] if c["name"] != "django_language"],
            {"name": "django_language", "value": language, "url": site},
        ],
    }
    page = new_page(storage_state=state)  # a fresh context: an empty cache
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")

    sizes = {r.url.removeprefix(site): len(gzip.compress(r.body(), 9)) for r in responses}
    fonts = {u.rsplit("/", 1)[1] for u in sizes if u.endswith(".woff2")}
    predicted = {path.name for path in needed(responses[0].text())}
    assert fonts <= predicted, sorted(fonts - predicted)
    total = sum(sizes.values())
    assert total < BUDGET, (total, sorted(sizes.items()))
