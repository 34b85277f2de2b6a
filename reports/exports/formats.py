"""Writing export rows as CSV or XLSX: no ORM, rows in, bytes out, memory bounded.

The rows come from reports/exports/rows.py with text already neutralised; the writers
only deal with what each format needs on top of that.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from reports.exports.rows import Cell

# Excel opens a UTF-8 CSV as UTF-8 only when it starts with a byte-order mark; without
# it Thai, Khmer, Lao, Burmese and Chinese answers come out garbled.
CSV_BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def csv_chunks(
    header: Sequence[Cell], row_chunks: Iterable[Sequence[Sequence[Cell]]]
) -> Iterator[bytes]:
    """The CSV file as bytes: the header, then one piece per chunk of rows.

    One piece per chunk, not per row, keeps the number of writes (and of HTTP chunks
    when streamed) small without holding more than one chunk.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(CSV_BOM)
    writer.writerow([_csv_value(v) for v in header])
    yield _drain(buffer)
    for rows in row_chunks:
        writer.writerows([_csv_value(v) for v in row] for row in rows)
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    return data


def _csv_value(value: Cell) -> Any:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_xlsx(
    target: IO[bytes],
    header: Sequence[Cell],
    row_chunks: Iterable[Sequence[Sequence[Cell]]],
    codebook: Iterable[Sequence[Cell]] = (),
) -> None:
    """Write the workbook to the seekable binary file `target`.

    A write-only workbook writes each row to a temporary file as it is appended, so
    memory does not grow with the rows. An XLSX is a zip whose directory comes last, so
    it cannot be sent while it is being made: it goes to a file first (see exports.py).
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Responses")
    sheet.append([_xlsx_value(sheet, v) for v in header])
    for rows in row_chunks:
        for row in rows:
            sheet.append([_xlsx_value(sheet, v) for v in row])
    legend = workbook.create_sheet("Questions")
    for row in codebook:
        legend.append([_xlsx_value(legend, v) for v in row])
    workbook.save(target)


def _xlsx_value(sheet: WriteOnlyWorksheet, value: Cell) -> Any:
    if not isinstance(value, str):
        return value
    # Control characters (other than tab and line breaks) are not allowed in the file
    # format; openpyxl refuses them rather than dropping them, and free text may hold one.
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith("="):
        # openpyxl stores any text starting with "=" as a formula. Neutralised text
        # never does, but the writer must not depend on that: force a text cell.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
