"""The export page: a small form, and the anonymised CSV or XLSX it asks for.

A download is a read, so the form is sent with GET: no state changes, and the URL of
an export can be kept and run again. Each download is logged with who asked for it and
whether it held free text.
"""

from __future__ import annotations

import logging
import tempfile

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from reports.exports.formats import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from reports.exports.forms import ExportForm
from reports.exports.queries import (
    PreparedExport,
    csv_stream,
    export_filename,
    latest_published_version,
    prepare_export,
    write_xlsx_export,
)

logger = logging.getLogger(__name__)


@login_required
@permission_required("assessment.export_responses", raise_exception=True)
@require_GET
def export_responses(request: HttpRequest) -> HttpResponseBase:
    if not request.GET:
        form = ExportForm(initial={"version": latest_published_version()})
        return render(request, "reports/exports.html", {"form": form})
    form = ExportForm(request.GET)
    if not form.is_valid():
        return render(request, "reports/exports.html", {"form": form}, status=400)
    data = form.cleaned_data
    export = prepare_export(
        data["version"], form.filters(), include_free_text=data["include_free_text"]
    )
    logger.info(
        "Export by user %s: %s %s, %s, free text %s.",
        request.user.pk,
        data["format"],
        export.version.label,
        export.filters,
        "included" if data["include_free_text"] else "left out",
    )
    response: StreamingHttpResponse
    if data["format"] == "xlsx":
        response = _xlsx_response(export)
    else:
        response = StreamingHttpResponse(csv_stream(export), content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="{export_filename(export.version, "csv")}"'
        )
    patch_cache_control(response, private=True, no_store=True)
    return response


def _xlsx_response(export: PreparedExport) -> FileResponse:
    """The workbook written to an unnamed temporary file, then sent from it in blocks.

    An XLSX is a zip archive whose directory is written last, so it cannot be streamed
    while it is made; a write-only workbook written to disk keeps memory flat instead,
    and FileResponse reads the file back a block at a time. The file has no name on
    disk and disappears when the response closes it.
    """
    # Not a context manager: the response owns the file and closes it after sending.
    target = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    try:
        write_xlsx_export(export, target)
        target.seek(0)
    except BaseException:
        target.close()
        raise
    return FileResponse(
        target,
        as_attachment=True,
        filename=export_filename(export.version, "xlsx"),
        content_type=XLSX_CONTENT_TYPE,
    )
