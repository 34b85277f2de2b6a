"""`manage.py seed`: the four pillars, enough questions and programmes, and idempotent."""

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


def test_seed_loads_four_pillars_scored_questions_and_programmes(seeded):
    assert seeded.status == QuestionnaireVersion.Status.PUBLISHED
    assert list(seeded.pillars.values_list("code", flat=True)) == [
        "infrastructure",
        "policy_finance",
        "talent",
        "cooperation",
    ]
    for pillar in Pillar.objects.filter(questionnaire=seeded):
        assert 9 <= pillar.questions.count() <= 12, pillar.code
    scored = Question.objects.filter(pillar__questionnaire=seeded).exclude(type="text")
    assert scored.count() >= 36
    used = set(Question.objects.values_list("type", flat=True))
    assert used == {t.value for t in Question.Type}
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
    top = scoring.score_assessment(spec, best)
    bottom = scoring.score_assessment(spec, worst)
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
