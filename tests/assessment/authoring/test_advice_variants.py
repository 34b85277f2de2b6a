"""Advice variants by size and sector (issue 15): the rule that picks one, the model that
holds them, their admin inline, the YAML that carries them and their translations."""

from __future__ import annotations

import copy

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from assessment.advice_fit import BASE, VariantSpec, fitting_advice
from assessment.authoring.questionnaire_yaml import (
    QuestionnaireFormatError,
    export_yaml,
    import_dict,
    import_yaml,
    version_to_dict,
)
from assessment.authoring.versions import version_copy_as_draft
from assessment.choices import Sector, SizeBand
from assessment.i18n.localise import ContentCatalogue, localise_result
from assessment.i18n.translated import content_catalogue
from assessment.models import (
    AdviceVariant,
    AdviceVariantTranslation,
    Assessment,
    Option,
    QuestionnaireVersion,
)
from tests.conftest import answer_all, small_questionnaire_data


def spec(number: int, sizes=(), sectors=(), advice: str = "") -> VariantSpec:
    return VariantSpec(number, frozenset(sizes), frozenset(sectors), advice or f"v{number}")


MEDIUM_MAKER = spec(1, ["medium", "large"], ["manufacturing"])
MEDIUM = spec(2, ["medium", "large"])
MAKER = spec(3, sectors=["manufacturing"])
RETAIL = spec(4, sectors=["trade"])
VARIANTS = [MEDIUM_MAKER, MEDIUM, MAKER, RETAIL]


# ------------------------------------------------------------------ the pure rule


@pytest.mark.parametrize(
    ("size", "sector", "variants", "expected"),
    [
        ("micro", "trade", [], BASE),  # no variants: the option's own advice
        ("medium", "manufacturing", VARIANTS, 1),  # both lists beat one list
        ("large", "manufacturing", [MEDIUM, MAKER, MEDIUM_MAKER], 1),  # whatever the order
        ("medium", "trade", VARIANTS, 2),  # size and sector each fit one: the first wins
        ("small", "manufacturing", VARIANTS, 3),
        ("micro", "trade", VARIANTS, 4),
        ("micro", "tourism", VARIANTS, BASE),  # nothing fits
        (None, "manufacturing", VARIANTS, 3),  # unknown size: only sector-only variants
        ("medium", None, VARIANTS, 2),
        (None, None, VARIANTS, BASE),
        ("medium", "trade", [RETAIL, MEDIUM], 2),  # equally specific: the lower number
    ],
)
def test_the_advice_that_fits(size, sector, variants, expected):
    fitted = fitting_advice("own", variants, size, sector)
    assert fitted.variant == expected
    assert fitted.text == ("own" if expected == BASE else f"v{expected}")


codes = (
    st.frozensets(st.sampled_from(SizeBand.values)),
    st.frozensets(st.sampled_from(Sector.values)),
)


@st.composite
def variant_lists(draw) -> list[VariantSpec]:
    count = draw(st.integers(0, 5))
    return [VariantSpec(n, draw(codes[0]), draw(codes[1]), f"v{n}") for n in range(1, count + 1)]


@given(
    variant_lists(),
    st.none() | st.sampled_from(SizeBand.values),
    st.none() | st.sampled_from(Sector.values),
)
def test_the_chosen_variant_fits_and_none_fitting_is_more_specific_or_earlier(
    variants, size, sector
):
    fitted = fitting_advice("own", variants, size, sector)
    fitting = [v for v in variants if v.fits(size, sector)]
    if not fitting:
        assert (fitted.text, fitted.variant) == ("own", BASE)
        return
    [chosen] = [v for v in variants if v.number == fitted.variant]
    assert chosen in fitting and fitted.text == chosen.advice
    for other in fitting:
        assert (other.specificity, -other.number) <= (chosen.specificity, -chosen.number)


# ------------------------------------------------------------------ the model


def variant_data(**extra) -> dict:
    """The small questionnaire with variants on inf-internet's "none" option."""
    data = small_questionnaire_data()
    none = data["pillars"][0]["questions"][0]["options"][0]
    none["advice_variants"] = [
        {
            "sizes": ["medium", "large"],
            "sectors": ["manufacturing"],
            "advice": "Have a fibre line laid to the factory.",
        },
        {"sectors": ["trade"], "advice": "A prepaid data plan for the shop's phone will do."},
    ]
    none["advice_variants"][0] |= extra
    return data


@pytest.fixture
def varied(db) -> QuestionnaireVersion:
    return import_dict(variant_data())


def _none_option(version: QuestionnaireVersion) -> Option:
    return Option.objects.get(
        question__pillar__questionnaire=version, question__code="inf-internet", code="none"
    )


@pytest.mark.django_db
def test_a_variant_names_a_size_or_a_sector(varied):
    variant = AdviceVariant(option=_none_option(varied), advice="For everyone.", order=3)
    with pytest.raises(ValidationError, match="at least one size band or sector"):
        variant.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("size_bands", ["huge"], "Unknown size band code"),
        ("sectors", ["mining"], "Unknown sector code"),
        ("sectors", "trade", "Expected a list of sector codes"),
    ],
)
def test_unknown_codes_are_refused(varied, field, value, message):
    variant = AdviceVariant(option=_none_option(varied), advice="x", order=3, **{field: value})
    with pytest.raises(ValidationError, match=message):
        variant.full_clean()


@pytest.mark.django_db
def test_two_variants_for_the_same_firms_are_refused(varied):
    twin = AdviceVariant(
        option=_none_option(varied),
        size_bands=["large", "medium"],
        sectors=["manufacturing"],
        advice="Again.",
        order=3,
    )
    with pytest.raises(ValidationError, match="Variant 1 of this option is for the same firms"):
        twin.full_clean()


@pytest.mark.django_db
def test_variants_of_a_version_with_answers_cannot_change(questionnaire, company):
    option = _none_option(questionnaire)
    variant = AdviceVariant.objects.create(option=option, sectors=["trade"], advice="Shop.")
    answer_all(Assessment.objects.create(company=company, questionnaire=questionnaire))
    assert questionnaire.is_locked
    variant.advice = "Changed."
    with pytest.raises(ValidationError, match="cannot change"):
        variant.save()
    with pytest.raises(ValidationError, match="cannot change"):
        AdviceVariant(option=option, sectors=["ict"], advice="New.", order=2).save()


@pytest.mark.django_db
def test_a_variant_keeps_its_change_history(varied):
    variant = _none_option(varied).advice_variants.first()
    variant.advice = "Lay fibre to the factory."
    variant.save()
    assert [h.advice for h in variant.history.order_by("history_id")] == [
        "Have a fibre line laid to the factory.",
        "Lay fibre to the factory.",
    ]


# ------------------------------------------------------------------ the admin


def _option_post(option: Option, variants: list[dict]) -> dict:
    data = {
        "question": option.question_id,
        "code": option.code,
        "label": option.label,
        "points": option.points,
        "kind": option.kind,
        "advice": option.advice,
        "band_min": "",
        "band_max": "",
        "not_for_sizes": "[]",
        "not_for_sectors": "[]",
        "order": option.order,
        "advice_variants-TOTAL_FORMS": len(variants),
        "advice_variants-INITIAL_FORMS": 0,
        "advice_variants-MIN_NUM_FORMS": 0,
        "advice_variants-MAX_NUM_FORMS": 1000,
    }
    for i, v in enumerate(variants):
        data |= {f"advice_variants-{i}-{k}": value for k, value in v.items()}
    return data


@pytest.mark.django_db
def test_the_option_admin_adds_a_variant_with_ticked_codes(questionnaire, admin_client):
    option = _none_option(questionnaire)
    page = reverse("admin:assessment_option_change", args=[option.pk])
    body = admin_client.get(page).content.decode()
    assert "advice_variants-TOTAL_FORMS" in body
    assert 'type="checkbox" name="advice_variants-__prefix__-sectors" value="manufacturing"' in body
    new = {"order": 1, "size_bands": ["medium"], "sectors": ["manufacturing"], "advice": "Fibre."}
    response = admin_client.post(page, _option_post(option, [new]))
    assert response.status_code == 302, response.content.decode()[:3000]
    [variant] = option.advice_variants.all()
    assert (variant.size_bands, variant.sectors, variant.advice) == (
        ["medium"],
        ["manufacturing"],
        "Fibre.",
    )


@pytest.mark.django_db
def test_the_option_admin_refuses_a_variant_for_every_firm(questionnaire, admin_client):
    option = _none_option(questionnaire)
    page = reverse("admin:assessment_option_change", args=[option.pk])
    response = admin_client.post(page, _option_post(option, [{"order": 1, "advice": "All."}]))
    assert response.status_code == 200
    assert "Name at least one size band or sector" in response.content.decode()
    assert not option.advice_variants.exists()


@pytest.mark.django_db
def test_the_variants_of_a_locked_version_are_read_only_in_the_admin(varied, company, admin_client):
    varied.publish()
    answer_all(Assessment.objects.create(company=company, questionnaire=varied))
    option = _none_option(varied)
    page = reverse("admin:assessment_option_change", args=[option.pk])
    body = admin_client.get(page).content.decode()
    assert "Have a fibre line laid to the factory." in body
    assert 'name="advice_variants-0-advice"' not in body  # shown, not editable
    before = list(option.advice_variants.values_list("advice", flat=True))
    admin_client.post(page, _option_post(option, [{"order": 3, "sectors": ["ict"], "advice": "x"}]))
    assert list(option.advice_variants.values_list("advice", flat=True)) == before


# ------------------------------------------------------------------ the YAML


@pytest.mark.django_db
def test_the_yaml_round_trip_with_variants_is_exact(varied):
    first = export_yaml(varied)
    assert "advice_variants:" in first
    QuestionnaireVersion.objects.all().delete()
    assert export_yaml(import_yaml(first)) == first
    exported = version_to_dict(QuestionnaireVersion.objects.get())
    none = exported["pillars"][0]["questions"][0]["options"][0]
    assert (
        none["advice_variants"]
        == variant_data()["pillars"][0]["questions"][0]["options"][0]["advice_variants"]
    )
    assert "advice_variants" not in exported["pillars"][0]["questions"][0]["options"][1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"sizes": ["huge"]}, "advice variant 1: sizes: Unknown size band code(s): huge."),
        ({"sectors": ["mining"]}, "advice variant 1: sectors: Unknown sector code(s): mining."),
        ({"sizes": "medium"}, "advice variant 1: sizes: expected a list of codes"),
        ({"sizes": [], "sectors": []}, "advice variant 1: give “sizes”, “sectors” or both"),
        ({"advice": ""}, "advice variant 1: “advice” is missing."),
        ({"audience": "x"}, "advice variant 1: unknown key(s) audience."),
    ],
)
def test_bad_variants_in_the_yaml_name_the_item_and_store_nothing(db, extra, message):
    with pytest.raises(QuestionnaireFormatError) as error:
        import_dict(variant_data(**extra))
    assert "question inf-internet, option 1, " + message in str(error.value)
    assert not QuestionnaireVersion.objects.exists()
    assert not AdviceVariant.objects.exists()


@pytest.mark.django_db
def test_the_yaml_refuses_two_variants_for_the_same_firms(db):
    data = variant_data()
    variants = data["pillars"][0]["questions"][0]["options"][0]["advice_variants"]
    variants.append(copy.deepcopy(variants[1]))
    with pytest.raises(QuestionnaireFormatError, match=r"option 1, advice variant 3: .*same firms"):
        import_dict(data)
    assert not AdviceVariant.objects.exists()


# ------------------------------------------------------------------ translations


@pytest.mark.django_db
def test_variant_translations_load_from_seed_files_and_survive_a_copy(varied, tmp_path):
    from assessment.i18n.seed import load_translations

    seeds = tmp_path / "seeds"
    (seeds / "translations" / "th").mkdir(parents=True)
    (seeds / "v.yaml").write_text(export_yaml(varied), encoding="utf-8")
    (seeds / "translations" / "th" / "questionnaire_v.yaml").write_text(
        "language: th\nsource: v.yaml\nquestions:\n  inf-internet:\n    options:\n"
        "      none:\n        advice: ใช้แพ็กเกจอินเทอร์เน็ตมือถือ\n"
        "        advice_variants:\n          - ให้เดินสายไฟเบอร์เข้าโรงงาน\n"
        "          - แพ็กเกจเติมเงินสำหรับโทรศัพท์ของร้านก็พอ\n",
        encoding="utf-8",
    )
    report = load_translations(seeds / "translations", seeds)
    assert not report.warnings, report.warnings
    assert report.created == 3
    catalogue = content_catalogue(varied.pk, "th")
    assert catalogue.variants[("inf-internet", "none", 1)] == {"advice": "ให้เดินสายไฟเบอร์เข้าโรงงาน"}
    assert catalogue.variants[("inf-internet", "none", 2)]["advice"].startswith("แพ็กเกจ")

    copy_ = version_copy_as_draft(varied)
    copied = AdviceVariantTranslation.objects.filter(
        variant__option__question__pillar__questionnaire=copy_
    ).order_by("variant__order")
    assert [t.advice for t in copied] == [
        "ให้เดินสายไฟเบอร์เข้าโรงงาน",
        "แพ็กเกจเติมเงินสำหรับโทรศัพท์ของร้านก็พอ",
    ]


@pytest.mark.django_db
def test_a_seed_file_with_more_variants_than_the_english_is_reported(varied, tmp_path):
    from assessment.i18n.seed import load_translations

    seeds = tmp_path / "seeds"
    (seeds / "translations" / "vi").mkdir(parents=True)
    (seeds / "v.yaml").write_text(export_yaml(varied), encoding="utf-8")
    (seeds / "translations" / "vi" / "questionnaire_v.yaml").write_text(
        "language: vi\nsource: v.yaml\nquestions:\n  inf-internet:\n    options:\n"
        "      mobile:\n        advice_variants: [a, b]\n",
        encoding="utf-8",
    )
    report = load_translations(seeds / "translations", seeds)
    assert report.warnings == [
        "vi/questionnaire_v.yaml inf-internet/mobile: advice_variants must be a list of "
        "at most 0 texts."
    ]
    assert not AdviceVariantTranslation.objects.exists()


def test_a_variant_is_shown_in_its_own_translation_never_the_option_s():
    question = {
        "code": "q",
        "text": "Q?",
        "answer": {"options": ["None"], "option_codes": ["none"]},
        "advice": ["Fibre for the factory.", "Own advice."],
        "advice_codes": ["none", "other"],
        "advice_variants": [1, 0],
        "missing_advice": ["Fibre for the factory."],
        "missing_advice_codes": ["none"],
        "missing_advice_variants": [2],  # variant 2 has no translation: English stays
    }
    catalogue = ContentCatalogue(
        options={("q", "none"): {"advice": "OWN-TH"}, ("q", "other"): {"advice": "OTHER-TH"}},
        variants={("q", "none", 1): {"advice": "FIBRE-TH"}},
    )
    result = {"pillars": [{"code": "p", "name": "P", "questions": [question]}]}
    [out] = localise_result(result, catalogue)["pillars"][0]["questions"]  # type: ignore[arg-type]
    assert out["advice"] == ["FIBRE-TH", "OTHER-TH"]
    assert out["missing_advice"] == ["Fibre for the factory."]
    # A result frozen before variants existed: the option's own translation, as before.
    old = {k: v for k, v in question.items() if not k.endswith("variants")}
    result = {"pillars": [{"code": "p", "name": "P", "questions": [old]}]}
    [out] = localise_result(result, catalogue)["pillars"][0]["questions"]  # type: ignore[arg-type]
    assert out["advice"] == ["OWN-TH", "OTHER-TH"]


@pytest.mark.django_db
def test_the_translation_overview_counts_variants(varied, admin_client):
    variant = _none_option(varied).advice_variants.get(order=2)
    AdviceVariantTranslation.objects.create(variant=variant, language="th", advice="แพ็กเกจ")
    url = reverse("admin:assessment_questionnaireversion_translations", args=[varied.pk])
    body = admin_client.get(url).content.decode()
    thai = body[body.index('id="lang-th"') : body.index('id="lang-vi"')]
    missing, drafts = thai.split("Drafts to review")
    assert "advice variant inf-internet/none/1" in missing
    assert "advice variant inf-internet/none/2" not in missing
    assert "advice variant inf-internet/none/2" in drafts
