"""Existing translations are taken as made from today's English: each gets its fingerprint."""

from django.db import migrations

from assessment.models.fingerprint import source_hash

# (translation model, foreign key to the translated thing, its translated fields), as the
# models' PARENT and FIELDS were when the fingerprint came in.
TABLES = [
    ("QuestionnaireTranslation", "version", ("title", "description")),
    ("PillarTranslation", "pillar", ("name", "description")),
    ("QuestionTranslation", "question", ("text", "help_text", "unit")),
    ("OptionTranslation", "option", ("label", "advice")),
    ("LevelTranslation", "level", ("name", "description")),
]


def backfill(apps, schema_editor):
    for name, parent, fields in TABLES:
        model = apps.get_model("assessment", name)
        rows = list(model.objects.select_related(parent))
        for row in rows:
            english = getattr(row, parent)
            row.source_hash = source_hash({f: getattr(english, f) for f in fields})
        model.objects.bulk_update(rows, ["source_hash"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0011_translation_source_hash"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
