"""What changed, question by question, since the last assessment (issue 18, item 2)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Assessment
from reports.pdf.render import html_to_pdf, render_report_html
from reports.readout.queries import readout_for
from tests.conftest import answer, answer_all
from tests.report_helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(company, questionnaire) -> Assessment:
    first = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(first)  # mobile internet, skills level 3, no champion
    assert first.submit()
    Assessment.objects.filter(pk=first.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=120)
    )
    second = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(second)
    answer(second, "inf-internet", "fibre")  # improved
    answer(second, "tal-skills", "l1")  # slipped
    answer(second, "tal-champion", "yes")  # improved
    assert second.submit()
    return second


def test_the_readout_says_which_way_each_changed_answer_moved(two):
    readout = readout_for(two, language="en")
    moved = {c.text: (c.moved, c.raised) for c in readout.changes}
    assert moved["How does the firm connect to the internet?"] == ("up", True)
    assert moved["How skilled are your staff?"] == ("down", False)
    assert moved["Do you have a digital champion?"] == ("up", True)
    assert "Which tools do you use?" not in moved
    # The biggest moves, largest first, either way.
    sizes = [abs(c.points) for c in readout.moves]
    assert sizes == sorted(sizes, reverse=True) and 2 <= len(readout.moves) <= 3
    assert readout.moves[0].text == "Do you have a digital champion?"  # weight 2


def test_the_results_page_lists_the_changes_question_by_question(client, two):
    client.force_login(two.company.owner)
    html = client.get(reverse("assessment_results", args=[two.pk])).content.decode()
    listed = html.split('id="question-changes"')[1].split("</ul>")[0]
    assert "Improved:</strong> How does the firm connect to the internet?" in listed
    assert "Slipped:</strong> How skilled are your staff?" in listed
    assert "Which tools do you use?" not in listed


def test_the_owners_report_names_the_biggest_moves_in_words(two):
    _, text = pdf_text(html_to_pdf(render_report_html(two.pk, "en", kind="owner")))
    flat = " ".join(text.split())
    assert "Since your last assessment:" in flat
    assert "“Do you have a digital champion?” raised your overall score by" in flat
    assert "“How skilled are your staff?” lowered your overall score by" in flat
