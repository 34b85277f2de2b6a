"""The seed snapshot (tests/seed_snapshot.py) stands for the real `seed` command: the
rows it inserts again are the rows the command makes, relations included."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command
from django.db import models, transaction

from assessment.models import OptionTranslation, QuestionnaireVersion
from reports.models import Programme
from tests import seed_snapshot

pytestmark = pytest.mark.django_db


def _plain_fields(model: type[models.Model]) -> list[str]:
    """What does not depend on ids or the clock: no keys, no timestamps, no stamp."""
    return [
        f.attname
        for f in model._meta.concrete_fields
        if not (f.primary_key or f.is_relation or f.name in ("id", "content_stamp"))
        and not isinstance(f, models.DateTimeField)
    ]


def _contents(tables: list[type[models.Model]]) -> dict[str, Any]:
    contents: dict[str, Any] = {
        model._meta.label: Counter(
            repr(sorted(row.items())) for row in model._base_manager.values(*_plain_fields(model))
        )
        for model in tables
    }
    # The relations, by what they join rather than by id.
    contents["options"] = sorted(
        OptionTranslation.objects.values_list(
            "option__question__pillar__questionnaire__number",
            "option__question__pillar__code",
            "option__question__code",
            "option__code",
            "language",
            "label",
        )
    )
    contents["versions"] = sorted(
        QuestionnaireVersion.objects.values_list("number", "status", "pillars__code")
    )
    contents["programmes"] = sorted(
        Programme.objects.values_list("code", "translations__language", "translations__name")
    )
    return contents


def _seeded_contents(seed: Any) -> dict[str, Any]:
    with transaction.atomic():
        seed()
        contents = _contents(seed_tables())
        transaction.set_rollback(True)
    return contents


def seed_tables() -> list[type[models.Model]]:
    assert seed_snapshot._snapshot is not None
    return list(seed_snapshot._snapshot)


def test_the_copy_holds_what_the_command_makes():
    with transaction.atomic():  # takes the snapshot if no test has yet
        seed_snapshot.seed()
        transaction.set_rollback(True)
    assert len(seed_tables()) > 10
    restored = _seeded_contents(seed_snapshot.seed)
    made = _seeded_contents(lambda: call_command("seed", verbosity=0))
    assert restored.keys() == made.keys()
    for key, value in made.items():
        assert restored[key] == value, key


def test_on_a_database_with_a_programme_the_command_runs(questionnaire):
    from tests.i18n_helpers import make_programme

    make_programme()
    seed_snapshot.seed()
    assert QuestionnaireVersion.objects.filter(slug="mekong-sme", status="published").exists()
    assert Programme.objects.count() > 1
