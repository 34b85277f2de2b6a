"""End to end: two firms give the same answer, and the results page and both PDF reports
give each the advice written for its size and sector (issue 15, advice variants)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessment.authoring.questionnaire_yaml import import_dict
from assessment.models import AdviceVariant, AdviceVariantTranslation, Assessment, Company, User
from reports.pdf.render import FULL, OWNER, render_report_pdf
from tests.conftest import answer, small_questionnaire_data
from tests.report_helpers import folded, pdf_text

pytestmark = pytest.mark.django_db

OWN = "Get a mobile data plan."
FACTORY = "Have a fibre line laid to the factory and keep a 4G router as a backup."


@pytest.fixture
def version():
    data = small_questionnaire_data()
    [none] = [o for o in data["pillars"][0]["questions"][0]["options"] if o["code"] == "none"]
    assert none["advice"] == OWN
    none["advice_variants"] = [
        {"sizes": ["medium", "large"], "sectors": ["manufacturing"], "advice": FACTORY}
    ]
    version = import_dict(data)
    version.publish()
    return version


def firm(email: str, size_band: str, sector: str) -> Company:
    owner = User.objects.create_user(email, "a-long-password-1")
    return Company.objects.create(
        owner=owner, name=f"{sector} firm", country="TH", sector=sector, size_band=size_band
    )


def no_internet(assessment: Assessment) -> None:
    answer(assessment, "inf-internet", "none")  # the same answer for both firms
    answer(assessment, "inf-tools", "email", "cloud", "erp")
    answer(assessment, "inf-staff-online", number=80)
    answer(assessment, "tal-skills", "l4")
    answer(assessment, "tal-champion", "yes")


def submitted(company: Company, version) -> Assessment:
    assessment = Assessment.objects.create(company=company, questionnaire=version)
    no_internet(assessment)
    assert assessment.submit()
    assessment.refresh_from_db()
    return assessment


def results_page(client, assessment: Assessment, language: str = "en") -> str:
    client.force_login(assessment.company.owner)
    client.cookies["django_language"] = language
    return client.get(reverse("assessment_results", args=[assessment.pk])).content.decode()


def test_a_medium_manufacturer_and_a_micro_retailer_get_different_advice(client, version):
    maker = submitted(firm("maker@example.org", "medium", "manufacturing"), version)
    shop = submitted(firm("shop@example.org", "micro", "trade"), version)

    maker_page, shop_page = results_page(client, maker), results_page(client, shop)
    assert FACTORY in maker_page and OWN not in maker_page
    assert OWN in shop_page and FACTORY not in shop_page

    for kind in (OWNER, FULL):
        _pages, maker_pdf = pdf_text(render_report_pdf(maker.pk, "en", kind=kind))
        _pages, shop_pdf = pdf_text(render_report_pdf(shop.pk, "en", kind=kind))
        assert folded(FACTORY) in folded(maker_pdf) and folded(OWN) not in folded(maker_pdf), kind
        assert folded(OWN) in folded(shop_pdf) and folded(FACTORY) not in folded(shop_pdf), kind


def test_the_variant_is_read_in_its_own_translation(client, version):
    variant = AdviceVariant.objects.get(option__question__pillar__questionnaire=version)
    AdviceVariantTranslation.objects.create(
        variant=variant, language="th", advice="เดินสายไฟเบอร์เข้าโรงงาน และเก็บเราเตอร์ 4G ไว้สำรอง"
    )
    maker = submitted(firm("maker@example.org", "medium", "manufacturing"), version)
    page = results_page(client, maker, "th")
    assert "เดินสายไฟเบอร์เข้าโรงงาน" in page
    assert FACTORY not in page and OWN not in page


def test_the_seed_sends_a_medium_manufacturer_to_b2b_channels_and_a_micro_shop_to_chat(seeded):
    from assessment.summary import advice_for
    from tests.reports.recommendations.test_recommend import weakest_answers

    said = {}
    for email, size, sector in [
        ("maker@example.org", "medium", "manufacturing"),
        ("shop@example.org", "micro", "trade"),
    ]:
        company = firm(email, size, sector)
        assessment = Assessment.objects.create(company=company, questionnaire=seeded)
        weakest_answers(assessment)  # no online sales, no online presence, no CRM
        assert assessment.submit()
        assessment.refresh_from_db()
        questions = {q["code"]: q for p in assessment.result["pillars"] for q in p["questions"]}
        said[size] = {
            code: " ".join(advice_for(questions[code]))
            for code in ("coo-online-sales", "inf-online-presence")
        }
        # All the advice frozen on the items not ticked (the page shows the first two).
        said[size]["inf-cloud"] = " ".join(questions["inf-cloud"]["missing_advice"])
    maker, shop = said["medium"], said["micro"]
    assert "B2B platform" in maker["coo-online-sales"]
    assert "chat app" not in maker["coo-online-sales"]
    assert "chat app" in shop["coo-online-sales"]
    # "None of these" leads the advice with how to start: a website for the manufacturer.
    assert "Build a simple website" in maker["inf-online-presence"]
    assert "Create a free business page" not in maker["inf-online-presence"]
    assert "Create a free business page" in shop["inf-online-presence"]
    assert "A full ERP system is more than a small shop needs" in shop["inf-cloud"]
    assert "more than a small shop needs" not in maker["inf-cloud"]
