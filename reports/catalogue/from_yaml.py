"""The programme catalogue from seeds/programmes.yaml, loaded without needless writes.

The file holds a ``programmes`` list, one mapping of model fields per programme, and an
optional ``withdrawn`` list of codes to delete (entries merged into another, say), so a
database seeded before the merge loses the duplicate too. ``dump_catalogue`` writes the
same format back, every field included.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, cast

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction

from assessment.authoring.yaml_safety import PlainDumper, YamlRefused, load_yaml
from reports.models import Programme

if TYPE_CHECKING:
    from django.db.models import Field, QuerySet

_FIELDS = [f.name for f in Programme._meta.get_fields() if f.concrete and f.name not in ("id",)]


class CatalogueFormatError(ValueError):
    pass


def _as_date(value: Any, where: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as exc:
        raise CatalogueFormatError(f"{where}: “{value}” is not a date (YYYY-MM-DD).") from exc


def load_catalogue(text: str) -> tuple[int, int, int]:
    """Create or update programmes by code; returns (created, updated, unchanged).

    A withdrawn programme that was still in the database counts as updated.
    """
    try:
        data = load_yaml(text)
    except YamlRefused as exc:
        raise CatalogueFormatError(str(exc)) from exc
    entries = data.get("programmes") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CatalogueFormatError("The file must hold a “programmes” list.")
    withdrawn = data.get("withdrawn") or []
    if not isinstance(withdrawn, list) or not all(isinstance(c, str) for c in withdrawn):
        raise CatalogueFormatError("“withdrawn” must be a list of programme codes.")
    kept = {entry.get("code") for entry in entries if isinstance(entry, dict)}
    if kept & set(withdrawn):
        twice = ", ".join(sorted(str(c) for c in kept & set(withdrawn)))
        raise CatalogueFormatError(f"Both listed and withdrawn: {twice}.")
    created = updated = unchanged = 0
    seen: set[object] = set()  # the codes so far, as the file gives them
    with transaction.atomic():
        for index, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict):
                raise CatalogueFormatError(f"programme {index}: expected a mapping.")
            where = f"programme {entry.get('code', index)}"
            unknown = sorted(set(entry) - set(_FIELDS))
            if unknown:
                raise CatalogueFormatError(f"{where}: unknown key(s) {', '.join(unknown)}.")
            if entry.get("code") in seen:
                raise CatalogueFormatError(f"{where}: the code is used twice in the file.")
            seen.add(entry.get("code"))
            values = _field_values(entry, where)
            programme = Programme.objects.filter(code=values["code"]).first()
            is_new = programme is None
            programme = programme or Programme()
            changed = [k for k, v in values.items() if getattr(programme, k) != v]
            if not changed:
                unchanged += 1
                continue
            for key in changed:
                setattr(programme, key, values[key])
            try:
                programme.full_clean()
            except ValidationError as exc:
                raise CatalogueFormatError(f"{where}: {exc.message_dict}") from exc
            programme.save()
            created += is_new
            updated += not is_new
        deleted, by_model = Programme.objects.filter(code__in=withdrawn).delete()
        # The count includes the deleted programmes' translations: count programmes only.
        updated += by_model.get(Programme._meta.label, 0) if deleted else 0
    return created, updated, unchanged


def dump_catalogue(programmes: QuerySet[Programme] | None = None) -> str:
    """The catalogue (or some programmes of it) as YAML load_catalogue reads, every field."""
    entries = []
    for programme in (Programme.objects.all() if programmes is None else programmes).order_by(
        "code"
    ):
        entry = {}
        for name in _FIELDS:
            value = getattr(programme, name)
            entry[name] = value.isoformat() if isinstance(value, datetime.date) else value
        entries.append(entry)
    return yaml.dump(
        {"programmes": entries}, Dumper=PlainDumper, allow_unicode=True, sort_keys=False
    )


def _field_values(entry: dict[str, Any], where: str) -> dict[str, Any]:
    """Every field's value, typed as the model stores it; a key left out takes its default.

    Typing first means a quoted number compares equal to the stored one, and a key
    removed from the file resets the field instead of leaving a stale value behind.
    """
    values = {}
    for name in _FIELDS:
        # Concrete fields only (see _FIELDS), never the reverse side of a relation.
        field = cast("Field[Any, Any]", Programme._meta.get_field(name))
        if name in entry:
            raw = entry[name]
            if isinstance(field, models.DateField):
                values[name] = _as_date(raw, where)
                continue
            try:
                values[name] = field.to_python(raw)
            except ValidationError as exc:
                raise CatalogueFormatError(f"{where}: {name}: {' '.join(exc.messages)}") from exc
        else:
            values[name] = field.get_default()
    return values
