"""The analytics pages in a real browser: an officer on a phone, without JavaScript."""

from __future__ import annotations

import re

from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from assessment.models import User
from reports.officers import OFFICERS_GROUP
from tests.browser.conftest import PASSWORD

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "java_script_enabled": False,
}
# A picture of the phone dashboard, to look at by eye; overwritten on every run.
SCREENSHOT = "/tmp/phone-analytics.png"  # noqa: S108


def fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} scrolls sideways: {width}px wide"


def test_an_officer_filters_the_analytics_on_a_phone_without_javascript(new_page, site):
    call_command("demo_data", companies=60, seed=3, verbosity=0)
    officer = User.objects.create_user("officer@mekong-institute.example", PASSWORD)
    officer.groups.add(Group.objects.get(name=OFFICERS_GROUP))

    page = new_page(**PHONE)
    page.goto(f"{site}/analytics/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/analytics/$"))
    page.get_by_label("E-mail").fill(officer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/analytics/$"))
    expect(page.get_by_role("heading", name="Pillar score distributions")).to_be_visible()
    expect(page.locator("svg.chart-boxplot")).to_be_visible()
    fits(page)
    page.screenshot(path=SCREENSHOT, full_page=True)

    page.get_by_label("Country", exact=True).select_option(label="Thailand")
    page.get_by_role("button", name="Apply the filters").click()
    expect(page).to_have_url(re.compile(r"country=TH"))
    expect(page.locator("#levels-TH")).to_be_visible()
    # The other countries are filtered out: their rows say there are no companies.
    expect(page.locator("#levels-LA")).to_contain_text("No companies")
    fits(page)

    page.get_by_label("Submitted from").fill("2026-05-01")
    page.get_by_label("Submitted to").fill("2026-04-01")
    page.get_by_role("button", name="Apply the filters").click()
    expect(page.get_by_role("alert")).to_contain_text("These filters could not be applied")
    expect(page.get_by_text("The end date is before the start date.")).to_be_visible()

    page.get_by_role("link", name="Cohorts").click()
    page.get_by_role("link", name=re.compile("MI Digital Economy")).click()
    expect(page.locator("#paired")).not_to_have_text("0")
    expect(page.locator("svg.chart-dumbbell")).to_be_visible()
    fits(page)
