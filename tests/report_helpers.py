"""Demo data for the report tests: a firm on the seed questionnaire and its peers."""

from __future__ import annotations

import datetime
import io
import itertools
import logging
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from assessment.models import Answer, Assessment, Company, Option, Question, User
from assessment.models.responses import AnswerOption
from reports.benchmarks.queries import refresh_snapshot

_numbers = itertools.count(1)
FONTS_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"

# Share of each pillar's points the demo firm reaches: a clear strongest and weakest pillar.
DEMO_LEVELS = {"infrastructure": 0.8, "policy_finance": 0.2, "talent": 0.5, "cooperation": 0.35}


def answer_seed(
    assessment: Assessment, levels: dict[str, float], *, text: str = "", dont_know: int = 1
) -> None:
    """Answer every question of the seed questionnaire at about `levels[pillar]` of its
    points; the first `dont_know` questions offering "don't know" get that answer, and
    free-text questions get `text` (when given). Bulk inserts: a few queries in all."""
    questions = (
        Question.objects.filter(pillar__questionnaire=assessment.questionnaire)
        .select_related("pillar")
        .prefetch_related("options")
    )
    answers: list[tuple[Answer, list[Option]]] = []
    for question in questions:
        share = levels.get(question.pillar.code, 0.5)
        options = list(question.options.all())
        normal = sorted(
            (o for o in options if o.kind == Option.Kind.NORMAL), key=lambda o: (o.points, o.order)
        )
        unknown = [o for o in options if o.kind == Option.Kind.DONT_KNOW]
        answer = Answer(assessment=assessment, question=question)
        chosen: list[Option] = []
        if question.type == Question.Type.TEXT:
            if not text:
                continue
            answer.text = text
        elif unknown and dont_know > 0:
            dont_know -= 1
            chosen = unknown
        elif question.type == Question.Type.NUMBER:
            band = normal[min(len(normal) - 1, int(share * len(normal)))]
            answer.number = band.band_min or Decimal(0)
        elif question.type == Question.Type.MULTIPLE:
            chosen = normal[: round(share * len(normal))]
            chosen = chosen or [o for o in options if o.kind == Option.Kind.NONE] or normal[:1]
        else:
            target = share * question.max_points
            chosen = [min(normal, key=lambda o: (abs(o.points - target), o.points))]
        answers.append((answer, chosen))
    Answer.objects.bulk_create([answer for answer, _ in answers])
    AnswerOption.objects.bulk_create(
        AnswerOption(answer=answer, option=option)
        for answer, chosen in answers
        for option in chosen
    )


def answer_codes(assessment: Assessment, answers: dict[str, list[str] | float | str]) -> None:
    """Answer as a recorded firm did, by question code: a list of option codes, a number,
    or free text (tests/fixtures/demo_firm_51.json)."""
    questions = {
        question.code: question
        for question in Question.objects.filter(
            pillar__questionnaire=assessment.questionnaire
        ).prefetch_related("options")
    }
    rows: list[tuple[Answer, list[Option]]] = []
    for code, value in answers.items():
        question = questions[code]
        answer = Answer(assessment=assessment, question=question)
        chosen: list[Option] = []
        if isinstance(value, list):
            options = {option.code: option for option in question.options.all()}
            chosen = [options[option_code] for option_code in value]
        elif isinstance(value, str):
            answer.text = value
        else:
            answer.number = Decimal(str(value))
        rows.append((answer, chosen))
    Answer.objects.bulk_create([answer for answer, _ in rows])
    AnswerOption.objects.bulk_create(
        AnswerOption(answer=answer, option=option) for answer, chosen in rows for option in chosen
    )


def make_firm(
    *,
    name: str | None = None,
    country: str = "LA",
    sector: str = "creative",
    size_band: str = "micro",
    consent: bool = True,
    password: str = "",
) -> Company:
    n = next(_numbers)
    owner = User.objects.create_user(
        f"report-firm-{n}@example.org",
        password or None,  # None: an unusable password, no slow hashing
        benchmark_consent_at=timezone.now() if consent else None,
    )
    return Company.objects.create(
        owner=owner,
        name=name or f"Peer firm {n}",
        country=country,
        sector=sector,
        size_band=size_band,
    )


def submit_seed(
    company: Company,
    version,
    levels: dict[str, float],
    *,
    text: str = "",
    days_ago: int = 0,
    language: str = "en",
) -> Assessment:
    assessment = Assessment.objects.create(
        company=company, questionnaire=version, language=language
    )
    answer_seed(assessment, levels, text=text)
    assert assessment.submit()
    at = timezone.now() - datetime.timedelta(days=days_ago)
    Assessment.objects.filter(pk=assessment.pk).update(submitted_at=at)
    assessment.refresh_from_db()
    return assessment


def add_peers(
    version,
    *,
    count: int = 6,
    country: str = "LA",
    sector: str = "creative",
    size_band: str = "micro",
) -> None:
    """Consenting peers of the same country, sector and size, then the benchmark snapshot."""
    for k in range(count):
        share = 0.25 + 0.1 * k
        firm = make_firm(country=country, sector=sector, size_band=size_band)
        submit_seed(firm, version, dict.fromkeys(DEMO_LEVELS, share))
    refresh_snapshot(version)


def pdf_text(pdf: bytes) -> tuple[int, str]:
    """The page count and the text of every page."""
    pages = page_texts(pdf)
    return len(pages), "\n".join(pages)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def folded(text: str) -> str:
    return " ".join(text.split())


# --- fonts in a PDF -------------------------------------------------------------------


def embedded_fonts(pdf: bytes) -> dict[str, TTFont]:
    """Every font program embedded in the PDF (pages and charts), by its BaseFont name."""
    fonts: dict[str, TTFont] = {}
    reader = PdfReader(io.BytesIO(pdf))
    for resources in _all_resources(reader):
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            stream = next(
                descriptor[key].get_object()
                for key in ("/FontFile2", "/FontFile3", "/FontFile")
                if key in descriptor
            )
            fonts[str(font["/BaseFont"])] = TTFont(io.BytesIO(stream.get_data()))
    return fonts


def _all_resources(reader: PdfReader) -> list[Any]:
    found = []

    def add(resources: Any) -> None:
        found.append(resources)
        for ref in resources.get("/XObject", {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                add(xobject["/Resources"].get_object())

    for page in reader.pages:
        add(page["/Resources"].get_object())
    return found


def shipped_font(embedded: TTFont) -> TTFont:
    """The full font file in static/fonts/ that an embedded subset was cut from."""
    postscript = embedded["name"].getDebugName(6)
    matches = list(FONTS_DIR.glob(f"*/{postscript}.ttf"))
    assert matches, f"{postscript} is not a font shipped in {FONTS_DIR}"
    return TTFont(matches[0])


class WeasyPrintWarnings(logging.Handler):
    """Collects WeasyPrint's warnings, among them ".notdef glyph rendered for …", its
    word for a character no font has (drawn as a missing-glyph box)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> WeasyPrintWarnings:
        logging.getLogger("weasyprint").addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("weasyprint").removeHandler(self)


def pdf_of_shipped_glyphs(html: str) -> tuple[str, list[str]]:
    """Render html; return the PDF's text and the characters of it that no shipped font
    draws (WeasyPrint's missing-glyph boxes included, as their warning)."""
    from reports.pdf.render import html_to_pdf

    with WeasyPrintWarnings() as warnings:
        pdf = html_to_pdf(html)
    covered: set[int] = set()
    for font in embedded_fonts(pdf).values():
        covered.update(shipped_font(font).getBestCmap())
    text = "".join(page_texts(pdf))
    missing = sorted({f"U+{ord(c):04X}" for c in text if not c.isspace() and ord(c) not in covered})
    return text, [m for m in warnings.messages if ".notdef" in m] + missing
