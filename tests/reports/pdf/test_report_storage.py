"""A full disk never leaves a cut-short PDF behind, and a stored PDF that is not whole is
rendered again, never served. The disk is a real 16 KiB tmpfs, smaller than a report."""

from __future__ import annotations

import errno
import io
import subprocess
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from pypdf import PdfReader

from assessment.models import Assessment
from config.storage import AtomicFileSystemStorage
from reports.models import ReportFile
from reports.pdf.stamp import translations_stamp

pytestmark = pytest.mark.django_db


def _mount(folder: Path, size: str) -> None:
    result = subprocess.run(  # noqa: S603
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        pytest.fail(f"These tests mount a small tmpfs as a full disk; run them as root. {result}")


@pytest.fixture
def small_disk(tmp_path):
    """A 16 KiB file system: a report (30 KiB and more) does not fit."""
    folder = tmp_path / "disk"
    folder.mkdir()
    _mount(folder, "16k")
    yield folder
    subprocess.run(["umount", "--lazy", str(folder)], check=False)  # noqa: S603, S607


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def owner_client(client, user, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client.force_login(user)
    return client


def url(assessment: Assessment) -> str:
    return reverse("report_download", args=[assessment.pk, "en"])


def served_pdf(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def test_a_write_that_fills_the_disk_leaves_no_file(small_disk):
    content = b"%PDF-1.7\n" + bytes(200_000) + b"%%EOF\n"
    with pytest.raises(OSError) as failed:
        AtomicFileSystemStorage(location=small_disk).save("reports/r.pdf", ContentFile(content))
    assert failed.value.errno == errno.ENOSPC
    assert files_in(small_disk) == []  # nothing, not even the temporary file
    # What Django's own storage does on the same disk: a cut-short file under the name.
    with pytest.raises(OSError):
        FileSystemStorage(location=small_disk).save("reports/r.pdf", ContentFile(content))
    assert files_in(small_disk) == ["reports/r.pdf"]


def test_a_write_is_whole_and_never_replaces_another_file(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)
    first = storage.save("reports/r.pdf", ContentFile(b"first"))
    second = storage.save("reports/r.pdf", ContentFile(b"second"))
    assert first == "reports/r.pdf" and second != first
    assert storage.open(first).read() == b"first" and storage.open(second).read() == b"second"
    assert files_in(tmp_path) == sorted([first, second])  # no temporary file left


def test_a_full_disk_fails_the_render_clearly_and_the_retry_works_once_there_is_room(
    owner_client, admin_client, submitted, small_disk, settings, renders
):
    settings.MEDIA_ROOT = small_disk
    response = owner_client.get(url(submitted))
    assert response.status_code == 200
    html = response.content.decode()
    assert "We could not prepare your report." in html and "Try again" in html
    report = ReportFile.objects.get()
    assert report.status == ReportFile.Status.FAILED and not report.file
    assert files_in(small_disk) == []  # no cut-short PDF to be served later
    assert report.error == "ReportNotStored: The PDF could not be stored: No space left on device"
    assert "No space left on device" in admin_client.get(url(submitted)).content.decode()

    subprocess.run(  # noqa: S603
        ["mount", "-o", "remount,size=64m", str(small_disk)],  # noqa: S607
        check=True,
    )
    owner_client.post(reverse("report_retry", args=[submitted.pk, "en"]))
    assert len(served_pdf(owner_client.get(url(submitted))).pages) >= 2
    assert len(renders) == 2
    assert files_in(small_disk) == [ReportFile.objects.get().file.name]


@pytest.mark.parametrize(
    "content",
    [b"", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog", bytes(4096)],
    ids=["empty", "cut short", "zeros after a power cut"],
)
def test_a_stored_report_that_is_not_a_whole_pdf_is_rendered_again(
    owner_client,
    submitted,
    settings,
    tmp_path,
    renders,
    content,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path
    broken = tmp_path / "reports" / "broken.pdf"
    broken.parent.mkdir()
    broken.write_bytes(content)
    ReportFile.objects.create(
        assessment=submitted,
        language="en",
        status=ReportFile.Status.READY,
        file="reports/broken.pdf",
        # Up to date: only the file itself is wrong.
        translations_stamp=translations_stamp(submitted.questionnaire_id, "en"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        reader = served_pdf(owner_client.get(url(submitted)))
    assert len(reader.pages) >= 2
    assert len(renders) == 1
    report = ReportFile.objects.get()
    assert report.file.name != "reports/broken.pdf"
    assert not broken.exists()  # replaced, so never served again
