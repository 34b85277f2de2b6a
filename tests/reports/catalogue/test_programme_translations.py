"""Programme translations from seeds/translations/<lang>/programmes.yaml: the name, an
official local name shown alone, and the provider phrase (issue 14)."""

from __future__ import annotations

import pytest

from assessment.models import TranslationStatus
from reports.catalogue.translations import load_all_translations
from reports.models import ProgrammeTranslation, programme_catalogue
from tests.i18n_helpers import make_programme

pytestmark = pytest.mark.django_db


def _load(tmp_path, entry: str):
    folder = tmp_path / "translations"
    (folder / "km").mkdir(parents=True, exist_ok=True)
    (folder / "km" / "programmes.yaml").write_text(
        f"language: km\nsource: programmes.yaml\nprogrammes:\n  test-programme:\n{entry}",
        encoding="utf-8",
    )
    report = load_all_translations(folder, tmp_path)
    assert not report.warnings, report.warnings
    return ProgrammeTranslation.objects.get(programme__code="test-programme", language="km")


def _info(language: str = "km"):
    (info,) = programme_catalogue(language)
    return info


def test_a_translated_name_keeps_the_english_as_its_original(tmp_path):
    make_programme()
    row = _load(tmp_path, '    name: "វគ្គឌីជីថល"\n    provider: "វិទ្យាស្ថានមេគង្គ"\n')
    assert (row.name, row.provider, row.name_is_official) == (
        "វគ្គឌីជីថល",
        "វិទ្យាស្ថានមេគង្គ",
        False,
    )
    info = _info()
    assert (info.name, info.original_name, info.provider) == (
        "វគ្គឌីជីថល",
        "Test digital course",
        "វិទ្យាស្ថានមេគង្គ",
    )
    english = _info("en")
    assert (english.name, english.original_name, english.provider) == (
        "Test digital course",
        "",
        "Mekong Institute",
    )


def test_an_official_local_name_stands_alone_and_a_later_file_can_unmark_it(tmp_path):
    make_programme()
    row = _load(tmp_path, '    name: "វគ្គឌីជីថល"\n    official_name: true\n')
    assert row.name_is_official
    info = _info()
    assert (info.name, info.original_name) == ("វគ្គឌីជីថល", "")
    # No provider translated: the English one.
    assert info.provider == "Mekong Institute"
    row = _load(tmp_path, '    name: "វគ្គឌីជីថល"\n')
    assert not row.name_is_official


def test_a_reviewed_translation_keeps_its_flag(tmp_path):
    make_programme()
    _load(tmp_path, '    name: "វគ្គឌីជីថល"\n    official_name: true\n')
    ProgrammeTranslation.objects.update(status=TranslationStatus.REVIEWED)
    row = _load(tmp_path, '    name: "វគ្គឌីជីថល"\n')
    assert row.name_is_official
