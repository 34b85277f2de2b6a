"""The programme catalogue from seeds/programmes.yaml, loaded without needless writes."""

from __future__ import annotations

import datetime
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from reports.models import Programme

_FIELDS = [
    f.name for f in Programme._meta.get_fields() if f.concrete and f.name not in ("id",)
]


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
    data = yaml.safe_load(text)
    entries = data.get("programmes") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CatalogueFormatError("The file must hold a “programmes” list.")
    created = updated = unchanged = 0
    with transaction.atomic():
        for index, entry in enumerate(entries, start=1):
            where = f"programme {entry.get('code', index) if isinstance(entry, dict) else index}"
            if not isinstance(entry, dict):
                raise CatalogueFormatError(f"{where}: expected a mapping.")
            unknown = sorted(set(entry) - set(_FIELDS))
            if unknown:
                raise CatalogueFormatError(f"{where}: unknown key(s) {', '.join(unknown)}.")
            values = dict(entry)
            for key in ("active_from", "active_until"):
                values[key] = _as_date(values.get(key), where)
            programme = Programme.objects.filter(code=values.get("code")).first()
            is_new = programme is None
            programme = programme or Programme()
            changed = False
            for key, value in values.items():
                if getattr(programme, key) != value:
                    setattr(programme, key, value)
                    changed = True
            if not changed:
                unchanged += 1
                continue
            try:
                programme.full_clean()
            except ValidationError as exc:
                raise CatalogueFormatError(f"{where}: {exc.message_dict}") from exc
            programme.save()
            created += is_new
            updated += not is_new
    return created, updated, unchanged
