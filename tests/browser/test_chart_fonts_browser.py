"""The results page's chart in Khmer, Thai, Lao and Burmese, in a real Chromium.

Every piece of chart text (names, scores, ticks, legend) must be drawn with the app's own
web fonts, never a system font: a phone without Mekong fonts would show boxes. Chromium
says which fonts drew a node (CDP CSS.getPlatformFontsForNode). And every piece must lie
inside its chart, on a 360 px phone as on a desktop: labels wrap, never run out or get cut.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from assessment.models import Assessment
from tests.report_helpers import DEMO_LEVELS, add_peers, make_firm, submit_seed

# The families inside static/fonts/web/ (served as "MDR Sans", "MDR Khmer", ...). Chromium
# names a font by its own name table; isCustomFont tells a web font from an installed one.
OUR_FAMILIES = {
    "Noto Sans",
    "Noto Sans Thai",
    "Noto Sans Khmer",
    "Noto Sans Lao",
    "Noto Sans Myanmar",
    "Noto Sans SC",
}
TEXT_NODES = ".mdr-chart .mdr-name, .mdr-chart .mdr-score, .mdr-chart .mdr-tick, .mdr-legend li"
# Every chart text element has had the faces its text needs loaded (unicode-range slices
# are fetched only once the layout asks for them).
FONTS_LOADED = """
(selector) => {
  const nodes = [...document.querySelectorAll(selector)];
  return nodes.length > 0 && document.fonts.status === "loaded" && nodes.every((node) => {
    const style = getComputedStyle(node);
    const font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return document.fonts.check(font, node.textContent);
  });
}
"""
# The rectangles of every chart text element that are not inside their chart's box.
OUTSIDE = """
(selector) => {
  const out = [];
  for (const node of document.querySelectorAll(selector)) {
    const frame = node.closest(".mdr-chart").getBoundingClientRect();
    for (const r of node.getClientRects()) {
      if (r.left < frame.left - 0.5 || r.right > frame.right + 0.5 ||
          r.top < frame.top - 0.5 || r.bottom > frame.bottom + 0.5 ||
          r.left < 0 || r.right > document.documentElement.clientWidth) {
        out.push([node.textContent, r.left, r.right, r.top, r.bottom, frame.left, frame.right]);
      }
    }
  }
  return out;
}
"""


@pytest.fixture
def results_url(site, seeded):
    def make(language: str) -> tuple[str, list[dict[str, Any]]]:
        add_peers(seeded)  # peers in the same country and sector: the legend shows
        company = make_firm()
        company.owner.preferred_language = language
        company.owner.save(update_fields=["preferred_language"])
        assessment = submit_seed(company, seeded, DEMO_LEVELS, language=language)
        client = Client()
        client.force_login(company.owner)
        cookies = [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site},
        ]
        return f"{site}/assessments/{assessment.pk}/results/", cookies

    return make


@pytest.mark.parametrize("language", ["km", "th", "lo", "my"])
def test_chart_text_uses_our_web_fonts_and_stays_in_the_chart(new_page, results_url, language):
    url, cookies = results_url(language)
    for width in (360, 1280):
        page = new_page(viewport={"width": width, "height": 800})
        page.context.add_cookies(cookies)
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", language)
        chart = page.locator(".mdr-chart")
        expect(chart).to_have_count(1)
        expect(chart).to_have_attribute("role", "img")
        page.wait_for_function(FONTS_LOADED, arg=TEXT_NODES)
        assert page.locator(".mdr-chart .mdr-name").count() == 4
        assert page.locator(".mdr-chart .mdr-legend li").count() == 2
        fonts = fonts_of_chart_text(page)
        wrong = {text: used for text, used in fonts.items() if not ours(used)}
        assert wrong == {}, f"{language} at {width} px: drawn with other fonts: {wrong}"
        outside = page.evaluate(OUTSIDE, TEXT_NODES)
        assert outside == [], f"{language} at {width} px: text outside its chart: {outside}"


def fonts_of_chart_text(page: Page) -> dict[str, list[dict[str, Any]]]:
    """Each chart text element's text, with the fonts Chromium drew it with."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    found = session.send("DOM.querySelectorAll", {"nodeId": root, "selector": TEXT_NODES})
    used = {}
    for node_id in found["nodeIds"]:
        text = session.send("DOM.resolveNode", {"nodeId": node_id})["object"]["objectId"]
        content = session.send(
            "Runtime.callFunctionOn",
            {"objectId": text, "functionDeclaration": "function () { return this.textContent; }"},
        )["result"]["value"]
        used[content] = session.send("CSS.getPlatformFontsForNode", {"nodeId": node_id})["fonts"]
    session.detach()
    return used


def ours(fonts: list[dict[str, Any]]) -> bool:
    return bool(fonts) and all(
        font["isCustomFont"] and font["familyName"] in OUR_FAMILIES for font in fonts
    )


@pytest.mark.parametrize("language", ["km", "my"])
def test_the_dashboard_trend_uses_our_web_fonts_and_stays_in_the_chart(
    new_page, results_url, seeded, site, language
):
    url, cookies = results_url(language)
    # A second check by the same firm: the trend has two points.
    first = Assessment.objects.get(pk=int(url.rstrip("/").split("/")[-2]))
    submit_seed(first.company, seeded, DEMO_LEVELS, language=language)
    for width in (360, 1280):
        page = new_page(viewport={"width": width, "height": 800})
        page.context.add_cookies(cookies)
        page.goto(f"{site}/dashboard/")
        chart = page.locator("#trend .mdr-chart")
        expect(chart).to_have_count(1)
        expect(chart).to_have_attribute("role", "img")
        page.wait_for_function(FONTS_LOADED, arg=TEXT_NODES)
        assert page.locator("#trend .mdr-trend-dates .mdr-tick").count() == 2
        fonts = fonts_of_chart_text(page)
        wrong = {text: used for text, used in fonts.items() if not ours(used)}
        assert wrong == {}, f"{language} at {width} px: drawn with other fonts: {wrong}"
        outside = page.evaluate(OUTSIDE, TEXT_NODES)
        assert outside == [], f"{language} at {width} px: text outside its chart: {outside}"
