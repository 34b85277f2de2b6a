"""The full PDF report of a demo firm on the seed questionnaire, read back with pypdf.

The report is rendered once for the module (real WeasyPrint, no mocks) inside a
transaction that is rolled back afterwards; the tests read its text.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from assessment.models import Assessment, QuestionnaireVersion
from assessment.summary import whole
from reports.benchmarks.queries import benchmark_for
from reports.models import Programme
from reports.pdf.render import StaticFileFetcher, render_report_pdf
from reports.recommendations.rank import HORIZONS, action_plan, recommend
from tests.report_helpers import (
    DEMO_LEVELS,
    WeasyPrintWarnings,
    add_peers,
    embedded_fonts,
    folded,
    make_firm,
    page_texts,
    submit_seed,
)
from tests.seed_snapshot import seed

# Marked so that pytest-django sets up the test database the module fixture uses.
pytestmark = pytest.mark.django_db

HEADINGS = [
    "Executive summary",
    "Three key actions",
    "Your profile",
    "Strengths",
    "Gaps and what to do",
    "Recommended programmes",
    "Action plan",
    "In the next 90 days",
    "Within 6 months",
    "Within 12 months",
    "Progress since your last assessment",
    "Annex",
    "Your answers",
    "Methodology",
    "Every question's points",
    "Questionnaire version",
]


@dataclass(frozen=True)
class Demo:
    pdf: bytes
    pages: int
    text: str  # whitespace folded
    page_texts: list[str]
    assessment: Assessment
    benchmark: Any
    recommendations: list
    method_sample: list[tuple[str, list[tuple[str, int]]]]
    fetcher: StaticFileFetcher
    warnings: list[str]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Demo:
    with django_db_blocker.unblock(), transaction.atomic():
        seed()
        version = QuestionnaireVersion.objects.get(slug="mekong-sme", status="published")
        add_peers(version)  # six consenting firms in Lao PDR, handicrafts
        firm = make_firm(name="Vientiane Weaving Co.")
        submit_seed(firm, version, dict.fromkeys(DEMO_LEVELS, 0.3), days_ago=120)
        assessment = submit_seed(
            firm, version, DEMO_LEVELS, text="Slow internet and the cost of software."
        )
        fetcher = StaticFileFetcher()
        with WeasyPrintWarnings() as warnings:
            pdf = render_report_pdf(assessment.pk, "en", kind="full", url_fetcher=fetcher)
        recs = recommend(
            assessment.result,
            [p.to_info() for p in Programme.objects.all()],
            timezone.localdate(),
            language="en",
        )
        method_sample = [
            (q.text, [(o.label, o.points) for o in q.options.all() if o.kind == "normal"])
            for q in version.pillars.first().questions.prefetch_related("options")[:3]
        ]
        benchmark = benchmark_for(assessment)
        transaction.set_rollback(True)
    texts = [folded(text) for text in page_texts(pdf)]
    return Demo(
        pdf=pdf,
        pages=len(texts),
        text=" ".join(texts),
        page_texts=texts,
        assessment=assessment,
        benchmark=benchmark,
        recommendations=recs,
        method_sample=method_sample,
        fetcher=fetcher,
        warnings=warnings.messages,
    )


def test_every_section_is_in_the_pdf(demo):
    for heading in [*HEADINGS, *(p["name"] for p in demo.assessment.result["pillars"])]:
        assert heading in demo.text, heading


def test_at_least_six_pages_each_with_a_page_x_of_y_footer(demo):
    assert demo.pages >= 6
    for number, text in enumerate(demo.page_texts, start=1):
        assert f"page {number} of {demo.pages}" in text, number


def test_the_company_and_its_real_figures(demo):
    result = demo.assessment.result
    assert "Vientiane Weaving Co." in demo.page_texts[0]
    assert "Lao PDR · Handicrafts and creative industries · Micro (1–9 employees)" in demo.text
    overall = whole(result["overall"])
    assert f"{overall} / 100" in demo.page_texts[0]
    assert f"Your overall digital readiness score is {overall} out of 100" in demo.text
    assert result["level"] in demo.page_texts[0]
    total = len(result["pillars"])
    for number, pillar in enumerate(result["pillars"], start=1):
        score = whole(pillar["score"])
        # The pillar's own section opens with its score and level...
        section = next(t for t in demo.page_texts if f"PILLAR {number} OF {total}" in t)
        assert re.search(rf"{re.escape(pillar['name'])} .*{score} / 100 {pillar['level']}", section)
        # ...and the summary table lists them too.
        assert re.search(rf"{re.escape(pillar['name'])} {score} {pillar['level']}", demo.text)


def test_the_peer_group_and_its_figures(demo):
    benchmark = demo.benchmark
    assert benchmark is not None and benchmark.n == 6
    assert f"Compared with 6 {benchmark.label_in_sentence}" in demo.text
    assert "firms in Lao PDR, handicrafts and creative industries" in demo.text
    for pillar in demo.assessment.result["pillars"]:
        stats = benchmark.pillars[pillar["code"]]
        middle = f"{whole(stats.q1)}–{whole(stats.q3)}"
        assert f"Peer median {whole(stats.median)}; middle half {middle}." in demo.text


def test_at_least_three_recommended_programmes_each_with_its_reason(demo):
    assert len(demo.recommendations) >= 3
    section = demo.text[demo.text.index("Recommended programmes Training") :]
    section = squeezed(section[: section.index("Action plan")])
    for rec in demo.recommendations:
        name = squeezed(rec.programme.name)
        assert name in section, name
        after = section[section.index(name) :]
        assert squeezed(rec.programme.provider) in after
        assert squeezed(f"Why: {rec.reason}") in after, rec.programme.code
    assert section.count("Why:") == len(demo.recommendations)


def test_key_actions_and_the_action_plan_carry_advice(demo):
    plan = action_plan(demo.assessment.result)
    steps = [step for horizon in HORIZONS for step in plan[horizon]]
    assert len(steps) >= 3
    summary = demo.text[demo.text.index("Three key actions") : demo.text.index("Your profile")]
    # Lines break after hyphens too ("self- assessment"): compare without white space.
    for step in steps[:3]:
        assert squeezed(step.advice) in squeezed(summary)
    section = demo.text[demo.text.index("Action plan Steps") :]
    for title, horizon in zip(
        ("In the next 90 days", "Within 6 months", "Within 12 months"), HORIZONS, strict=True
    ):
        part = section[section.index(title) :]
        for step in plan[horizon]:
            assert squeezed(step.advice) in squeezed(part), step.question


def test_progress_against_the_previous_assessment(demo):
    section = demo.text[demo.text.index("Progress since your last assessment") :]
    assert "Then Now Change (points)" in section
    assert re.search(r"Overall \d+ \d+ [+−±]\d+", section)


def test_the_annex_lists_every_answer_and_publishes_every_items_points(demo):
    annex = demo.text[demo.text.index("Annex Your answers") :]
    answers = squeezed(annex[: annex.index("Methodology")])
    for pillar in demo.assessment.result["pillars"]:
        for question in pillar["questions"]:
            assert squeezed(question["text"]) in answers, question["code"]
    assert squeezed("Slow internet and the cost of software.") in answers
    assert squeezed("Don't know: counts as 0") in answers
    method = squeezed(annex[annex.index("Every question's points") :])
    for text, options in demo.method_sample:
        assert squeezed(text) in method
        for label, points in options:
            assert squeezed(f"{label}: {points} points") in method, label
    version = annex[annex.index("Questionnaire version") :]
    # The seed publishes its newest questionnaire file; the demo firm answered that one.
    seeds = Path(__file__).resolve().parents[3] / "seeds"
    newest = max(int(p.stem.rsplit("_v", 1)[1]) for p in seeds.glob("questionnaire_v*.yaml"))
    assert f"mekong-sme v{newest}" in version


def test_charts_are_the_server_drawn_svg_with_peers(demo):
    # The chart labels are drawn as text in the PDF (no images were fetched).
    assert "Peers: middle half (25th to 75th percentile)" in demo.text
    assert not [p for p in demo.fetcher.served if p.suffix in (".png", ".jpg", ".svg")]


def test_only_the_shipped_fonts_and_no_missing_glyph(demo):
    names = {font["name"].getDebugName(6) for font in embedded_fonts(demo.pdf).values()}
    assert names and all(name.startswith("NotoSans") for name in names), names
    assert not demo.warnings


def test_the_pdf_metadata_holds_no_user_input(demo):
    metadata = PdfReader(io.BytesIO(demo.pdf)).metadata
    assert metadata.title == "Digital readiness report: full version with annex"
    assert "Vientiane" not in str(dict(metadata))


def squeezed(text: str) -> str:
    return "".join(text.split())
