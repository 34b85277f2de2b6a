"""New questionnaire versions made from existing ones."""

from __future__ import annotations

from django.db import transaction

from assessment.authoring.questionnaire_yaml import import_dict, version_to_dict
from assessment.models import QuestionnaireVersion
from assessment.models.translations import copy_translations


def version_copy_as_draft(version: QuestionnaireVersion) -> QuestionnaireVersion:
    """A new draft version with the same content, numbered after the slug's last.

    Copied through the YAML form, so a copy holds exactly what an export and a re-import
    would, translations included.
    """
    with transaction.atomic():
        last = (
            QuestionnaireVersion.objects.select_for_update()
            .filter(slug=version.slug)
            .order_by("-number")
            .first()
        )
        number = (last.number if last else version.number) + 1
        copy = import_dict({**version_to_dict(version), "number": number})
        copy.copied_from = version
        copy.save(update_fields=["copied_from"])
        copy_translations(version, copy)
    return copy
