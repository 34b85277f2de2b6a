"""The "Content editors" and "Publishers" groups: who writes the questionnaire, who releases it.

Content editors change drafts (versions, pillars, questions, options, maturity levels),
their translations and the programme catalogue, but cannot publish: the confirmation page
refuses them (assessment/admin/publishing.py). Publishers hold the same permissions plus
"Can publish questionnaire versions". Like the officers' group (officers.py), both are made
sure of after every migrate, and permissions an administrator adds by hand are kept.
They live here, not in `assessment`, because they include the catalogue's permissions.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from reports.officers import ensure_group

CONTENT_EDITORS_GROUP = "Content editors"
PUBLISHERS_GROUP = "Publishers"

# What a content editor edits, in (app, model) pairs; each gets view, add, change, delete.
# Deleting answered content stays refused by the admin (the version is locked).
EDITED = (
    ("assessment", "questionnaireversion"),
    ("assessment", "pillar"),
    ("assessment", "question"),
    ("assessment", "option"),
    ("assessment", "maturitylevel"),
    ("assessment", "questionnairetranslation"),
    ("assessment", "pillartranslation"),
    ("assessment", "questiontranslation"),
    ("assessment", "optiontranslation"),
    ("assessment", "leveltranslation"),
    ("reports", "programme"),
    ("reports", "programmetranslation"),
)

CONTENT_EDITOR_PERMISSIONS = tuple(
    (app, f"{action}_{model}")
    for app, model in EDITED
    for action in ("view", "add", "change", "delete")
)
PUBLISHER_PERMISSIONS = (
    *CONTENT_EDITOR_PERMISSIONS,
    ("assessment", "publish_questionnaireversion"),
)


def ensure_editor_groups(*, using: str = DEFAULT_DB_ALIAS, apps: Any = global_apps) -> None:
    ensure_group(CONTENT_EDITORS_GROUP, CONTENT_EDITOR_PERMISSIONS, using=using, apps=apps)
    ensure_group(PUBLISHERS_GROUP, PUBLISHER_PERMISSIONS, using=using, apps=apps)


def on_post_migrate(sender: Any, *, using: str = DEFAULT_DB_ALIAS, apps: Any = None, **kwargs):
    ensure_editor_groups(using=using, apps=apps or global_apps)
