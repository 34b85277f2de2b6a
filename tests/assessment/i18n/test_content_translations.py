"""Content translations: loaded from seed files as drafts, idempotently; editable and
reviewable on a locked version without touching scores; carried by the YAML export
(after the English) and by "copy as new draft"."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

from assessment.authoring.questionnaire_yaml import export_yaml, import_yaml
from assessment.authoring.versions import version_copy_as_draft
from assessment.i18n.translated import content_catalogue, with_translations
from assessment.models import (
    AdviceVariant,
    AdviceVariantTranslation,
    Assessment,
    Option,
    OptionTranslation,
    PillarTranslation,
    Question,
    QuestionnaireVersion,
    QuestionTranslation,
    TranslationStatus,
)
from reports.catalogue.translations import load_all_translations as load_translations
from reports.models import ProgrammeTranslation
from tests.conftest import answer_all
from tests.i18n_helpers import FIXTURES, load_fixture_translations

pytestmark = pytest.mark.django_db


def test_fixture_files_load_every_item_as_a_draft(translated):
    pillar = PillarTranslation.objects.get(pillar__code="infrastructure", language="th")
    assert pillar.name == "โครงสร้างพื้นฐานดิจิทัล"
    assert pillar.status == TranslationStatus.DRAFT and pillar.from_seed
    option = OptionTranslation.objects.get(
        option__question__code="inf-internet", option__code="mobile", language="vi"
    )
    assert (option.label, option.advice) == ("Dữ liệu di động", "Hãy đề nghị lắp cáp quang.")
    # 6 languages x (1 title + 5 levels + 2 pillars + 6 questions + 23 options)
    assert QuestionTranslation.objects.count() == 6 * 6
    assert ProgrammeTranslation.objects.filter(programme__code="test-programme").count() == 6


def test_loading_again_changes_nothing(translated, tmp_path):
    report = load_fixture_translations(translated, tmp_path / "again")
    assert (report.created, report.updated, report.kept) == (0, 0, 0)
    assert report.unchanged > 200


def test_a_new_seed_text_replaces_a_seeded_draft_but_never_a_reviewed_or_edited_one(
    translated, tmp_path
):
    reviewed = PillarTranslation.objects.get(pillar__code="infrastructure", language="th")
    reviewed.status = TranslationStatus.REVIEWED
    reviewed.save()
    edited = PillarTranslation.objects.get(pillar__code="talent", language="th")
    edited.name, edited.from_seed = "แก้ไขโดยผู้ดูแล", False
    edited.save()
    seeds = tmp_path / "seeds2"
    folder = tmp_path / "translations" / "th"
    folder.mkdir(parents=True)
    data = yaml.safe_load((FIXTURES / "th" / "questionnaire_test.yaml").read_text("utf-8"))
    data["pillars"] = {"infrastructure": {"name": "ใหม่ 1"}, "talent": {"name": "ใหม่ 2"}}
    data["questions"]["inf-internet"]["text"] = "คำถามใหม่"
    (folder / "questionnaire_test.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    (seeds).mkdir()
    (seeds / "questionnaire_test.yaml").write_text(export_yaml(translated))
    report = load_translations(tmp_path / "translations", seeds)
    assert (report.updated, report.kept) == (1, 2)
    reviewed.refresh_from_db()
    edited.refresh_from_db()
    assert reviewed.name == "โครงสร้างพื้นฐานดิจิทัล"
    assert edited.name == "แก้ไขโดยผู้ดูแล"
    assert QuestionTranslation.objects.get(question__code="inf-internet", language="th").text == (
        "คำถามใหม่"
    )


def test_unknown_codes_and_wrong_languages_are_reported_and_the_rest_loads(questionnaire, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "questionnaire_test.yaml").write_text(export_yaml(questionnaire))
    folder = tmp_path / "translations"
    (folder / "vi").mkdir(parents=True)
    (folder / "fr").mkdir()
    (folder / "vi" / "questionnaire_test.yaml").write_text(
        yaml.safe_dump(
            {
                "language": "vi",
                "source": "questionnaire_test.yaml",
                "pillars": {"talent": {"name": "Nhân lực số"}, "nope": {"name": "x"}},
                "questions": {"tal-champion": {"options": {"maybe": {"label": "x"}}}},
            },
            allow_unicode=True,
        )
    )
    (folder / "vi" / "programmes.yaml").write_text("language: th\nprogrammes: {}\n")
    report = load_translations(folder, seeds)
    text = "\n".join(report.warnings)
    assert "no pillar “nope”" in text
    assert "has no option “maybe”" in text
    assert "fr/" in text
    assert "vi/programmes.yaml" in text
    assert PillarTranslation.objects.get(language="vi").name == "Nhân lực số"


def test_the_seed_command_loads_the_translations_folder(seeded):
    # seeds/translations/ holds the translators' files once they land; whatever is there
    # loads without a warning, and a second seed changes nothing.
    from io import StringIO

    out = StringIO()
    call_command("seed", stdout=out)
    text = out.getvalue()
    assert "translations/" not in text, text
    assert "Translations: 0 created, 0 updated" in text


def _lock(version) -> Assessment:
    from assessment.models import Company, User

    owner = User.objects.create_user("lock@example.org", "a-long-password-1")
    company = Company.objects.create(
        owner=owner, name="Lock Co", country="TH", sector="trade", size_band="micro"
    )
    assessment = Assessment.objects.create(company=company, questionnaire=version)
    answer_all(assessment)
    assert version.is_locked
    return assessment


def test_translations_of_a_locked_version_stay_editable_in_the_admin(translated, admin_client):
    assessment = _lock(translated)
    assessment.submit()
    row = QuestionTranslation.objects.get(question__code="inf-internet", language="th")
    url = reverse("admin:assessment_questiontranslation_change", args=[row.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {
            "question": row.question_id,
            "language": "th",
            "text": "ธุรกิจของคุณเชื่อมต่ออินเทอร์เน็ตอย่างไร",
            "help_text": "",
            "unit": "",
            "status": "reviewed",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row.refresh_from_db()
    assert row.status == "reviewed" and not row.from_seed
    # The scored content and the frozen result did not move.
    question = row.question
    question.refresh_from_db()
    assert question.text == "How does the firm connect to the internet?"
    before = assessment.result
    assessment.refresh_from_db()
    assert assessment.result == before


def test_mark_reviewed_action(translated, admin_client):
    url = reverse("admin:assessment_pillartranslation_changelist")
    ids = list(PillarTranslation.objects.filter(language="km").values_list("pk", flat=True))
    admin_client.post(url, {"action": "mark_reviewed", "_selected_action": ids})
    assert set(
        PillarTranslation.objects.filter(language="km").values_list("status", flat=True)
    ) == {"reviewed"}


def test_the_overview_lists_missing_and_draft_translations_per_language(translated, admin_client):
    QuestionTranslation.objects.filter(question__code="inf-tools", language="lo").delete()
    PillarTranslation.objects.filter(language="lo").update(status="reviewed")
    url = reverse("admin:assessment_questionnaireversion_translations", args=[translated.pk])
    body = admin_client.get(url).content.decode()
    lao = body[body.index('id="lang-lo"') : body.index('id="lang-my"')]
    assert "question inf-tools" in lao and "(no translation yet)" in lao
    # Help texts are not in the fixtures: every question with one is missing it.
    assert "Missing" in lao
    thai = body[body.index('id="lang-th"') : body.index('id="lang-vi"')]
    assert "question inf-tools" not in thai.split("Drafts to review")[0]
    summary = body[body.index('id="summary-lo"') :].split("</tr>")[0]
    assert '<td class="reviewed">2</td>' in summary
    programmes = admin_client.get(reverse("admin:reports_programme_translations"))
    assert programmes.status_code == 200


def test_the_yaml_export_carries_the_translations_and_round_trips_exactly(translated):
    text = export_yaml(translated)
    english, translations = text.split("\ntranslations:\n")
    assert "โครงสร้าง" not in english and "โครงสร้าง" in translations
    copy = import_yaml(text.replace("slug: test-q", "slug: test-copy"))
    assert export_yaml(copy) == text.replace("slug: test-q", "slug: test-copy")


def test_copy_as_draft_keeps_the_translations_and_their_status(translated):
    PillarTranslation.objects.filter(language="zh-hans").update(status="reviewed")
    copy = version_copy_as_draft(translated)
    assert PillarTranslation.objects.filter(pillar__questionnaire=copy).count() == 12
    assert set(
        PillarTranslation.objects.filter(
            pillar__questionnaire=copy, language="zh-hans"
        ).values_list("status", flat=True)
    ) == {"reviewed"}
    catalogue = content_catalogue(copy.pk, "zh-hans")
    assert catalogue.options[("inf-internet", "fibre")]["label"] == "光纤"
    assert catalogue.levels[20.0]["name"] == "萌芽"


def test_pages_read_translations_in_the_same_query(translated, django_assert_num_queries):
    from assessment.i18n.translated import localised
    from assessment.models import Question

    with django_assert_num_queries(1):
        questions = list(with_translations(Question.objects.all(), "km"))
    by_code = {q.code: q for q in questions}
    assert localised(by_code["tal-skills"], "text") == "តើបុគ្គលិករបស់អ្នកមានជំនាញកម្រិតណា?"
    # No translation of the help text: English.
    assert localised(by_code["tal-skills"], "help_text") == by_code["tal-skills"].help_text


def test_no_file_in_seeds_translations_breaks_the_format():
    for path in sorted(Path("seeds/translations").glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        assert data["language"] == path.parent.name, path


def test_the_dashboard_shows_the_questionnaire_title_in_the_pages_language(translated, client):
    from assessment.models import Company, User

    owner = User.objects.create_user("dash@example.org", "a-long-password-1")
    company = Company.objects.create(
        owner=owner, name="Dash Co", country="TH", sector="trade", size_band="micro"
    )
    Assessment.objects.create(company=company, questionnaire=translated)
    client.force_login(owner)
    client.cookies["django_language"] = "th"
    body = client.get(reverse("dashboard")).content.decode()
    assert "แบบสอบถามทดสอบ" in body and "Test questionnaire" not in body
    client.cookies["django_language"] = "en"
    assert "Test questionnaire" in client.get(reverse("dashboard")).content.decode()


def test_the_seed_loads_every_language_complete_and_as_drafts(seeded, client):
    """seeds/translations/ covers every pillar, question, option and advice variant of both
    seeded versions (v1 for the assessments answered on it, v2 published) in six languages."""
    languages = {"th", "vi", "km", "lo", "my", "zh-hans"}
    v1 = QuestionnaireVersion.objects.get(slug=seeded.slug, number=1)
    assert seeded.number == 2
    for version in (v1, seeded):
        variants = AdviceVariant.objects.filter(option__question__pillar__questionnaire=version)
        assert variants.count() >= 6  # size- and sector-specific advice (issue 15)
        for model, path, per_language in [
            (PillarTranslation, "pillar__questionnaire", version.pillars.count()),
            (
                QuestionTranslation,
                "question__pillar__questionnaire",
                Question.objects.filter(pillar__questionnaire=version).count(),
            ),
            (
                OptionTranslation,
                "option__question__pillar__questionnaire",
                Option.objects.filter(question__pillar__questionnaire=version).count(),
            ),
            (
                AdviceVariantTranslation,
                "variant__option__question__pillar__questionnaire",
                variants.count(),
            ),
        ]:
            rows = model.objects.filter(**{path: version})
            assert rows.count() == per_language * len(languages), (version, model.__name__)
            assert set(rows.values_list("language", flat=True)) == languages
            assert set(rows.values_list("status", flat=True)) == {TranslationStatus.DRAFT}
    client.cookies["django_language"] = "th"
    home = client.get("/").content.decode()
    assert "โครงสร้างพื้นฐานดิจิทัล" in home
    assert "Digital infrastructure" not in home
