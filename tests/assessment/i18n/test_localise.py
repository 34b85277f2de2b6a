"""localise_result: a frozen result's texts in another language, its figures untouched."""

from __future__ import annotations

import copy

from assessment.i18n.localise import ContentCatalogue, localise_result
from assessment.summary import summarise

RESULT = {
    "format": 1,
    "questionnaire": {"slug": "q", "number": 1, "title": "Check"},
    "overall": 42.5,
    "level": "Developing",
    "levels": [
        {"name": "Beginner", "min_score": 0.0, "description": "Just starting."},
        {"name": "Developing", "min_score": 40.0, "description": "On the way."},
    ],
    "pillars": [
        {
            "code": "infra",
            "name": "Infrastructure",
            "description": "",
            "score": 42.5,
            "level": "Developing",
            "questions": [
                {
                    "code": "q1",
                    "text": "How do you connect?",
                    "status": "scored",
                    "score": 0.5,
                    "gap": 10.0,
                    "answer": {
                        "options": ["Mobile data"],
                        "option_codes": ["mobile"],
                        "number": None,
                        "unit": "",
                        "text": "",
                    },
                    "advice": ["Ask for fibre."],
                    "advice_codes": ["mobile"],
                },
                {
                    "code": "q2",
                    "text": "Share of staff online",
                    "status": "scored",
                    "score": 1.0,
                    "gap": 0.0,
                    "answer": {"options": ["Half"], "number": 50.0, "unit": "%", "text": ""},
                    "advice": [],
                },
            ],
        }
    ],
    "dont_know": [],
}

THAI = ContentCatalogue(
    version={"title": "การประเมิน"},
    pillars={"infra": {"name": "โครงสร้างพื้นฐาน", "description": ""}},
    questions={"q1": {"text": "คุณเชื่อมต่ออย่างไร", "help_text": "", "unit": ""}},
    options={("q1", "mobile"): {"label": "อินเทอร์เน็ตมือถือ", "advice": "ขอติดตั้งไฟเบอร์"}},
    levels={40.0: {"name": "กำลังพัฒนา", "description": ""}},
)


def _figures(result):
    return [
        (p["score"], [(q["score"], q["gap"]) for q in p["questions"]]) for p in result["pillars"]
    ] + [result["overall"]]


def test_texts_are_translated_by_code_and_figures_stay():
    before = copy.deepcopy(RESULT)
    out = localise_result(RESULT, THAI)
    assert before == RESULT  # the frozen result itself is not touched
    assert _figures(out) == _figures(RESULT)
    pillar = out["pillars"][0]
    assert (out["questionnaire"]["title"], pillar["name"]) == ("การประเมิน", "โครงสร้างพื้นฐาน")
    q1, q2 = pillar["questions"]
    assert q1["text"] == "คุณเชื่อมต่ออย่างไร"
    assert q1["answer"]["options"] == ["อินเทอร์เน็ตมือถือ"]
    assert q1["advice"] == ["ขอติดตั้งไฟเบอร์"]
    # Missing translations fall back to the frozen English.
    assert q2["text"] == "Share of staff online"
    assert q2["answer"]["options"] == ["Half"]
    assert out["levels"][1]["description"] == "On the way."


def test_levels_are_translated_consistently_so_the_summary_still_ranks_them():
    summary = summarise(localise_result(RESULT, THAI))
    assert (summary.level, summary.level_rank, summary.level_count) == ("กำลังพัฒนา", 2, 2)
    assert summary.pillars[0].level == "กำลังพัฒนา"
    assert summary.level_description == "On the way."


def test_an_empty_catalogue_changes_nothing():
    assert localise_result(RESULT, ContentCatalogue()) == RESULT
