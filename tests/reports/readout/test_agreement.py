"""The results page and the PDF render one readout: the same figures, programmes and advice.

One firm on the seed questionnaire with peers and an earlier assessment, read in English
and in Khmer. The page is the real view's HTML; the PDF is real WeasyPrint output, read
back with pypdf, beside the HTML it was made from.
"""

from __future__ import annotations

import html
import re

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from assessment.models import Assessment, QuestionnaireVersion
from reports.models import Programme
from reports.pdf.render import html_to_pdf, render_report_html
from reports.readout.queries import readout_for
from tests.report_helpers import (
    DEMO_LEVELS,
    add_peers,
    folded,
    make_firm,
    page_texts,
    submit_seed,
)
from tests.seed_snapshot import seed

pytestmark = pytest.mark.django_db

FTP_PROGRAMME = "ftp-only-programme"


@pytest.fixture(scope="module")
def firm(django_db_setup, django_db_blocker):
    """(the assessment, a recommended programme with an ftp link), rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed()
        version = QuestionnaireVersion.objects.get(slug="mekong-sme", status="published")
        add_peers(version)
        company = make_firm(name="Vientiane Weaving Co.")
        submit_seed(company, version, dict.fromkeys(DEMO_LEVELS, 0.3), days_ago=120)
        assessment = submit_seed(company, version, DEMO_LEVELS)
        # A catalogue link that URLField accepts but is not a web page: the page used to
        # link it while the PDF did not (the drift a single readout removes).
        code = readout_for(assessment, language="en").recommendations[0].programme.code
        Programme.objects.filter(code=code).update(url="ftp://files.example.org/course")
        yield assessment, code
        transaction.set_rollback(True)


def _web(client, assessment: Assessment) -> str:
    client.force_login(assessment.company.owner)
    response = client.get(reverse("assessment_results", args=[assessment.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "km"])
def test_the_page_and_the_pdf_show_the_same_readout(client, firm, language):
    assessment, ftp_code = firm
    Assessment.objects.filter(pk=assessment.pk).update(language=language)
    assessment.refresh_from_db()
    readout = readout_for(assessment, language=language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the reader's choice
    page = _web(client, assessment)
    report = render_report_html(assessment.pk, language, kind="full")
    pdf_text = folded(" ".join(page_texts(html_to_pdf(report))))

    # The same scores: overall and every pillar, on the page, in the PDF's HTML and text.
    overall = readout.summary.overall
    assert overall is not None
    assert re.search(rf'id="overall-score">{overall}<', page)
    assert re.search(rf'id="cover-overall">{overall}<', report)
    for pillar in readout.summary.pillars:
        name = html.escape(pillar.name)
        assert re.search(rf'id="score-{pillar.code}">{pillar.whole}<', page)
        assert re.search(rf"<th scope=\"row\">{re.escape(name)}</th>\s*<td class=\"num\">"
                         rf"{pillar.whole}</td>", report)  # fmt: skip

    # The same programmes in the same order: on the page by id, in the PDF by name.
    codes = [rec.programme.code for rec in readout.recommendations]
    assert len(codes) >= 3
    assert re.findall(r'id="programme-([^"]+)"', page) == codes
    section = report[report.index('<section id="programmes"') :]
    places = [
        # A translated name is followed by its English original inside the heading.
        section.index(f"<h2>{html.escape(r.programme.name)}")
        for r in readout.recommendations
    ]
    assert places == sorted(places)
    if language == "en":  # pypdf's text of Khmer is not in reading order; English is
        section = pdf_text[pdf_text.index("Recommended programmes", 1000) :]
        places = [section.index(folded(rec.programme.name)) for rec in readout.recommendations]
        assert places == sorted(places)

    # A non-web link is shown as text, never linked, on the page as in the PDF.
    assert ftp_code in codes
    assert 'href="ftp:' not in page
    assert 'href="ftp:' not in report

    # The same advice: every gap's advice on the page is in the PDF, and the PDF's three
    # key actions are the readout's.
    advice = [folded(html.unescape(a)) for a in re.findall(r'<li class="advice">(.*?)</li>', page)]
    assert advice
    for text in advice:
        assert html.escape(text) in folded(report)
        assert language != "en" or text in pdf_text
    for step in readout.key_actions:
        assert html.escape(step.advice) in report
