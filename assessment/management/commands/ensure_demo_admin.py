"""Create (or reset) the demo administrator that the README's first command prints."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from assessment.models import User


class Command(BaseCommand):
    help = "Create the demo administrator, or reset its password, for local use."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--password", required=True)

    def handle(self, *args: Any, email: str, password: str, **options: Any) -> None:
        user = User.objects.filter(email=email.lower()).first()
        if user is None:
            User.objects.create_superuser(email=email, password=password)
            self.stdout.write(f"Demo administrator {email} created.")
            return
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(f"Demo administrator {email} ready.")
