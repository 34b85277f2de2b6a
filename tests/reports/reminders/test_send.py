"""Reminder e-mails: sent once, to consenting users only, with a one-click unsubscribe."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessment.models import Assessment, Company, User
from reports.models import ReminderSent
from reports.reminders.send import send_due, unsubscribe_token
from tests.conftest import answer_all

pytestmark = pytest.mark.django_db

SUBMITTED = datetime.date(2026, 1, 10)


@pytest.fixture
def firm(user, company, questionnaire) -> Assessment:
    user.reminders_consent_at = timezone.now()
    user.save()
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    assert assessment.submit()
    moment = timezone.make_aware(datetime.datetime.combine(SUBMITTED, datetime.time(9)))
    Assessment.objects.filter(pk=assessment.pk).update(submitted_at=moment)
    return assessment


def day(n: int) -> datetime.date:
    return SUBMITTED + datetime.timedelta(days=n)


def test_the_90_day_reminder_lists_the_actions_and_is_sent_once(firm, user):
    assert send_due(day(89)) == []
    sent = send_due(day(90))
    assert [d.send for d in sent] == ["actions_due"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "90-day" in message.subject
    assert "Ask for fibre." in message.body  # an action of the plan, from the firm's answers
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert send_due(day(91)) == []
    assert len(mail.outbox) == 1


def test_six_months_on_the_check_again_reminder_goes_once(firm):
    send_due(day(90))
    assert [d.send for d in send_due(day(182))] == ["reassess"]
    assert "check" in mail.outbox[-1].subject
    assert send_due(day(300)) == []
    assert len(mail.outbox) == 2


def test_no_consent_no_mail(firm, user):
    User.objects.filter(pk=user.pk).update(reminders_consent_at=None)
    assert send_due(day(200)) == []
    assert mail.outbox == []


def test_the_reminder_is_in_the_users_language(firm, user):
    User.objects.filter(pk=user.pk).update(preferred_language="th")
    send_due(day(182))
    subject = mail.outbox[0].subject
    assert re.search(r"[\u0e00-\u0e7f]", subject), subject


def test_a_newer_assessment_restarts_the_clock(firm, company, questionnaire):
    send_due(day(90))
    newer = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(newer)
    assert newer.submit()
    moment = timezone.make_aware(datetime.datetime.combine(day(150), datetime.time(9)))
    Assessment.objects.filter(pk=newer.pk).update(submitted_at=moment)
    assert send_due(day(182)) == []  # 32 days after the newer one
    assert [d.firm.assessment_id for d in send_due(day(240))] == [newer.pk]


def test_the_command_sends_and_says_how_many(firm, capsys, settings):
    settings.SITE_URL = "https://readiness.example.org"
    call_command("send_reminders")  # today is far past the submission date
    assert "1 reminder(s) sent." in capsys.readouterr().out
    assert "https://readiness.example.org/" in mail.outbox[0].body
    assert ReminderSent.objects.filter(kind="reassess").exists()


def test_unsubscribe_needs_no_login_and_a_get_changes_nothing(client, firm, user):
    url = reverse("reminders_unsubscribe", args=[unsubscribe_token(user)])
    page = client.get(url)
    assert page.status_code == 200
    assert 'id="unsubscribe-button"' in page.content.decode()
    user.refresh_from_db()
    assert user.reminders_consent_at is not None
    done = client.post(url)
    assert done.status_code == 200
    assert 'id="unsubscribed"' in done.content.decode()
    user.refresh_from_db()
    assert user.reminders_consent_at is None
    assert send_due(day(200)) == []


def test_a_forged_unsubscribe_token_is_a_404_and_changes_nothing(client, firm, user):
    token = unsubscribe_token(user)
    response = client.post(reverse("reminders_unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 404
    user.refresh_from_db()
    assert user.reminders_consent_at is not None


def test_the_dashboard_turns_reminders_on_and_off(client, firm, user):
    User.objects.filter(pk=user.pk).update(reminders_consent_at=None)
    client.force_login(user)
    assert "Send me reminders" in client.get(reverse("dashboard")).content.decode()
    client.post(reverse("reminders_choose"), {"reminders": "on"})
    user.refresh_from_db()
    assert user.reminders_consent_at is not None
    assert "Turn reminders off" in client.get(reverse("dashboard")).content.decode()
    client.post(reverse("reminders_choose"), {"reminders": "off"})
    user.refresh_from_db()
    assert user.reminders_consent_at is None


def test_choosing_reminders_needs_a_login_and_a_post(client):
    assert client.post(reverse("reminders_choose"), {"reminders": "on"}).status_code == 302
    other = User.objects.create_user("x@example.org", "a-long-password-3")
    Company.objects.create(owner=other, name="X", country="TH", sector="trade", size_band="micro")
    client.force_login(other)
    assert client.get(reverse("reminders_choose")).status_code == 405
