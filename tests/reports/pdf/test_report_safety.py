"""Rendering is safe: user text stays text, and WeasyPrint reads nothing but static files."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import pytest
from django.db import transaction
from pypdf import PdfReader
from weasyprint.urls import path2url

from assessment.authoring.questionnaire_yaml import import_dict
from assessment.models import Assessment, Company
from reports.pdf.render import (
    RefusedURL,
    StaticFileFetcher,
    html_to_pdf,
    render_report_pdf,
    static_base_url,
    static_roots,
)
from tests.conftest import answer, answer_all, small_questionnaire_data
from tests.report_helpers import make_firm, page_texts

pytestmark = pytest.mark.django_db

NAME = (
    '<b>Bold</b> & <img src="file:///etc/passwd"> '
    '<link rel="attachment" href="file:///etc/hostname"> '
    "<style>p{background:url(file:///etc/hostname)}</style>"
)
OBSTACLE = (
    '<script>alert(1)</script><p style="background: url(file:///etc/passwd)">x</p>'
    '<img src="http://127.0.0.1:9/x.png"><svg><image href="file:///etc/passwd"/></svg>'
)
LONG = "W" * 5000  # one unbroken 5,000-character word
SECRETS = ("/etc/passwd", "/etc/hostname")

# Every file Python opens while a report renders (an audit hook cannot be removed, so it
# records only while a test asks it to).
_opened: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and args and isinstance(args[0], str | bytes):
        _opened.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


@pytest.fixture(scope="module")
def hostile(django_db_setup, django_db_blocker):
    """A report whose company name and free-text answers hold markup, file and network
    URLs and a 5,000-character word, rendered with a recording fetcher."""
    global _opened
    with django_db_blocker.unblock(), transaction.atomic():
        # The small questionnaire of every question type: a short report, fast to read.
        version = import_dict(small_questionnaire_data())
        version.publish()
        firm = make_firm(name=NAME)
        Company.objects.filter(pk=firm.pk).update(province='<i>Vientiane</i> "prefecture"')
        assessment = Assessment.objects.create(company=firm, questionnaire=version)
        answer_all(assessment)
        answer(assessment, "tal-obstacle", text=f"{OBSTACLE} {LONG}")
        assert assessment.submit()
        fetcher = StaticFileFetcher()
        _opened = []
        try:
            pdf = render_report_pdf(assessment.pk, "en", kind="full", url_fetcher=fetcher)
        finally:
            opened, _opened = _opened, None
        transaction.set_rollback(True)
    return pdf, fetcher, opened


def _folded(pdf: bytes) -> str:
    return " ".join(" ".join(page_texts(pdf)).split())


def test_the_report_renders_and_shows_the_markup_as_text(hostile):
    pdf, _, _ = hostile
    text = _folded(pdf)
    # Line breaks fall anywhere in the long strings: compare without white space.
    unbroken = "".join(text.split())
    assert "".join(NAME.split()) in unbroken
    assert '<i>Vientiane</i>"prefecture"' in unbroken
    assert "".join(OBSTACLE.split()) in unbroken
    # The long word is all there (once, in the annex), wrapped over lines and pages
    # rather than running off the page.
    runs = [len(run) for run in re.findall(r"W{3,}", text)]
    assert sum(runs) == len(LONG)
    assert max(runs) < 200, max(runs)


def test_no_file_is_embedded(hostile):
    pdf, _, _ = hostile
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    names = reader.trailer["/Root"].get("/Names")
    assert names is None or "/EmbeddedFiles" not in names.get_object()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            assert annotation.get_object().get("/Subtype") != "/FileAttachment"


def test_the_fetcher_served_only_static_files_and_nothing_else_was_read(hostile):
    _, fetcher, opened = hostile
    roots = static_roots()
    assert fetcher.requested and not fetcher.refused
    for url in fetcher.requested:
        assert url.startswith("file://"), url
        assert any(fetcher.resolve(url).is_relative_to(root) for root in roots), url
    assert all(any(p.is_relative_to(root) for root in roots) for p in fetcher.served)
    assert {p.suffix for p in fetcher.served} <= {".css", ".ttf"}
    assert not [path for path in opened if path.startswith(SECRETS)]


def test_the_metadata_holds_no_user_input(hostile):
    pdf, _, _ = hostile
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    assert "Bold" not in str(dict(metadata))


# --- the fetcher on its own ---------------------------------------------------------


def static_url(relative: str) -> str:
    return static_base_url() + relative


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.org/font.ttf",
        "ftp://example.org/x",
        "file:///etc/passwd",
        "file://otherhost/etc/passwd",
        "FILE:///etc/hostname",
        "data:text/plain;base64," + "QUFB" * 2000,
        "javascript:alert(1)",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(url):
    fetcher = StaticFileFetcher()
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    assert not fetcher.served


@pytest.mark.parametrize(
    "relative",
    [
        "../../../../../../etc/passwd",
        "fonts/../../../../../../etc/passwd",
        "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "reports/print.css/../../../../../../../etc/hostname",
    ],
)
def test_the_fetcher_refuses_path_traversal(relative):
    with pytest.raises(RefusedURL):
        StaticFileFetcher().fetch(static_url(relative))


def test_the_fetcher_refuses_symlinks_out_and_other_file_types(tmp_path: Path):
    root = tmp_path / "static"
    root.mkdir()
    (root / "escape.css").symlink_to("/etc/passwd")
    (root / "settings.py").write_text("SECRET = 1")
    (root / "ok.css").write_text("p { color: red }")
    fetcher = StaticFileFetcher(roots=(root.resolve(),))
    for name in ("escape.css", "settings.py", "missing.css"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(path2url(str(root / name)))
    response = fetcher.fetch(path2url(str(root / "ok.css")))
    assert response.read() == b"p { color: red }"
    assert response.content_type == "text/css"


def test_the_fetcher_serves_a_static_font_and_small_data_urls():
    fetcher = StaticFileFetcher()
    response = fetcher.fetch(static_url("fonts/noto-sans-thai/NotoSansThai-Regular.ttf"))
    assert response.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
    assert response.content_type == "font/ttf"
    assert fetcher.served[0].is_relative_to(static_roots()[0].parent)
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_raw_markup_reaching_weasyprint_still_reads_nothing_outside(tmp_path):
    """Defence in depth: even unescaped, these elements fetch nothing outside static."""
    html = (
        '<html><head><link rel="stylesheet" href="reports/print.css">'
        '<link rel="stylesheet" href="file:///etc/hostname">'
        '<link rel="attachment" href="file:///etc/hostname">'
        "<style>@import url(file:///etc/passwd); p { background: url(file:///etc/passwd) }"
        "</style></head><body>"
        '<p>x</p><img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'
        '<img src="../../../../../../etc/passwd">'
        '<a rel="attachment" href="file:///etc/hostname">a</a>'
        '<svg width="10" height="10"><image href="file:///etc/passwd" width="10" height="10"/>'
        "</svg></body></html>"
    )
    fetcher = StaticFileFetcher()
    pdf = html_to_pdf(html, url_fetcher=fetcher)
    assert pdf.startswith(b"%PDF")
    assert PdfReader(io.BytesIO(pdf)).attachments == {}
    assert fetcher.refused
    assert all(any(p.is_relative_to(r) for r in static_roots()) for p in fetcher.served)
    for url in fetcher.refused:
        assert "etc/" in url or url.startswith("http"), url
