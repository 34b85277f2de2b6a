"""Which reminder e-mails are due (issue 18): pure, over plain dates and texts.

Two reminders, each sent at most once per submitted assessment: "your 90-day actions are
due" ninety days after submission, while some 90-day action is still open, and "time to
check again" six months after. A firm that is already due to check again gets only that
e-mail; the actions reminder it missed is recorded as superseded, never sent late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# The kinds, as reports.models.ReminderSent.Kind stores them.
ACTIONS_DUE = "actions_due"
REASSESS = "reassess"
KINDS = (ACTIONS_DUE, REASSESS)

ACTIONS_DUE_AFTER = timedelta(days=90)
REASSESS_AFTER = timedelta(days=182)


@dataclass(frozen=True)
class Firm:
    """A consenting user's latest submitted assessment, as the reminder rules see it."""

    user_id: int
    assessment_id: int
    submitted_on: date
    open_actions: int  # 90-day actions neither done nor marked not relevant
    sent: frozenset[str]  # kinds already recorded for this assessment


@dataclass(frozen=True)
class Due:
    firm: Firm
    send: str  # the kind to e-mail
    record: tuple[str, ...]  # every kind to record as handled (send included)


def reminder_due(firm: Firm, today: date) -> Due | None:
    """The e-mail to send this firm today, if any."""
    if REASSESS not in firm.sent and today >= firm.submitted_on + REASSESS_AFTER:
        record = (REASSESS,) if ACTIONS_DUE in firm.sent else (REASSESS, ACTIONS_DUE)
        return Due(firm=firm, send=REASSESS, record=record)
    if (
        ACTIONS_DUE not in firm.sent
        and REASSESS not in firm.sent
        and firm.open_actions > 0
        and today >= firm.submitted_on + ACTIONS_DUE_AFTER
    ):
        return Due(firm=firm, send=ACTIONS_DUE, record=(ACTIONS_DUE,))
    return None
