"""The CSV and XLSX writers: what a spreadsheet reads back, and that they stay lazy."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import openpyxl

from reports.exports.formats import csv_chunks, write_xlsx
from reports.exports.rows import neutralise, safe_cell

HEADER = ["id", "when", "score", "answer"]
DANGEROUS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://x")']
ROWS = [
    ["a", datetime.date(2026, 1, 2), -5, 'plain, with "quotes"\nand a line break'],
    ["b", None, Decimal("12.5"), None],
    *[["c", None, 1.5, safe_cell(text)] for text in DANGEROUS],
]


def test_csv_starts_with_a_byte_order_mark_and_reads_back():
    data = b"".join(csv_chunks(HEADER, [ROWS[:1], ROWS[1:]]))
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADER
    assert rows[1] == ["a", "2026-01-02", "-5", 'plain, with "quotes"\nand a line break']
    assert rows[2] == ["b", "", "12.5", ""]


def test_csv_cells_that_look_like_formulas_start_with_a_quote():
    data = b"".join(csv_chunks(HEADER, [ROWS]))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    answers = [row[3] for row in rows[3:]]
    assert answers == ["'" + text for text in DANGEROUS]
    # The negative number is written as a number, which spreadsheets read as -5.
    assert rows[1][2] == "-5"


def test_csv_is_written_a_chunk_at_a_time():
    consumed = []

    def chunks():
        for i in range(3):
            consumed.append(i)
            yield [[f"row{i}", None, i, None]]

    pieces = csv_chunks(HEADER, chunks())
    assert next(pieces).decode("utf-8-sig").startswith("id,when")
    assert consumed == []  # the header goes out before any row is read
    assert b"row0" in next(pieces)
    assert consumed == [0]


def _written(rows, codebook=()) -> openpyxl.Workbook:
    target = io.BytesIO()
    write_xlsx(target, HEADER, [rows], codebook)
    return openpyxl.load_workbook(io.BytesIO(target.getvalue()))


def test_xlsx_never_holds_a_formula_and_keeps_the_quote():
    sheet = _written(ROWS)["Responses"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    answers = [row[3] for row in sheet.iter_rows(min_row=4)]
    # XML reads a carriage return back as a line feed; the quote still comes first.
    expected = ["'" + text.replace("\r", "\n") for text in DANGEROUS]
    assert [cell.value for cell in answers] == expected
    assert all(cell.data_type == "s" for cell in answers)


def test_xlsx_writes_text_starting_with_equals_as_text_even_if_not_neutralised():
    # The writer's own guard, independent of neutralise(): openpyxl alone would store it
    # as a formula.
    sheet = _written([["x", None, None, "=1+1"]])["Responses"]
    cell = sheet["D2"]
    assert cell.data_type == "s"
    assert cell.value == "=1+1"


def test_xlsx_numbers_and_dates_stay_typed_negative_numbers_too():
    sheet = _written(ROWS)["Responses"]
    assert sheet["C2"].value == -5 and sheet["C2"].data_type == "n"
    assert sheet["C3"].value == 12.5 and sheet["C3"].data_type == "n"
    assert sheet["B2"].value == datetime.datetime(2026, 1, 2)
    assert sheet["B2"].is_date


def test_xlsx_drops_control_characters_the_format_forbids():
    sheet = _written([["x", None, None, "bell\x07 and\x00 null\ttab"]])["Responses"]
    assert sheet["D2"].value == "bell and null\ttab"


def test_xlsx_has_a_sheet_explaining_the_codes():
    workbook = _written(ROWS, codebook=[["question", "options"], ["q1", neutralise("=x")]])
    assert workbook.sheetnames == ["Responses", "Questions"]
    assert [c.value for c in workbook["Questions"][2]] == ["q1", "'=x"]
