"""Sending the reminders that are due: the daily `send_reminders` command calls `send_due`.

Only users who asked for reminders (`User.reminders_consent_at`) and have a submitted
assessment are read. Each e-mail is recorded before it leaves, in the same transaction,
and the database refuses a second record, so two overlapping runs cannot both send it;
a failed send rolls its record back and is tried again on the next run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from assessment.i18n.language import is_language
from assessment.models import Assessment, User
from reports.models import ReminderSent
from reports.readout.queries import readout_for
from reports.reminders.due import ACTIONS_DUE, ACTIONS_DUE_AFTER, Due, Firm, reminder_due

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "reports.reminders.unsubscribe"


@dataclass(frozen=True)
class Candidate:
    user: User
    assessment: Assessment
    firm: Firm
    actions: tuple[str, ...]  # the open 90-day actions, read only when they may be due


def unsubscribe_token(user: User) -> str:
    """A signed, non-expiring token for the one-click unsubscribe link (no login)."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_for_token(token: str) -> User | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def candidates(today: date) -> Iterator[Candidate]:
    """Consenting users' latest submitted assessments: three queries, then one readout
    for each firm whose 90-day actions may be due (the plan comes from the readout)."""
    users = {
        u.pk: u
        for u in User.objects.filter(
            reminders_consent_at__isnull=False, is_active=True, company__isnull=False
        ).select_related("company")
    }
    latest: dict[int, Assessment] = {}
    for assessment in (
        Assessment.objects.filter(company__owner_id__in=users, status=Assessment.Status.SUBMITTED)
        .select_related("questionnaire", "company")
        .order_by("company_id", "-submitted_at", "-pk")
    ):
        latest.setdefault(assessment.company.owner_id, assessment)
    sent: dict[int, set[str]] = {}
    for assessment_id, kind in ReminderSent.objects.filter(
        assessment__in=[a.pk for a in latest.values()]
    ).values_list("assessment_id", "kind"):
        sent.setdefault(assessment_id, set()).add(kind)
    for user_id, assessment in latest.items():
        if assessment.submitted_at is None:
            continue
        submitted_on = assessment.submitted_at.date()
        done = frozenset(sent.get(assessment.pk, ()))
        may_be_due = ACTIONS_DUE not in done and today >= submitted_on + ACTIONS_DUE_AFTER
        actions = _open_actions(assessment, users[user_id]) if may_be_due else ()
        firm = Firm(
            user_id=user_id,
            assessment_id=assessment.pk,
            submitted_on=submitted_on,
            open_actions=len(actions),
            sent=done,
        )
        yield Candidate(user=users[user_id], assessment=assessment, firm=firm, actions=actions)


def send_due(today: date, *, site: str | None = None) -> list[Due]:
    """Send every reminder due today; returns what was sent."""
    site = (site or settings.SITE_URL).rstrip("/")
    out = []
    for candidate in candidates(today):
        due = reminder_due(candidate.firm, today)
        if due is None:
            continue
        try:
            with transaction.atomic():
                for kind in due.record:
                    ReminderSent.objects.create(
                        user=candidate.user, assessment=candidate.assessment, kind=kind
                    )
                _mail(candidate, due, site)
        except IntegrityError:
            # Another run recorded it first: that run sends it.
            continue
        except OSError:
            logger.exception(
                "Reminder to user %s not sent; tried again next run", candidate.user.pk
            )
            continue
        out.append(due)
    return out


def _language(user: User, assessment: Assessment) -> str:
    for code in (user.preferred_language, assessment.language):
        if code and is_language(code):
            return code
    return settings.LANGUAGE_CODE


def _open_actions(assessment: Assessment, user: User) -> tuple[str, ...]:
    """The plan's 90-day actions, in the reader's language."""
    language = _language(user, assessment)
    with translation.override(language):
        readout = readout_for(assessment, language=language)
    first = readout.plan[0] if readout.plan else None
    return tuple(step.advice for step in first.steps) if first else ()


def _mail(candidate: Candidate, due: Due, site: str) -> None:
    user, assessment = candidate.user, candidate.assessment
    language = _language(user, assessment)
    unsubscribe = site + reverse("reminders_unsubscribe", args=[unsubscribe_token(user)])
    with translation.override(language):
        context = {
            "company": user.company.name,
            "submitted_on": assessment.submitted_at,
            "results_url": site + reverse("assessment_results", args=[assessment.pk]),
            "dashboard_url": site + reverse("dashboard"),
            "unsubscribe_url": unsubscribe,
            "actions": candidate.actions if due.send == ACTIONS_DUE else (),
        }
        template = f"reports/reminders/{due.send}"
        subject = "".join(render_to_string(f"{template}_subject.txt", context).splitlines())
        body = render_to_string(f"{template}_email.txt", context)
    EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={
            # RFC 8058: mail clients offer their own one-click "unsubscribe" button.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    ).send()
