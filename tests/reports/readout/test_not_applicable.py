"""A pillar that does not apply: "not applicable" with the reason, never 0 (issue 17)."""

from __future__ import annotations

import pytest
from django.utils import translation

from assessment.authoring.questionnaire_yaml import import_dict
from reports.charts.pillars import RadarAxis, pillars_chart
from reports.pdf.render import FULL, OWNER, render_report_html, render_report_pdf
from reports.readout.not_applicable import ConditionInput, reasons
from reports.readout.queries import readout_for
from tests.conftest import answer, answer_all, conditional_questionnaire_data
from tests.report_helpers import folded, pdf_text
from tests.reports.readout.test_results import submitted, text_of, url

EXPORTERS = {"profile": "exports", "in": ["yes", "planning"]}
REASON = "Not asked: these questions apply only if the business exports or plans to."


@pytest.fixture
def version(db):
    data = conditional_questionnaire_data()
    data["slug"] = "test-not-applicable"
    data["pillars"][-1]["show_if"] = EXPORTERS
    found = import_dict(data)
    found.publish()
    return found


@pytest.fixture
def domestic(company, version):
    company.exports = "no"
    company.save()
    return submitted(company, version, answer_all)


def test_results_page_shows_the_pillar_as_not_applicable_with_its_reason(client, user, domestic):
    client.force_login(user)
    html = client.get(url(domestic)).content.decode()
    assert text_of(html, "score-cooperation") == "–"
    assert REASON in html.split('id="not-applicable-cooperation"')[1].split("</p>")[0]
    assert "computed over the pillars that apply" in html
    # The chart draws bars, where it reads "(not applicable)", not a radar point at 0.
    assert "mdr-radar" not in html and "(not applicable)" in html


def test_overall_is_computed_over_the_pillars_that_apply(domestic):
    pillars = {p["code"]: p for p in domestic.result["pillars"]}
    assert pillars["cooperation"]["score"] is None
    assert {q["status"] for q in pillars["cooperation"]["questions"]} == {"not_asked"}
    scored = [p for p in pillars.values() if p["score"] is not None]
    mean = sum(p["score"] * p["weight"] for p in scored) / sum(p["weight"] for p in scored)
    assert domestic.result["overall"] == pytest.approx(mean, abs=0.1)
    assert domestic.result["overall"] > 0


def test_an_exporter_gets_the_pillar_scored(company, version):
    company.exports = "yes"
    company.save()

    def exporter_answers(assessment):
        answer_all(assessment)
        answer(assessment, "coop-online", "own-shop")
        answer(assessment, "coop-foreign-partner", "yes")

    assessment = submitted(company, version, exporter_answers)
    readout = readout_for(assessment, language="en")
    assert readout.not_applicable == ()


def test_the_reason_is_in_the_reader_language(domestic):
    readout = readout_for(domestic, language="th")
    (na,) = readout.not_applicable
    assert na.code == "cooperation"
    assert na.reason != REASON and any("\u0e00" <= c <= "\u0e7f" for c in na.reason)
    section = next(p for p in readout.pillars if p.code == "cooperation")
    assert section.not_applicable == na.reason


@pytest.mark.parametrize("kind", [OWNER, FULL])
def test_both_pdfs_say_not_applicable_with_the_reason(domestic, kind):
    _pages, text = pdf_text(render_report_pdf(domestic.pk, "en", kind=kind))
    assert "Not applicable" in text
    assert folded("apply only if the business exports or plans to") in folded(text)
    html = render_report_html(domestic.pk, "en", kind=kind)
    assert "(not applicable)" in html


def _result(statuses, score=None, code="p"):
    questions = [
        {"code": f"q{i}", "status": s, "answer": {"option_codes": [], "number": None}}
        for i, s in enumerate(statuses)
    ]
    return {
        "profile": {"exports": "no"},
        "pillars": [{"code": code, "score": score, "questions": questions}],
    }


def test_reasons_say_why_in_each_case():
    shared = ConditionInput(questions={"q0": EXPORTERS, "q1": EXPORTERS})
    with translation.override("en"):
        assert reasons(_result(["not_asked", "not_asked"]), shared) == {"p": REASON}
        assert reasons(_result(["not_applicable", "not_asked"]), None) == {
            "p": "You answered “not applicable” to every question here, so it has no score."
        }
        assert "None of these questions applied" in reasons(_result(["not_asked"]), None)["p"]
        assert reasons(_result(["scored"], score=50.0), shared) == {}
        assert reasons(_result(["unscored"]), None) == {
            "p": "No score: none of these questions could be counted."
        }
        # The pillar's own condition holds: its questions' conditions give the reason.
        holds = ConditionInput(
            pillars={"p": {"profile": "exports", "in": ["no"]}}, questions=shared.questions
        )
        assert reasons(_result(["not_asked", "not_asked"]), holds) == {"p": REASON}


def test_a_radar_with_a_pillar_not_applicable_becomes_bars():
    axes = [RadarAxis("A", 50), RadarAxis("B", None), RadarAxis("C", 70)]
    html = pillars_chart(axes, no_score="(not applicable)")
    assert "mdr-bars" in html and "mdr-radar" not in html and "(not applicable)" in html


def test_the_annex_names_a_question_not_asked(domestic):
    readout = readout_for(domestic, language="en")
    rows = [row for section in readout.answers for row in section.rows]
    hidden = next(row for row in rows if row.code == "coop-foreign-partner")
    assert hidden.status == "Not asked: does not apply to your business"
