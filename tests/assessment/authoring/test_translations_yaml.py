"""The questionnaire file carries every translation: export, import into a new draft and
export again gives the same text in all seven languages; a translation the file's
questionnaire cannot take is refused by name and nothing is stored."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assessment.authoring.questionnaire_schema import QuestionnaireFormatError
from assessment.authoring.questionnaire_yaml import export_yaml, import_yaml
from assessment.models import (
    AdviceVariantTranslation,
    LevelTranslation,
    OptionTranslation,
    PillarTranslation,
    QuestionnaireTranslation,
    QuestionnaireVersion,
    QuestionTranslation,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("th", "vi", "km", "lo", "my", "zh-hans")
SEEDS = Path(__file__).resolve().parents[3] / "seeds" / "translations"
ROWS = (
    QuestionnaireTranslation,
    LevelTranslation,
    PillarTranslation,
    QuestionTranslation,
    OptionTranslation,
    AdviceVariantTranslation,
)


def _renumbered(text: str, number: int) -> str:
    data = yaml.safe_load(text)
    assert f"number: {data['number']}\n" in text
    return text.replace(f"number: {data['number']}\n", f"number: {number}\n", 1)


def _counts(version=None) -> list[int]:
    """Translation rows of one version (v1 stays seeded beside the published v2), or all."""
    return [
        (model.objects.filter(**{model.VERSION: version.pk}) if version else model.objects).count()
        for model in ROWS
    ]


def test_the_seeded_questionnaire_round_trips_exactly_with_its_translations(seeded):
    text = export_yaml(seeded)
    data = yaml.safe_load(text)
    assert list(data["translations"]) == list(LANGUAGES)
    for language in LANGUAGES:
        # Every question the seed file translates is in the export, with the seed's text.
        # The seed files are named for the version they translate.
        path = SEEDS / language / f"questionnaire_v{seeded.number}.yaml"
        seed = yaml.safe_load(path.read_text())
        exported = data["translations"][language]
        assert exported["title"] == seed["title"].strip()
        assert set(exported["questions"]) == set(seed["questions"])
        code, entry = next(iter(seed["questions"].items()))
        assert exported["questions"][code]["text"] == entry["text"].strip()
        assert len(exported["levels"]) == len(seed["levels"])
    before = _counts(seeded)
    assert all(before)
    copy = import_yaml(_renumbered(text, 99))
    assert copy.status == "draft"
    assert _counts(copy) == before
    again = export_yaml(copy)
    assert again == _renumbered(text, 99)
    # Imported translations are drafts, current against the English they came with.
    rows = QuestionTranslation.objects.filter(question__pillar__questionnaire=copy)
    assert {r.status for r in rows} == {"draft"}
    assert not any(r.is_stale() for r in rows.select_related("question"))


def test_a_partial_translation_round_trips(questionnaire):
    PillarTranslation.objects.create(pillar=questionnaire.pillars.first(), language="lo", name="ຂ")
    level = questionnaire.levels.order_by("min_score")[2]
    LevelTranslation.objects.create(level=level, language="my", description="မြန်မာ")
    text = export_yaml(questionnaire)
    data = yaml.safe_load(text)["translations"]
    assert list(data) == ["lo", "my"]
    assert data["my"]["levels"][:3] == [{}, {}, {"description": "မြန်မာ"}]
    copy = import_yaml(_renumbered(text, 2))
    assert export_yaml(copy) == _renumbered(text, 2)
    # A language with nothing under it, or an empty entry, stores nothing.
    bare = text.replace("translations:\n", "translations:\n  th:\n  vi: {}\n", 1)
    third = import_yaml(_renumbered(bare, 3))
    assert export_yaml(third) == _renumbered(text, 3)


@pytest.mark.parametrize(
    ("translations", "message"),
    [
        ({"fr": {"title": "Questionnaire"}}, "“fr” is not a language of the site"),
        ({"en": {"title": "Questionnaire"}}, "“en” is not a language of the site"),
        (
            {"th": {"questions": {"no-such-question": {"text": "x"}}}},
            "no question “no-such-question”",
        ),
        ({"vi": {"pillars": {"nowhere": {"name": "x"}}}}, "no pillar “nowhere”"),
        (
            {"km": {"questions": {"inf-internet": {"options": {"pigeon": {"label": "x"}}}}}},
            "question inf-internet: no option “pigeon”",
        ),
        ({"lo": {"questions": {"inf-internet": {"txt": "x"}}}}, "unknown key “txt”"),
        ({"my": {"title": 12}}, "translations my: title: expected text"),
        ({"th": {"levels": [{} for _ in range(9)]}}, "at most 5"),
        ({"th": {"pillars": {"talent": {"name": "x" * 121}}}}, "longer than 120"),
    ],
)
def test_a_translation_the_questionnaire_cannot_take_is_refused_and_nothing_stored(
    questionnaire, translations, message
):
    data = yaml.safe_load(export_yaml(questionnaire))
    data["number"] = 2
    data["translations"] = {"zh-hans": {"title": "问卷"}, **translations}
    before = (QuestionnaireVersion.objects.count(), _counts())
    with pytest.raises(QuestionnaireFormatError, match=message):
        import_yaml(yaml.safe_dump(data, allow_unicode=True))
    assert (QuestionnaireVersion.objects.count(), _counts()) == before


def test_advice_variant_translations_travel_with_their_option(seeded):
    """The v2 seed's size- and sector-specific advice keeps its six translations through
    export and import, by position under its option; a file with more texts than the option
    has variants is refused, naming the option."""
    text = export_yaml(seeded)
    th = yaml.safe_load(text)["translations"]["th"]["questions"]
    assert len(th["inf-cloud"]["options"]["crm-erp"]["advice_variants"]) == 2
    copy = import_yaml(_renumbered(text, 98))
    rows = AdviceVariantTranslation.objects.filter(
        variant__option__question__pillar__questionnaire=copy, language="th"
    )
    assert rows.count() == _counts(seeded)[-1] // 6 > 0
    data = yaml.safe_load(text)
    data["translations"]["th"]["questions"]["inf-data"]["options"]["level-0"][
        "advice_variants"
    ].append("เกิน")
    data["number"] = 97
    before = _counts()
    with pytest.raises(QuestionnaireFormatError, match="inf-data, option level-0"):
        import_yaml(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert _counts() == before
