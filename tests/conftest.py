"""Shared fixtures: a small questionnaire of every question type, companies, answers."""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from assessment.authoring.questionnaire_yaml import import_dict
from assessment.models import Answer, Assessment, Company, QuestionnaireVersion, User
from tests.seed_snapshot import seed

# CI (CI=true) draws the same Hypothesis examples on every run, so a submission lands or
# not on its own merits; a developer's runs draw new ones and keep finding new cases.
hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


def small_questionnaire_data(number: int = 1) -> dict[str, Any]:
    """Two pillars holding every question type; small enough to reason about by hand."""
    return {
        "slug": "test-q",
        "number": number,
        "title": "Test questionnaire",
        "levels": [
            {"name": "Beginner", "min_score": 0},
            {"name": "Emerging", "min_score": 20},
            {"name": "Developing", "min_score": 40},
            {"name": "Established", "min_score": 60},
            {"name": "Leading", "min_score": 80},
        ],
        "pillars": [
            {
                "code": "infrastructure",
                "name": "Digital infrastructure",
                "questions": [
                    {
                        "code": "inf-internet",
                        "type": "single",
                        "text": "How does the firm connect to the internet?",
                        "options": [
                            {
                                "code": "none",
                                "label": "Not at all",
                                "points": 0,
                                "advice": "Get a mobile data plan.",
                            },
                            {
                                "code": "mobile",
                                "label": "Mobile data",
                                "points": 2,
                                "advice": "Ask for fibre.",
                            },
                            {"code": "fibre", "label": "Fibre", "points": 4},
                            {"code": "dk", "label": "Don't know", "kind": "dont_know"},
                        ],
                    },
                    {
                        "code": "inf-tools",
                        "type": "multiple",
                        "text": "Which tools do you use?",
                        "max_points": 3,
                        "options": [
                            {"code": "email", "label": "E-mail", "points": 1},
                            {"code": "cloud", "label": "Cloud storage", "points": 2},
                            {"code": "erp", "label": "ERP", "points": 2},
                            {
                                "code": "none",
                                "label": "None of these",
                                "kind": "none",
                                "advice": "Start with e-mail.",
                            },
                        ],
                    },
                    {
                        "code": "inf-staff-online",
                        "type": "number",
                        "text": "Share of staff with internet access for work",
                        "unit": "%",
                        "min_value": 0,
                        "max_value": 100,
                        "options": [
                            {
                                "code": "low",
                                "label": "Under 25%",
                                "points": 0,
                                "band_min": 0,
                                "band_max": 25,
                            },
                            {
                                "code": "mid",
                                "label": "25% to 75%",
                                "points": 2,
                                "band_min": 25,
                                "band_max": 75,
                            },
                            {"code": "high", "label": "75% or more", "points": 4, "band_min": 75},
                            {"code": "na", "label": "Not applicable", "kind": "not_applicable"},
                        ],
                    },
                ],
            },
            {
                "code": "talent",
                "name": "Digital talent",
                "weight": 2,
                "questions": [
                    {
                        "code": "tal-skills",
                        "type": "scale",
                        "text": "How skilled are your staff?",
                        "options": [
                            {"code": f"l{i}", "label": f"Level {i}", "points": i} for i in range(5)
                        ],
                    },
                    {
                        "code": "tal-champion",
                        "type": "yes_no",
                        "text": "Do you have a digital champion?",
                        "weight": 2,
                        "required": False,
                        "options": [
                            {"code": "yes", "label": "Yes", "points": 4},
                            {"code": "no", "label": "No", "points": 0, "advice": "Name one."},
                        ],
                    },
                    {
                        "code": "tal-obstacle",
                        "type": "text",
                        "text": "What is your biggest obstacle?",
                        "required": False,
                        "max_length": 500,
                    },
                ],
            },
        ],
    }


def conditional_questionnaire_data(number: int = 1) -> dict[str, Any]:
    """The small questionnaire plus a cooperation pillar whose questions carry conditions:
    one on the profile (exporters only) and one on an earlier answer (issue 17)."""
    data = small_questionnaire_data(number)
    data["slug"] = "test-conditions"
    yes_no = [
        {"code": "yes", "label": "Yes", "points": 4},
        {"code": "no", "label": "No", "points": 0, "advice": "Find one."},
    ]
    data["pillars"].append(
        {
            "code": "cooperation",
            "name": "Regional cooperation",
            "questions": [
                {
                    "code": "coop-online",
                    "type": "single",
                    "text": "Do you sell online?",
                    "options": [
                        {"code": "no", "label": "No", "points": 0, "advice": "Open a shop."},
                        {"code": "marketplace", "label": "On a marketplace", "points": 3},
                        {"code": "own-shop", "label": "In our own web shop", "points": 4},
                    ],
                },
                {
                    "code": "coop-marketplace-reviews",
                    "type": "yes_no",
                    "text": "Do you answer your marketplace reviews?",
                    "show_if": {"question": "coop-online", "in": ["marketplace"]},
                    "options": yes_no,
                },
                {
                    "code": "coop-foreign-partner",
                    "type": "yes_no",
                    "text": "Do you have a partner in a neighbouring country?",
                    "show_if": {"profile": "exports", "in": ["yes", "planning"]},
                    "options": yes_no,
                },
            ],
        }
    )
    return data


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in English. Django's LocaleMiddleware activates the
    request's language in the thread and leaves it active after the response, so a test
    that requested a Chinese page would otherwise run the next test's plain code (a
    ValidationError message, say) in Chinese."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def questionnaire(db) -> QuestionnaireVersion:
    version = import_dict(small_questionnaire_data())
    version.publish()
    return version


@pytest.fixture
def conditional_questionnaire(db) -> QuestionnaireVersion:
    version = import_dict(conditional_questionnaire_data())
    version.publish()
    return version


@pytest.fixture
def seeded(db) -> QuestionnaireVersion:
    seed()
    return QuestionnaireVersion.objects.get(slug="mekong-sme", status="published")


@pytest.fixture
def user(db) -> User:
    return User.objects.create_user("owner@example.org", "a-long-password-1")


@pytest.fixture
def company(user) -> Company:
    return Company.objects.create(
        owner=user,
        name="Vientiane Weaving Co.",
        country="LA",
        sector="creative",
        size_band="micro",
    )


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.create_superuser("admin@example.org", "admin-password-1")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def answer(
    assessment: Assessment, code: str, *options: str, number: Any = None, text: str = ""
) -> Answer:
    """Store an answer by question and option codes (test helper)."""
    question = assessment.questionnaire.pillars.get(questions__code=code).questions.get(code=code)
    obj, _ = Answer.objects.update_or_create(
        assessment=assessment,
        question=question,
        defaults={"number": None if number is None else Decimal(str(number)), "text": text},
    )
    obj.options.set(question.options.filter(code__in=options))
    return obj


def answer_all(assessment: Assessment) -> None:
    """A complete, mixed set of answers to the small questionnaire."""
    answer(assessment, "inf-internet", "mobile")
    answer(assessment, "inf-tools", "email", "cloud")
    answer(assessment, "inf-staff-online", number=50)
    answer(assessment, "tal-skills", "l3")
    answer(assessment, "tal-champion", "no")


@pytest.fixture
def translated(questionnaire, tmp_path) -> QuestionnaireVersion:
    """The small questionnaire and a test programme, translated into six languages."""
    from tests.i18n_helpers import load_fixture_translations, make_programme

    make_programme()
    report = load_fixture_translations(questionnaire, tmp_path / "seeds")
    assert not report.warnings, report.warnings
    return questionnaire


def pytest_sessionstart(session) -> None:
    """Compile the UI catalogues that changed, as `dev.py test` does, so that a bare
    `pytest` after editing a .po file never tests a stale .mo."""
    from django.conf import settings

    from assessment.i18n.catalogues import compile_stale

    compile_stale(settings.LOCALE_PATHS)
