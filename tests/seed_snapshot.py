"""The seed's rows, made by the real `seed` command once per test session and inserted
again, in one bulk insert per table, for every later test that needs the seeded data.

The command takes seconds (two questionnaire versions validated row by row, 4,000
translations, a history row per object), and some 90 tests and module fixtures start
from it: run for each, it was the largest single cost of the suite. On a database with no
questionnaire and no programme the command makes the same rows whatever else a test made
first; on any other (a test that made its own programme, say) it runs as before.
tests/test_seed_snapshot.py checks that the copy holds what the command makes.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction

from assessment.models.content_stamp import new_stamp

# Per model, the field values (by attname) of each row the command created.
Rows = dict[type[models.Model], list[dict[str, Any]]]

_snapshot: Rows | None = None


def _all_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy]


def _pk(model: type[models.Model]) -> str:
    pk = model._meta.pk
    assert pk is not None
    return pk.attname


def _values(model: type[models.Model]) -> list[dict[str, Any]]:
    attnames = [f.attname for f in model._meta.concrete_fields]
    return list(model._base_manager.order_by("pk").values(*attnames))


def _empty() -> bool:
    """No questionnaire and no programme yet: the state the command's rows depend on."""
    return not (
        apps.get_model("assessment", "QuestionnaireVersion")._base_manager.exists()
        or apps.get_model("reports", "Programme")._base_manager.exists()
    )


def _take() -> Rows:
    """Run the command and keep the rows it created; refuse if it changed any other."""
    before = {model: _values(model) for model in _all_models()}
    call_command("seed", verbosity=0)
    rows: Rows = {}
    for model, old in before.items():
        old_pks = {row[_pk(model)] for row in old}
        after = _values(model)
        kept = [row for row in after if row[_pk(model)] in old_pks]
        if kept != old:
            raise AssertionError(
                f"`seed` changed or deleted {model._meta.label} rows it did not create; "
                "a copy of the rows it creates would not stand for it."
            )
        new = [row for row in after if row[_pk(model)] not in old_pks]
        if new:
            rows[model] = new
    return rows


def _free(rows: Rows) -> bool:
    """None of the rows' ids is taken (history rows outlive the objects a test deleted)."""
    for model, model_rows in rows.items():
        ids = [row[_pk(model)] for row in model_rows]
        if model._base_manager.filter(pk__gte=min(ids), pk__lte=max(ids)).exists():
            return False
    return True


def _restore(rows: Rows) -> None:
    version = apps.get_model("assessment", "QuestionnaireVersion")
    with transaction.atomic():  # constraints are deferred to the commit: any table order
        for model, model_rows in rows.items():
            objs = [model(**row) for row in model_rows]
            if model is version:
                for obj in objs:  # as the command does: a new stamp, nothing cached for it
                    obj.content_stamp = new_stamp()  # type: ignore[attr-defined]
            model._base_manager.bulk_create(objs)
        # Rows inserted with their ids leave PostgreSQL's sequences where they were.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(rows)):
                cursor.execute(sql)


def seed() -> None:
    """What `manage.py seed` makes on an empty database, fast after the first time."""
    global _snapshot
    if not _empty():
        call_command("seed", verbosity=0)
    elif _snapshot is None:
        _snapshot = _take()
    elif _free(_snapshot):
        _restore(_snapshot)
    else:
        call_command("seed", verbosity=0)
