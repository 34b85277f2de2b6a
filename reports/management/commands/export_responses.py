"""Write the anonymised responses of one questionnaire version to a CSV or XLSX file."""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reports.exports.formats import FORMATS, csv_chunks, write_xlsx
from reports.exports.queries import (
    CHUNK_SIZE,
    VersionNotFound,
    find_version,
    prepare_export,
    row_chunks,
)
from reports.exports.rows import Cell


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError("give a whole number of at least 1")
    return number


class Command(BaseCommand):
    help = (
        "Export the submitted assessments of one questionnaire version (the latest "
        "published by default), anonymised, as CSV or XLSX. Free-text answers are left "
        "out unless --include-free-text is given."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        # --version names the questionnaire version here, as the product brief's
        # interface says; "resolve" lets it replace Django's --version (which prints
        # Django's own version number, of no use for this command).
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--output", required=True, metavar="FILE")
        parser.add_argument(
            "--version",
            dest="version_spec",
            metavar="SLUG:NUMBER|ID",
            help="e.g. mekong-sme:1, or the version's database id",
        )
        parser.add_argument("--include-free-text", action="store_true")
        parser.add_argument(
            "--chunk-size",
            type=_positive,
            default=CHUNK_SIZE,
            metavar="N",
            help=f"assessments read per query (default {CHUNK_SIZE})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        if output.is_dir():
            raise CommandError(f"{output} is a directory; give a file name.")
        if not output.parent.is_dir():
            raise CommandError(f"The directory {output.parent} does not exist.")
        try:
            version = find_version(options["version_spec"])
        except VersionNotFound as exc:
            raise CommandError(str(exc)) from exc
        export = prepare_export(version, include_free_text=options["include_free_text"])
        counter = _Counter()
        chunks = counter.count(row_chunks(export, options["chunk_size"]))
        # Written beside the target and renamed at the end: an interrupted or failed
        # export never leaves half a file, nor replaces a previous complete one.
        fd, partial = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.")
        try:
            with os.fdopen(fd, "wb") as file:
                if options["format"] == "csv":
                    for piece in csv_chunks(export.layout.header(), chunks):
                        file.write(piece)
                else:
                    write_xlsx(file, export.layout.header(), chunks, export.codebook)
            os.replace(partial, output)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        if options["verbosity"] >= 1:
            free_text = "with" if options["include_free_text"] else "without"
            self.stdout.write(
                f"Wrote {counter.rows} responses to {version.label} ({free_text} free text) "
                f"to {output}."
            )


class _Counter:
    def __init__(self) -> None:
        self.rows = 0

    def count(self, chunks: Iterator[list[list[Cell]]]) -> Iterator[list[list[Cell]]]:
        for chunk in chunks:
            self.rows += len(chunk)
            yield chunk
