"""Per language: which content items still miss a translation and which are still drafts.

Pure: it reads plain items (the English texts of each translatable thing) and plain rows
(what is translated, and whether it is reviewed), so the admin's overview and its tests
share one rule. An item is missing in a language when a field it has in English is
empty in that language (the page shows the English there); a translation that exists is
a draft until an administrator marks it reviewed, and stale once its English is edited.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class SourceItem:
    key: tuple[str, int]  # (kind, primary key of the translated thing)
    label: str  # what the admin shows: "question inf-connectivity"
    english: Mapping[str, str]  # field -> English text


@dataclass(frozen=True)
class Row:
    texts: Mapping[str, str]
    reviewed: bool
    url: str = ""  # the translation's admin change page
    stale: bool = False  # the English changed since it was saved (models/fingerprint.py)


class Missing(NamedTuple):
    item: SourceItem
    gaps: tuple[str, ...]  # the fields that show English in the language
    row: Row | None  # the translation, if one exists
    url: str = ""  # where to add or complete it (set by the admin's overview)


@dataclass
class LanguageStatus:
    language: str
    name: str
    total: int = 0
    reviewed: int = 0
    drafts: list[tuple[SourceItem, Row]] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    stale: list[tuple[SourceItem, Row]] = field(default_factory=list)

    @property
    def complete(self) -> int:
        return self.total - len(self.missing)


def translation_status(
    items: Sequence[SourceItem],
    rows: Mapping[tuple[str, int, str], Row],
    languages: Sequence[tuple[str, str]],
) -> list[LanguageStatus]:
    """One status per language; rows are keyed by (kind, primary key, language)."""
    out = []
    for code, name in languages:
        status = LanguageStatus(code, name)
        for item in items:
            if not any(item.english.values()):
                continue  # nothing to translate
            status.total += 1
            row = rows.get((*item.key, code))
            texts = row.texts if row else {}
            gaps = tuple(f for f, english in item.english.items() if english and not texts.get(f))
            if gaps:
                status.missing.append(Missing(item, gaps, row))
            if row is None:
                continue
            if row.stale:
                status.stale.append((item, row))
            if row.reviewed:
                status.reviewed += 1
            else:
                status.drafts.append((item, row))
        out.append(status)
    return out
