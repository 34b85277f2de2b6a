"""The frozen result's typed shape: what today's code writes loads back, and so do old rows."""

from __future__ import annotations

import pytest

from assessment.frozen import RESULT_FORMAT, UnknownResultFormat, load_result
from assessment.models import Assessment
from assessment.summary import whole
from reports.readout.queries import readout_for
from tests.conftest import answer_all


@pytest.fixture
def submitted(company, questionnaire) -> Assessment:
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    assert assessment.submit()
    return assessment


def test_a_result_written_by_todays_code_loads_unchanged(submitted):
    stored = Assessment.objects.get(pk=submitted.pk).result  # back from the JSON column
    assert stored["format"] == RESULT_FORMAT
    loaded = load_result(stored)
    assert loaded == stored
    assert set(loaded) == {
        "format",
        "questionnaire",
        "profile",
        "overall",
        "level",
        "levels",
        "pillars",
        "dont_know",
    }
    question = loaded["pillars"][0]["questions"][0]
    assert {"code", "text", "status", "score", "gap", "answer", "advice"} <= set(question)


def test_a_row_from_before_the_format_field_still_loads_and_reads_out(submitted):
    old = dict(submitted.result)
    del old["format"]
    for pillar in old["pillars"]:
        for question in pillar["questions"]:
            question["answer"].pop("option_codes", None)  # not stored before codes either
            question.pop("advice_codes", None)
    Assessment.objects.filter(pk=submitted.pk).update(result=old)
    submitted.refresh_from_db()
    assert load_result(submitted.result)["format"] == RESULT_FORMAT
    readout = readout_for(submitted, language="th")  # texts fall back to what was frozen
    assert readout.summary.overall == whole(submitted.overall_score)
    assert [p.code for p in readout.pillars] == [p["code"] for p in old["pillars"]]


def test_a_result_of_an_unknown_format_is_refused_not_misread():
    with pytest.raises(UnknownResultFormat):
        load_result({"format": 99, "pillars": []})
