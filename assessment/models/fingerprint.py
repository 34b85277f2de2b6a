"""Whether a translation still translates the English it was made from.

A translation keeps a fingerprint of its English source (`source_hash`) from the moment
it was saved, imported or reviewed; once the English is edited the fingerprints differ
and the translation is stale until someone brings it up to date and saves it again.
Pure, so the admin, the status page, the publish summary and the migration that
backfilled the fingerprints share one rule.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping


def source_hash(english: Mapping[str, str | None]) -> str:
    """The fingerprint of a translated thing's English texts (field name -> text)."""
    texts = {name: text or "" for name, text in english.items()}
    payload = json.dumps(texts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def is_stale(saved: str, english: Mapping[str, str | None]) -> bool:
    """A translation without a fingerprint counts as stale: nobody knows what it translated."""
    return saved != source_hash(english)
