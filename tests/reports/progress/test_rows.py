"""The plan as something to follow: tallies and whether done actions moved answers."""

from __future__ import annotations

from datetime import date

from reports.progress.rows import DONE, IN_PROGRESS, NOT_RELEVANT, Mark, followed_up, tally
from reports.recommendations.rank import ActionStep

ON = date(2026, 12, 1)


def step(code: str) -> ActionStep:
    return ActionStep(
        horizon="90_days",
        pillar="infrastructure",
        pillar_name="Digital infrastructure",
        question=f"Question {code}?",
        answer="",
        advice=f"Do {code}.",
        gap=1.0,
        question_code=code,
    )


def result(**scores):
    questions = [
        {
            "code": code,
            "text": f"Question {code}?",
            "status": "unanswered" if score is None else "scored",
            "score": score,
        }
        for code, score in scores.items()
    ]
    return {"pillars": [{"code": "infrastructure", "questions": questions}]}


def test_tally_counts_each_status_and_leaves_not_relevant_out_of_the_share():
    steps = [step("a"), step("b"), step("c"), step("d")]
    marks = {"a": Mark(DONE, ON), "b": Mark(IN_PROGRESS, ON), "c": Mark(NOT_RELEVANT, ON)}
    counted = tally(steps, marks)
    assert (counted.done, counted.in_progress, counted.not_relevant, counted.total) == (1, 1, 1, 4)
    assert counted.open == 2
    assert counted.percent_done == 33


def test_marks_of_actions_not_in_the_plan_are_not_counted():
    assert tally([step("a")], {"zzz": Mark(DONE, ON)}).done == 0


def test_followed_up_says_which_answers_moved():
    marks = {
        "up": Mark(DONE, ON),
        "same": Mark(IN_PROGRESS, ON),
        "down": Mark(DONE, ON),
        "gone": Mark(DONE, ON),
        "skip": Mark(NOT_RELEVANT, ON),
    }
    before = result(up=0.25, same=0.5, down=0.75, gone=0.0, skip=0.0)
    after = result(up=1.0, same=0.5, down=0.5, skip=0.0)
    rows = {row.question: row for row in followed_up(marks, before, after)}
    assert rows["Question up?"].moved == "up"
    assert (rows["Question up?"].before, rows["Question up?"].after) == (25, 100)
    assert rows["Question same?"].moved == "same"
    assert rows["Question down?"].moved == "down"
    assert rows["Question gone?"].moved == "unknown"
    assert "Question skip?" not in rows
    # Done actions first.
    assert [r.status for r in followed_up(marks, before, after)][-1] == IN_PROGRESS


def test_followed_up_finds_a_renamed_question_by_its_lineage():
    marks = {"old": Mark(DONE, ON)}
    before, after = result(old=0.25), result(renamed=1.0)
    [row] = followed_up(marks, before, after, {"old": "old"}, {"renamed": "old"})
    assert (row.question, row.before, row.after, row.moved) == ("Question renamed?", 25, 100, "up")
    # Without the mapping the same pair cannot be told apart from a question dropped.
    [unmapped] = followed_up(marks, before, after)
    assert unmapped.moved == "unknown"
