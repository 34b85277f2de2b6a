"""File storage that never leaves a partly written file under its final name."""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Any

from django.core.files.storage import FileSystemStorage
from django.core.files.utils import validate_file_name
from django.utils._os import safe_makedirs


class AtomicFileSystemStorage(FileSystemStorage):
    """FileSystemStorage that writes to a hidden temporary file beside the target, flushes
    it to disk, and only then links it into place under the final name.

    Django's own _save writes straight into the final file: a full disk (ENOSPC part-way),
    a killed process or a machine that loses power leaves a truncated or empty file there.
    Here a failed write removes the temporary file and raises, so the final name either
    holds the whole content or does not exist. A hard link, like Django's O_EXCL open,
    never replaces an existing file: a name taken meanwhile gets another available name.
    """

    def _save(self, name: str, content: Any) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        if self.directory_permissions_mode is not None:
            safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
        else:
            os.makedirs(directory, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".", suffix=".part", dir=directory)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                out.flush()
                # Data on disk before the name: after a power cut the name never points
                # at blocks that were not written.
                os.fsync(out.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(temporary, self.file_permissions_mode)
            while True:
                try:
                    os.link(temporary, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    validate_file_name(name, allow_relative_path=True)
                    full_path = self.path(name)
            _fsync_directory(directory)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        # Django's own _save ends so (5.2); the stubs leave this private method out.
        self._ensure_location_group_id(full_path)  # type: ignore[attr-defined]
        return os.path.relpath(full_path, self.location).replace("\\", "/")


def _fsync_directory(directory: str) -> None:
    """Make the new name itself durable (a rename or link lives in the directory)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
