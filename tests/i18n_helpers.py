"""Translated content for the tests: the small questionnaire and one programme in six
languages, loaded from tests/fixtures/translations/ through the real seed loader."""

from __future__ import annotations

from pathlib import Path

from assessment.authoring.questionnaire_yaml import export_yaml
from assessment.i18n.seed import LoadReport
from assessment.models import QuestionnaireVersion
from reports.catalogue.translations import load_all_translations as load_translations
from reports.models import Programme

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "translations"
LANGUAGES = ["en", "th", "vi", "km", "lo", "my", "zh-hans"]


def make_programme() -> Programme:
    return Programme.objects.create(
        code="test-programme",
        name="Test digital course",
        provider="Mekong Institute",
        provider_type="mi",
        kind="training",
        description="A training course for small firms.",
        pillars=["infrastructure", "talent"],
        url="https://www.mekonginstitute.org/",
        source_urls=["https://www.mekonginstitute.org/"],
    )


def load_fixture_translations(version: QuestionnaireVersion, seeds: Path) -> LoadReport:
    """Write the version as the English source file the fixtures name, then load them."""
    seeds.mkdir(parents=True, exist_ok=True)
    (seeds / "questionnaire_test.yaml").write_text(export_yaml(version), encoding="utf-8")
    return load_translations(FIXTURES, seeds)
