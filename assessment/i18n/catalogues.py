"""The UI message catalogues: locale/<lang>/LC_MESSAGES/django.po compiled to .mo.

Pure Python (polib), so a fresh machine without GNU gettext can compile them: `dev.py
start`, `dev.py test` and the test suite call it, and a deployment runs
`manage.py compile_translations` beside `collectstatic`. The .mo files are build output
and not committed. Fuzzy and empty entries are left out, so Django falls back to English.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import polib


def catalogues(locale_paths: Iterable[str | Path]) -> list[Path]:
    """Every .po file under the given locale folders."""
    found: list[Path] = []
    for root in locale_paths:
        found.extend(sorted(Path(root).glob("*/LC_MESSAGES/*.po")))
    return found


def is_stale(po: Path) -> bool:
    mo = po.with_suffix(".mo")
    return not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime


def compile_catalogue(po: Path) -> Path:
    """Write po's .mo beside it, atomically: a parallel test run never reads half a file."""
    mo = po.with_suffix(".mo")
    handle, temporary = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
    os.close(handle)
    try:
        polib.pofile(str(po)).save_as_mofile(temporary)
        os.replace(temporary, mo)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return mo


def compile_stale(locale_paths: Iterable[str | Path], *, force: bool = False) -> list[Path]:
    """Compile the catalogues whose .mo is missing or older than the .po; returns them."""
    return [compile_catalogue(po) for po in catalogues(locale_paths) if force or is_stale(po)]
