"""Send the reminder e-mails due today; meant to run once a day (cron or a systemd timer).

Safe to run more often or twice at once: every e-mail is recorded and never sent twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from reports.reminders.send import send_due


class Command(BaseCommand):
    help = "Send due reminder e-mails (90-day actions due, six months since the last check)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due(timezone.localdate())
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
