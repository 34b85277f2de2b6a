"""The PDF readiness report: Django template in, WeasyPrint PDF out, fetching nothing else.

WeasyPrint has had several server-side request forgery and file disclosure advisories:
any URL in the HTML or CSS (an image, a stylesheet, a font, a `<link rel="attachment">`)
is fetched by its URL fetcher. User text is escaped by the templates, so it never becomes
markup; as a second wall, `StaticFileFetcher` serves only regular files of a few asset
types under the app's static folders and refuses everything else: other files, `..`,
symlinks that lead out, `http(s)://`, redirects (no HTTP at all), and all but small
`data:` URLs. Presentational hints are off, and nothing from the user reaches
`attachments`, `stylesheets` or the metadata (the report's `<title>` is fixed, translated
text).

Two kinds of report come from one readout: the owner's report (the default download,
a few pages) and the full report with the annex. The PDF is tagged (PDF/UA structure:
headings, tables, figures with their alternative text) with its language and title.
"""

from __future__ import annotations

import datetime
import logging
import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import DataHandler, Request, url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import FileSystemStorage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.urls import URLFetcher, URLFetcherResponse, path2url

from reports.models import REPORT_TEMPLATE_VERSION, ReportFile
from reports.pdf.css import page_css
from reports.readout.charts import PDF_FONT_STACK, pillar_bars, pillar_chart
from reports.readout.queries import readout_for

logger = logging.getLogger(__name__)

ASSET_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
DATA_URL_LIMIT = 4096  # bytes of a data: URL, enough for a small inline icon
STYLESHEET = "reports/print.css"
OWNER = ReportFile.Kind.OWNER.value
FULL = ReportFile.Kind.FULL.value
TEMPLATES = {OWNER: "reports/pdf/owner.html", FULL: "reports/pdf/report.html"}


class RefusedURL(ValueError):
    """A URL the report renderer must not read."""


def static_roots() -> tuple[Path, ...]:
    """Every folder static files are served from: the project's and the apps' static
    folders (what the staticfiles finders search) and STATIC_ROOT after collectstatic."""
    roots: list[Path] = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            if isinstance(storage, FileSystemStorage):
                roots.append(Path(storage.location))
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    resolved = []
    for root in roots:
        path = Path(os.path.realpath(root))
        if path.is_dir() and path not in resolved:
            resolved.append(path)
    return tuple(resolved)


@lru_cache(maxsize=1)
def static_base_url() -> str:
    """The file:// URL of the static folder holding the report's stylesheet; the report
    template's relative URLs (reports/print.css, fonts/…) resolve against it."""
    found = finders.find(STYLESHEET)
    if found:
        path = Path(os.path.realpath(found))
    else:  # only collected files on this machine
        path = Path(os.path.realpath(Path(settings.STATIC_ROOT) / STYLESHEET))
    if not path.is_file():
        raise FileNotFoundError(f"The report stylesheet {STYLESHEET} is in no static folder.")
    return path2url(str(path.parent.parent) + os.sep)


class StaticFileFetcher(URLFetcher):
    """Serves the app's own static assets to WeasyPrint and nothing else.

    Every URL asked for is kept in `requested`, every file served in `served` and every
    refusal in `refused`, so tests (and logs) can show what a render read.
    """

    def __init__(self, roots: tuple[Path, ...] | None = None) -> None:
        # No redirects, and only these schemes reach fetch() at all.
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.roots = roots if roots is not None else static_roots()
        self.requested: list[str] = []
        self.served: list[Path] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        self.requested.append(url)
        try:
            if url[:5].lower() == "data:":
                return self._data(url)
            return self._file(url)
        except RefusedURL as exc:
            self.refused.append(url)
            logger.warning("Report renderer refused %s: %s", url[:200], exc)
            raise

    def _data(self, url: str) -> URLFetcherResponse:
        if len(url) > DATA_URL_LIMIT:
            raise RefusedURL(f"data: URL longer than {DATA_URL_LIMIT} characters")
        try:
            response = DataHandler().data_open(Request(url))  # noqa: S310 - data: only
        except ValueError as exc:
            raise RefusedURL(f"malformed data: URL ({exc})") from exc
        return URLFetcherResponse(url, response.read(), dict(response.headers))

    def _file(self, url: str) -> URLFetcherResponse:
        path = self.resolve(url)
        self.served.append(path)
        content_type = ASSET_TYPES[path.suffix.lower()]
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def resolve(self, url: str) -> Path:
        """The real path of a static asset the URL names, or RefusedURL."""
        try:
            parts = urlsplit(url)
        except ValueError as exc:
            raise RefusedURL("malformed URL") from exc
        if parts.scheme.lower() != "file":
            raise RefusedURL(f"scheme {parts.scheme or '(none)'!r} is not served")
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL("file URL on another host")
        raw = url2pathname(parts.path)  # percent-decoded once
        if "\x00" in raw or ".." in Path(raw).parts:
            raise RefusedURL("path traversal")
        # realpath follows symlinks: a link inside the static folder leading out is
        # judged by where it leads.
        path = Path(os.path.realpath(raw))
        if not any(path.is_relative_to(root) for root in self.roots):
            raise RefusedURL("outside the static folders")
        if path.suffix.lower() not in ASSET_TYPES:
            raise RefusedURL(f"{path.suffix or 'extensionless'} files are not served")
        if not path.is_file():
            raise RefusedURL("no such file")
        return path


# WeasyPrint's options for every report: no presentational hints, attachments or
# metadata from the document beyond its title and language; tagged as PDF/UA-1 (a
# structure tree for screen readers, /Lang from <html lang>, /Title from <title>).
PDF_OPTIONS: dict[str, object] = {
    "presentational_hints": False,
    "attachments": None,
    "custom_metadata": False,
    "pdf_variant": "pdf/ua-1",
}


def render_document(html: str, *, url_fetcher: StaticFileFetcher | None = None) -> Document:
    """The laid-out pages of trusted report HTML whose relative URLs point into the static
    folder (tests measure the layout; html_to_pdf writes it)."""
    return HTML(
        string=html,
        base_url=static_base_url(),
        url_fetcher=url_fetcher or StaticFileFetcher(),
        media_type="print",
    ).render(**PDF_OPTIONS)


def html_to_pdf(html: str, *, url_fetcher: StaticFileFetcher | None = None) -> bytes:
    """A PDF of trusted report HTML whose relative URLs point into the static folder."""
    return render_document(html, url_fetcher=url_fetcher).write_pdf(**PDF_OPTIONS)


def report_title(kind: str) -> str:
    """The PDF's title (its metadata) in the active language: fixed text only."""
    if kind == FULL:
        return _("Digital readiness report: full version with annex")
    return _("Digital readiness report")


def render_report_html(
    assessment_id: int,
    language: str,
    *,
    kind: str = OWNER,
    today: datetime.date | None = None,
) -> str:
    """The report's HTML in `language`: the readout is built first, then rendered."""
    readout = readout_for(
        assessment_id, language=language, today=today, with_methodology=kind == FULL
    )
    with translation.override(language):
        return render_to_string(
            TEMPLATES[kind],
            {
                "readout": readout,
                "radar": pillar_chart(readout.charts, font_stack=PDF_FONT_STACK),
                "bars": pillar_bars(readout.charts, font_stack=PDF_FONT_STACK),
                "template_version": REPORT_TEMPLATE_VERSION,
                "title": report_title(kind),
                "page_css": page_css(_("page %(page)s of %(pages)s"), report_title(kind)),
            },
        )


def render_report_pdf(
    assessment_id: int,
    language: str,
    *,
    kind: str = OWNER,
    url_fetcher: StaticFileFetcher | None = None,
) -> bytes:
    """The PDF report (`kind`: OWNER or FULL) of a submitted assessment in `language`."""
    return html_to_pdf(
        render_report_html(assessment_id, language, kind=kind), url_fetcher=url_fetcher
    )


def language_codes() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}
