"""Issue 15's check, on the pages: with the seeded questionnaire and catalogue, a Thai
domestic micro-enterprise and a Vietnamese women-led exporter see visibly different
programmes on their results pages and in their owner's reports, each with reasons drawn
from its own answers, and never a government-only channel."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from assessment.models import Company, User
from reports.models import Programme
from reports.pdf.render import html_to_pdf, render_report_html
from reports.readout.queries import readout_for
from tests.report_helpers import pdf_text, submit_seed

pytestmark = pytest.mark.django_db

WEAK = {"infrastructure": 0.3, "policy_finance": 0.2, "talent": 0.25, "cooperation": 0.2}


def firm(email: str, **profile) -> Company:
    owner = User.objects.create_user(email, None)
    return Company.objects.create(owner=owner, name=email.split("@")[0], **profile)


@pytest.fixture
def two_firms(seeded):
    thai = firm(
        "thai-grocer@example.org",
        country="TH",
        sector="trade",
        size_band="micro",
        exports="no",
    )
    vietnamese = firm(
        "vn-maker@example.org",
        country="VN",
        sector="manufacturing",
        size_band="small",
        women_led=True,
        exports="yes",
    )
    return submit_seed(thai, seeded, WEAK), submit_seed(vietnamese, seeded, WEAK)


def shown(client, assessment) -> tuple[set[str], list[str]]:
    client.force_login(assessment.company.owner)
    html = client.get(reverse("assessment_results", args=[assessment.pk])).content.decode()
    codes = set(re.findall(r'id="programme-([a-z0-9-]+)"', html))
    reasons = re.findall(r'<p class="reason[^"]*">(.*?)</p>', html, re.S)
    return codes, reasons


def test_the_two_firms_see_different_programmes_with_their_own_reasons(client, two_firms):
    thai, vietnamese = two_firms
    thai_codes, thai_reasons = shown(client, thai)
    vn_codes, vn_reasons = shown(client, vietnamese)
    assert thai_codes and vn_codes
    assert thai_codes != vn_codes
    assert len(thai_codes ^ vn_codes) >= 2  # visibly different, not one swap
    government = set(Programme.objects.filter(audience="government").values_list("code", flat=True))
    assert not (thai_codes | vn_codes) & government
    # Every reason quotes something the firm answered (a question of the questionnaire).
    for reasons in (thai_reasons, vn_reasons):
        assert reasons and all("“" in reason for reason in reasons)
    assert thai_reasons != vn_reasons
    # The cross-border fair is for the exporter only.
    assert "china-asean-expo" not in thai_codes


def test_the_owners_reports_name_different_programmes(two_firms):
    names = []
    for assessment in two_firms:
        readout = readout_for(assessment, language="en")
        _, text = pdf_text(html_to_pdf(render_report_html(assessment.pk, "en", kind="owner")))
        flat = " ".join(text.split())
        names.append(
            {r.programme.name for r in readout.recommendations if r.programme.name in flat}
        )
    assert names[0] and names[1] and names[0] != names[1]


def test_the_full_report_names_government_channels_to_ask_about_never_as_recommended(two_firms):
    thai, _ = two_firms
    readout = readout_for(thai, language="en")
    assert readout.ask_ministry  # the LMC Special Fund, MKCF … relevant to its gaps
    html = render_report_html(thai.pk, "en", kind="full")
    section = html.split('id="ask-ministry"')[1].split("</ul>")[0]
    for item in readout.ask_ministry:
        assert item.programme.name in item.sentence
        assert item.sentence.replace("’", "&#x27;")[:30] in section or item.sentence[:30] in section
    recommended = {r.programme.code for r in readout.recommendations}
    assert not recommended & {item.programme.code for item in readout.ask_ministry}
