"""`manage.py seed`: v1 kept, v2 published, four pillars, questions and programmes, idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from assessment import scoring
from assessment.models import Option, Pillar, Question, QuestionnaireVersion
from reports.models import Programme

pytestmark = pytest.mark.django_db


def _dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", "assessment", "reports", stdout=out, indent=0)
    return out.getvalue()


def test_seed_twice_leaves_identical_data():
    call_command("seed", verbosity=0)
    first = _dump()
    out = io.StringIO()
    call_command("seed", stdout=out)
    assert _dump() == first
    assert "unchanged" in out.getvalue()
    assert "0 created, 0 updated" in out.getvalue()


def test_seed_publishes_v2_and_keeps_v1_retired(seeded):
    versions = QuestionnaireVersion.objects.filter(slug="mekong-sme").order_by("number")
    assert [(v.number, v.status) for v in versions] == [(1, "retired"), (2, "published")]
    assert seeded.number == 2
    assert versions[0].pillars.count() == 4  # v1 kept whole for the assessments on it


def test_an_older_seed_loaded_after_a_newer_is_kept_retired(tmp_path, settings, monkeypatch):
    from reports.management.commands import seed

    (tmp_path / "programmes.yaml").write_text("programmes: []\n")
    v2 = (settings.BASE_DIR / "seeds" / "questionnaire_v2.yaml").read_text()
    (tmp_path / "questionnaire_v2.yaml").write_text(v2)
    monkeypatch.setattr(seed, "SEEDS", tmp_path)
    call_command("seed", verbosity=0)
    v1 = (settings.BASE_DIR / "seeds" / "questionnaire_v1.yaml").read_text()
    (tmp_path / "questionnaire_v1.yaml").write_text(v1)
    out = io.StringIO()
    call_command("seed", stdout=out)
    assert "mekong-sme v1 loaded and retired" in out.getvalue()
    assert "mekong-sme v2 unchanged" in out.getvalue()
    published = QuestionnaireVersion.objects.get(status="published")
    assert published.number == 2


def test_seed_loads_four_pillars_scored_questions_and_programmes(seeded):
    assert seeded.status == QuestionnaireVersion.Status.PUBLISHED
    assert list(seeded.pillars.values_list("code", flat=True)) == [
        "infrastructure",
        "policy_finance",
        "talent",
        "cooperation",
    ]
    for pillar in Pillar.objects.filter(questionnaire=seeded):
        # 10 to 14 asked of every firm, plus those asked only when they apply.
        assert 10 <= pillar.questions.filter(show_if={}).count() <= 14, pillar.code
    assert Question.objects.filter(pillar__questionnaire=seeded).exclude(show_if={}).count() >= 3
    scored = Question.objects.filter(pillar__questionnaire=seeded).exclude(type="text")
    assert scored.count() >= 36
    # v2 grades practice instead of asking yes or no; v1 (kept) still has every type.
    used = set(Question.objects.filter(pillar__questionnaire=seeded).values_list("type", flat=True))
    assert used == {t.value for t in Question.Type} - {Question.Type.YES_NO}
    assert set(Question.objects.values_list("type", flat=True)) == {t.value for t in Question.Type}
    assert Programme.objects.count() >= 25
    assert list(seeded.levels.values_list("name", "min_score")) == [
        ("Beginner", 0),
        ("Emerging", 20),
        ("Developing", 40),
        ("Established", 60),
        ("Leading", 80),
    ]


def test_every_option_below_the_top_carries_advice(seeded):
    for question in Question.objects.filter(pillar__questionnaire=seeded).exclude(type="text"):
        for option in question.options.filter(kind="normal", points__lt=question.max_points):
            assert option.advice.strip(), f"{question.code}/{option.code}"
        assert question.aligned_with, question.code


def test_seed_questionnaire_scores_zero_to_a_hundred(seeded):
    spec = seeded.to_spec()
    best, worst = {}, {}
    for pillar in spec.pillars:
        for q in pillar.questions:
            normal = [o for o in q.options if o.kind == scoring.OptionKind.NORMAL]
            if q.type == scoring.QuestionType.NUMBER:
                top = max(normal, key=lambda o: o.points)
                best[q.code] = scoring.AnswerValue(number=top.band_min)
                worst[q.code] = scoring.AnswerValue(number=0)
            elif q.type == scoring.QuestionType.MULTIPLE:
                best[q.code] = scoring.AnswerValue(options=frozenset(o.code for o in normal))
                none = [o for o in q.options if o.kind == scoring.OptionKind.NONE]
                worst[q.code] = scoring.AnswerValue(options=frozenset({none[0].code}))
            elif normal:
                ranked = sorted(normal, key=lambda o: o.points)
                best[q.code] = scoring.AnswerValue(options=frozenset({ranked[-1].code}))
                worst[q.code] = scoring.AnswerValue(options=frozenset({ranked[0].code}))
    # An exporter is asked every question; the best answers also open the follow-ups.
    exporter = {"exports": "yes"}
    top = scoring.score_assessment(spec, best, exporter)
    bottom = scoring.score_assessment(spec, worst, exporter)
    assert (top.overall, top.level) == (100.0, "Leading")
    assert (bottom.overall, bottom.level) == (0.0, "Beginner")


def test_a_seed_that_fails_validation_stores_nothing(tmp_path, settings, monkeypatch):
    from reports.management.commands import seed

    bad = tmp_path / "questionnaire_v1.yaml"
    source = (settings.BASE_DIR / "seeds" / "questionnaire_v1.yaml").read_text()
    bad.write_text(source.replace("min_score: 0\n", "min_score: 5\n", 1))
    (tmp_path / "programmes.yaml").write_text("programmes: []\n")
    monkeypatch.setattr(seed, "SEEDS", tmp_path)
    with pytest.raises(CommandError, match="lowest maturity level must start at 0"):
        call_command("seed", verbosity=0)
    assert not QuestionnaireVersion.objects.exists()
    assert not Option.objects.exists()
