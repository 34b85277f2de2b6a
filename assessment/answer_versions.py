"""Which version of its answers a questionnaire page was rendered from.

A page carries, in a hidden field, a short digest of each of its questions' stored
answers as they were when the page was drawn. When the page comes back, a question
whose stored answer no longer matches its digest was changed since (in another tab or
window): this page's answer to it is not written over the newer one, and the
respondent is shown both. A digest rather than a time stamp or a counter, because it
also notices an answer cleared since (a cleared answer leaves no row to stamp), needs
no clock and no migration, and is equal again when the answer is changed back.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

FIELD = "answers_version"

_ENTRY = r"\d{1,18}:[0-9a-f]{12}"
_VERSION = re.compile(rf"(?:{_ENTRY}(?:,{_ENTRY})*)?")


@dataclass(frozen=True)
class AnswerState:
    """What one question holds: chosen option ids, a number, text. Empty = unanswered."""

    options: frozenset[int] = frozenset()
    number: Decimal | None = None
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.options and self.number is None and not self.text.strip()

    def digest(self) -> str:
        if self.is_empty:
            canonical = ""
        else:
            # 60, 60.0 and 60.00 are one answer; so are 0 and -0.
            number = "" if self.number is None else format((self.number + 0).normalize(), "f")
            canonical = f"{sorted(self.options)}|{number}|{self.text}"
        return hashlib.sha256(canonical.encode()).hexdigest()[:12]

    def same_answer(self, other: AnswerState) -> bool:
        return self.digest() == other.digest()


def page_version(states: Iterable[tuple[int, AnswerState]]) -> str:
    """The hidden field's value: question id and answer digest, for each question."""
    return ",".join(f"{pk}:{state.digest()}" for pk, state in states)


def parse_page_version(value: str) -> dict[int, str] | None:
    """Digest by question id, or None for a value no page of ours could have sent."""
    if len(value) > 20_000 or not _VERSION.fullmatch(value):
        return None
    if not value:
        return {}
    pairs = (entry.split(":") for entry in value.split(","))
    return {int(pk): digest for pk, digest in pairs}


def changed_since(seen: Mapping[int, str], question_id: int, stored: AnswerState) -> bool:
    """True if the question's stored answer is not the one the page was drawn from.

    A question the page did not list (an older page) counts as unchanged.
    """
    digest = seen.get(question_id)
    return digest is not None and digest != stored.digest()
