"""The page sequence and the script's conditions, as pure functions (assessment/asking.py)."""

from __future__ import annotations

import pytest

from assessment.asking import PagePillar, PageQuestion, for_script, journey, progress
from assessment.conditions import Answer

EXPORTERS = {"profile": "exports", "in": ["yes", "planning"]}
ONLINE = {"question": "online", "in": ["marketplace"]}

PILLARS = [
    PagePillar("basics", None, [PageQuestion("online", options={1: "no", 2: "marketplace"})]),
    PagePillar("trade", EXPORTERS, [PageQuestion("partner"), PageQuestion("fairs")]),
    PagePillar(
        "shop", None, [PageQuestion("reviews", ONLINE), PageQuestion("fees", {"all": [ONLINE]})]
    ),
    PagePillar("last", None, [PageQuestion("plans")]),
]


@pytest.mark.parametrize(
    ("exports", "online", "asked", "pages"),
    [
        ("no", None, {"online", "plans"}, (1, 4)),
        ("yes", None, {"online", "partner", "fairs", "plans"}, (1, 2, 4)),
        ("no", "no", {"online", "plans"}, (1, 4)),
        ("no", "marketplace", {"online", "reviews", "fees", "plans"}, (1, 3, 4)),
        (
            "planning",
            "marketplace",
            {"online", "partner", "fairs", "reviews", "fees", "plans"},
            (1, 2, 3, 4),
        ),
    ],
)
def test_the_journey_asks_what_applies_and_skips_empty_pages(exports, online, asked, pages):
    answers = {} if online is None else {"online": Answer(frozenset({online}))}
    found = journey(PILLARS, {"exports": exports}, answers)
    assert found.asked == asked
    assert found.pages == pages


def test_next_previous_and_position_skip_pages_that_ask_nothing():
    found = journey(PILLARS, {"exports": "no"}, {})
    assert (found.after(1), found.after(4), found.before(4), found.before(1)) == (4, None, 1, None)
    assert found.position(4) == 2
    assert found.shows(1) and not found.shows(2)


def test_progress_counts_answers_to_questions_that_apply_only():
    done = progress({"a", "b", "c"}, ["a", "hidden"])
    assert (done.answered, done.total, done.percent) == (1, 3, 33)
    assert progress(set(), []).percent == 0


def test_the_script_condition_decides_what_the_page_cannot_see():
    on_page = {"online": PILLARS[0].questions[0]}
    condition = {"any": [EXPORTERS, ONLINE, {"question": "elsewhere", "in": ["x"]}]}
    out = for_script(condition, on_page=on_page, profile={"exports": "no"}, answers={}, asked=set())
    assert out == {"any": [False, {"question": "online", "in": ["2"]}, False]}
    # An answer on another page counts only while that question is asked.
    kept = {"elsewhere": Answer(frozenset({"x"}))}
    decided = for_script(
        {"question": "elsewhere", "in": ["x"]}, on_page={}, profile={}, answers=kept, asked=set()
    )
    assert decided is False
    assert for_script(
        {"question": "elsewhere", "in": ["x"]},
        on_page={},
        profile={},
        answers=kept,
        asked={"elsewhere"},
    )
    assert for_script(None, on_page={}, profile={}, answers={}, asked=set()) is True
