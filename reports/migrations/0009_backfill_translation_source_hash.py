"""Existing programme translations are taken as made from today's English."""

from django.db import migrations

from assessment.models.fingerprint import source_hash

# ProgrammeTranslation.FIELDS when the fingerprint came in.
FIELDS = ("name", "provider", "description", "how_to_apply", "recurrence")


def backfill(apps, schema_editor):
    model = apps.get_model("reports", "ProgrammeTranslation")
    rows = list(model.objects.select_related("programme"))
    for row in rows:
        row.source_hash = source_hash({f: getattr(row.programme, f) for f in FIELDS})
    model.objects.bulk_update(rows, ["source_hash"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0008_translation_source_hash"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
