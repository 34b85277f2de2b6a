"""The "Programme officers" group: aggregate analytics and exports, and a read-only admin.

It is made sure of after every `migrate` (and test-database flush), so a fresh install
has it and an officer only needs to be put in it (and made staff to open the admin).
Officers see analytics and export anonymised responses; they may look at, never add,
change or delete, the questionnaires, levels, programmes and cohorts. Permissions an
administrator adds to the group by hand are kept: migrate only adds what is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

OFFICERS_GROUP = "Programme officers"

OFFICER_PERMISSIONS = (
    ("assessment", "view_analytics"),
    ("assessment", "export_responses"),
    ("assessment", "view_questionnaireversion"),
    ("assessment", "view_pillar"),
    ("assessment", "view_question"),
    ("assessment", "view_option"),
    ("assessment", "view_maturitylevel"),
    ("assessment", "view_cohort"),
    ("reports", "view_programme"),
)


def ensure_officers_group(*, using: str = DEFAULT_DB_ALIAS, apps: Any = global_apps) -> Any:
    """Create the group if missing and give it any of its permissions it lacks."""
    return ensure_group(OFFICERS_GROUP, OFFICER_PERMISSIONS, using=using, apps=apps)


def ensure_group(
    name: str,
    permissions: Iterable[tuple[str, str]],
    *,
    using: str = DEFAULT_DB_ALIAS,
    apps: Any = global_apps,
) -> Any:
    """Create group `name` if missing and give it any of `permissions` it lacks."""
    # Permissions are created by auth's own post_migrate handler, app by app; this may
    # run before that has reached an app, so create them first (it is idempotent).
    for label in ("assessment", "reports"):
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.using(using).get_or_create(name=name)
    wanted = Q()
    for app_label, codename in permissions:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    group.permissions.add(*permission_model.objects.using(using).filter(wanted))
    return group


def on_post_migrate(sender: Any, *, using: str = DEFAULT_DB_ALIAS, apps: Any = None, **kwargs):
    ensure_officers_group(using=using, apps=apps or global_apps)
