"""A version's content stamp: a token that changes whenever what its pages show changes.

The questionnaire pages cache a version's content (views/page_content.py) under its stamp.
The stamp lives on the version's row, which every page reads anyway, so an edit made in
any process (another gunicorn worker, the admin, a shell) reaches every process's cache
on its next page: a cache keyed by it is never stale, and it needs no shared cache.
Saves and deletes restamp through signals; paths that skip them (bulk_create, a queryset's
update()) call `restamp` themselves.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import post_delete, post_save

# Each model whose rows a page shows: the lookup from a version to the row's parent, and
# the row's field holding that parent's id.
_PARENTS = {
    "Pillar": ("pk", "questionnaire_id"),
    "Question": ("pillars", "pillar_id"),
    "Option": ("pillars__questions", "question_id"),
    "QuestionnaireTranslation": ("pk", "version_id"),
    "PillarTranslation": ("pillars", "pillar_id"),
    "QuestionTranslation": ("pillars__questions", "question_id"),
    "OptionTranslation": ("pillars__questions__options", "option_id"),
}


def new_stamp() -> str:
    # Random rather than a counter: a version made again under a reused id (a database
    # rolled back, restored or re-seeded) never meets an older version's cached pages.
    return uuid.uuid4().hex


def content_stamp_field() -> models.CharField[str, str]:
    return models.CharField(
        max_length=32,
        default=new_stamp,
        editable=False,
        help_text="Changes with the content or translations its pages show (their cache key).",
    )


def restamp(versions: models.QuerySet[Any]) -> None:
    """Give these versions a new stamp: their cached pages are read afresh."""
    versions.update(content_stamp=new_stamp())


def _changed(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata: nothing cached can be older than the fixture
        return
    lookup, field = _PARENTS[sender.__name__]
    parent = getattr(instance, field)
    if parent is not None:
        versions = apps.get_model("assessment", "QuestionnaireVersion").objects
        restamp(versions.filter(**{lookup: parent}))


def connect() -> None:
    """Restamp on every save and delete of what a page shows (called from apps.ready)."""
    for name in _PARENTS:
        for signal in (post_save, post_delete):
            signal.connect(
                _changed, sender=f"assessment.{name}", dispatch_uid=f"content-stamp-{name}"
            )
