"""The reminder rules: which e-mail is due, once, never late."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from reports.reminders.due import ACTIONS_DUE, REASSESS, Firm, reminder_due

SUBMITTED = date(2026, 1, 10)


def firm(*, open_actions: int = 2, sent: tuple[str, ...] = ()) -> Firm:
    return Firm(
        user_id=1,
        assessment_id=1,
        submitted_on=SUBMITTED,
        open_actions=open_actions,
        sent=frozenset(sent),
    )


@pytest.mark.parametrize(
    ("days", "open_actions", "sent", "expected"),
    [
        (89, 2, (), None),
        (90, 2, (), (ACTIONS_DUE, (ACTIONS_DUE,))),
        (90, 0, (), None),  # every action done: nothing to remind
        (120, 2, (ACTIONS_DUE,), None),
        (181, 2, (ACTIONS_DUE,), None),
        (182, 2, (ACTIONS_DUE,), (REASSESS, (REASSESS,))),
        # Missed the 90-day one (consent given late): only "check again", and the other
        # is recorded so it is never sent after it.
        (200, 2, (), (REASSESS, (REASSESS, ACTIONS_DUE))),
        (400, 0, (ACTIONS_DUE, REASSESS), None),
        (100, 2, (REASSESS,), None),
    ],
)
def test_reminder_due(days, open_actions, sent, expected):
    due = reminder_due(firm(open_actions=open_actions, sent=sent), SUBMITTED + timedelta(days))
    assert (None if due is None else (due.send, due.record)) == expected
