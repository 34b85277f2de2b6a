"""The programme catalogue from seeds/programmes.yaml, loaded without needless writes."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction

from assessment.authoring.yaml_safety import YamlRefused, load_yaml
from reports.models import Programme

if TYPE_CHECKING:
    from django.db.models import Field

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
    """Create or update programmes by code; returns (created, updated, unchanged)."""
    try:
        data = load_yaml(text)
    except YamlRefused as exc:
        raise CatalogueFormatError(str(exc)) from exc
    entries = data.get("programmes") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CatalogueFormatError("The file must hold a “programmes” list.")
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
    return created, updated, unchanged


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
            if name in ("active_from", "active_until"):
                values[name] = _as_date(raw, where)
                continue
            try:
                values[name] = field.to_python(raw)
            except ValidationError as exc:
                raise CatalogueFormatError(f"{where}: {name}: {' '.join(exc.messages)}") from exc
        else:
            values[name] = field.get_default()
    return values
