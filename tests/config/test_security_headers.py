"""Every page sends a strict Content-Security-Policy (own assets only, no inline script
or style), Referrer-Policy and Permissions-Policy, and holds nothing the policy forbids."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from assessment.models import Assessment
from reports.models import ReportFile
from tests.conftest import answer, answer_all

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block or what loads from elsewhere."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        # JSON data blocks (Django's json_script) are never run.
        if tag == "script" and not values.get("src") and values.get("type") != "application/json":
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= handler on <{tag}>")
            if name == "style":
                self.problems.append(f"style= on <{tag}>")
            if name in {"href", "src", "action"} and (value or "").lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"javascript: URL on <{tag}>")
            loads = name == "src" or (tag == "link" and name == "href")
            if loads and re.match(r"^(https?:)?//", value or ""):
                self.problems.append(f"remote asset {value}")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.problems


def csp_directives(header: str) -> dict[str, set[str]]:
    out = {}
    for part in header.split(";"):
        name, *values = part.split()
        out[name] = set(values)
    return out


@pytest.fixture
def owner(client, user, company):
    client.force_login(user)
    return client


@pytest.fixture
def draft(company, questionnaire) -> Assessment:
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer(assessment, "inf-internet", "mobile")  # a part-filled progress bar
    return assessment


@pytest.fixture
def submitted(company, questionnaire) -> Assessment:
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    assert assessment.submit()
    return assessment


ANONYMOUS_PAGES = ["home", "login", "signup", "password_reset", "password_reset_done"]


def _owner_pages(draft: Assessment, submitted: Assessment) -> list[str]:
    ReportFile.objects.create(assessment=submitted, language="en", status="pending")
    ReportFile.objects.create(assessment=submitted, language="th", status="failed")
    return [
        reverse("profile"),
        reverse("dashboard"),
        reverse("assessment_page", args=[draft.pk, 1]),
        reverse("assessment_page", args=[draft.pk, 2]),
        reverse("assessment_review", args=[draft.pk]),
        reverse("assessment_results", args=[submitted.pk]),
        reverse("report_download", args=[submitted.pk, "en"]),  # "being prepared"
        reverse("report_download", args=[submitted.pk, "th"]),  # "failed, try again"
        reverse("password_change"),
    ]


def _assert_strict(response, url: str) -> None:
    assert response.status_code == 200, url
    policy = csp_directives(response["Content-Security-Policy"])
    assert policy["default-src"] == {"'self'"}
    assert policy["script-src"] == {"'self'"}
    assert policy["style-src"] == {"'self'"}
    assert policy["object-src"] == {"'none'"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert policy["form-action"] == {"'self'"}
    assert not any("unsafe" in v for values in policy.values() for v in values)
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert inline_code(response.content.decode()) == [], url


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_public_pages_send_a_strict_policy_and_hold_no_inline_code(client, questionnaire, name):
    url = reverse(name)
    _assert_strict(client.get(url), url)


def test_the_respondents_pages_send_a_strict_policy_and_hold_no_inline_code(
    owner, draft, submitted
):
    for url in _owner_pages(draft, submitted):
        _assert_strict(owner.get(url), url)


def test_the_admin_pages_hold_no_inline_code(admin_client, questionnaire):
    for url in [
        reverse("admin:index"),
        reverse("admin:assessment_questionnaireversion_changelist"),
        reverse("admin:assessment_questionnaireversion_change", args=[questionnaire.pk]),
        reverse("admin:assessment_questionnaireversion_preview", args=[questionnaire.pk]),
        reverse("admin:assessment_questionnaireversion_import"),
    ]:
        _assert_strict(admin_client.get(url), url)


def test_the_checker_finds_inline_code():
    # The page checks above are only as good as this parser.
    html = (
        '<script>alert(1)</script><script src="/static/x.js"></script>'
        '<script type="application/json">{}</script><a onclick="x()" href="javascript:x()">'
        '<div style="width: 5%"></div><style>p{}</style>'
        '<link rel="stylesheet" href="https://cdn.example.org/b.css">'
    )
    assert inline_code(html) == [
        "inline <script>",
        "onclick= handler on <a>",
        "javascript: URL on <a>",
        "style= on <div>",
        "<style> element",
        "remote asset https://cdn.example.org/b.css",
    ]


# The PDF's HTML goes to WeasyPrint only, never to a browser, and styles itself inline.
SERVED_TEMPLATES = [
    path for path in TEMPLATES.rglob("*.html") if TEMPLATES / "reports" / "pdf" not in path.parents
]


@pytest.mark.parametrize("path", SERVED_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_holds_inline_script_style_or_handlers(path):
    source = path.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), "inline <script>"
    assert not re.search(r"<style\b", source), "<style> element"
    assert not re.search(r"\son[a-z]+\s*=", source), "on*= event handler"
    assert not re.search(r"\sstyle\s*=", source), "style= attribute"
