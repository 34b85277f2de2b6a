"""Whether a stored report file is a whole PDF, checked before it is served.

A disk that filled up, a process killed while writing, or a machine that lost power
before the data reached the disk can leave a file empty, cut short or full of zeros. A
PDF starts with `%PDF-` and its last line is `%%EOF`; a file without both is rendered
again instead of being sent to someone whose viewer would fail to open it.
"""

from __future__ import annotations

import logging

from django.core.files.storage import Storage

logger = logging.getLogger(__name__)

HEADER = b"%PDF-"
TRAILER = b"%%EOF"
# Writers may put a line end or a little padding after %%EOF.
TAIL_BYTES = 1024


def looks_whole(head: bytes, tail: bytes) -> bool:
    return head.startswith(HEADER) and TRAILER in tail


def is_whole_pdf(storage: Storage, name: str) -> bool:
    """True if `name` exists in `storage` and starts and ends like a PDF."""
    try:
        size = storage.size(name)
        if size < len(HEADER) + len(TRAILER):
            whole = False
        else:
            with storage.open(name, "rb") as stored:
                head = stored.read(len(HEADER))
                stored.seek(max(0, size - TAIL_BYTES))
                whole = looks_whole(head, stored.read(TAIL_BYTES))
    except OSError:  # gone, or unreadable
        return False
    if not whole:
        logger.warning("Stored report %s is not a whole PDF; rendering it again.", name)
    return whole
