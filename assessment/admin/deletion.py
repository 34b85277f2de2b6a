"""The admin's "cannot delete" page, kept readable."""

from __future__ import annotations

from typing import Any

# Django lists every protecting object on its "cannot delete" page: an answered
# question's thousands of answers made a page 185,000 px tall. A few name the kind.
PROTECTED_SHOWN = 10


def shorten(protected: list[Any]) -> list[Any]:
    """The first few objects that block a deletion, and how many more there are."""
    if len(protected) <= PROTECTED_SHOWN + 1:
        return list(protected)
    more = len(protected) - PROTECTED_SHOWN
    return [*protected[:PROTECTED_SHOWN], f"… and {more:,} more"]
