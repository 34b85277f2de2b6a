"""Recommended programmes and the action plan (reports/recommendations/rank.py).

The pure functions are tested on hand-built results and programmes; the last tests run
the real seed catalogue through a submitted assessment and the results page.
"""

from __future__ import annotations

import copy
import datetime
import random
import re
from dataclasses import replace

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessment.models import Answer, Assessment, Option, Question
from reports.models import Programme
from reports.recommendations.rank import (
    ProgrammeInfo,
    action_plan,
    recommend,
)
from tests.reports.recommendations.builders import (
    TODAY,
    codes,
    pillar,
    programme,
    question,
    result,
)

# ---------------------------------------------------------------- eligibility


def test_a_past_programme_is_never_recommended():
    ended = programme("ended", active_until=TODAY - datetime.timedelta(days=1))
    last_day = programme("last-day", active_until=TODAY)
    assert codes(recommend(result(), [ended, last_day], TODAY)) == ["last-day"]


def test_a_future_programme_is_not_recommended_yet():
    later = programme("later", active_from=TODAY + datetime.timedelta(days=1))
    first_day = programme("first-day", active_from=TODAY, active_until=TODAY)
    assert codes(recommend(result(), [later, first_day], TODAY)) == ["first-day"]


@pytest.mark.parametrize(
    ("targeting", "eligible"),
    [
        ({}, True),
        ({"countries": ("LA", "KH")}, True),
        ({"countries": ("TH",)}, False),
        ({"sectors": ("creative",)}, True),
        ({"sectors": ("agrifood",)}, False),
        ({"size_bands": ("micro", "small")}, True),
        ({"size_bands": ("medium",)}, False),
        ({"countries": ("LA",), "sectors": ("creative",), "size_bands": ("micro",)}, True),
        ({"countries": ("LA",), "sectors": ("trade",)}, False),
    ],
)
def test_country_sector_and_size_filters_with_empty_meaning_all(targeting, eligible):
    recs = recommend(result(), [programme("p", **targeting)], TODAY)
    assert codes(recs) == (["p"] if eligible else [])


@pytest.mark.parametrize(
    ("low", "high", "eligible"),
    [(0, 100, True), (30, 40, True), (32, 32, True), (33, 100, False), (0, 31, False)],
)
def test_the_pillar_score_must_fall_within_the_programme_range(low, high, eligible):
    recs = recommend(result(), [programme("p", min_score=low, max_score=high)], TODAY)
    assert codes(recs) == (["p"] if eligible else [])


def test_the_range_is_checked_against_the_whole_score_the_firm_sees():
    data = result()
    data["pillars"][1]["score"] = 60.5  # shown as 61
    assert recommend(data, [programme("p", max_score=60)], TODAY) == []
    data["pillars"][1]["score"] = 60.4  # shown as 60
    assert codes(recommend(data, [programme("p", max_score=60)], TODAY)) == ["p"]


def test_only_the_pillars_a_programme_serves():
    recs = recommend(result(), [programme("t", "talent", "cooperation")], TODAY)
    assert [(r.programme.code, r.pillar) for r in recs] == [("t", "talent")]


def test_a_pillar_at_100_gets_nothing():
    assert recommend(result(), [programme("c", "cooperation")], TODAY) == []


def test_a_pillar_without_a_score_gets_nothing():
    data = result()
    data["pillars"][2]["score"] = None
    assert recommend(data, [programme("t", "talent")], TODAY) == []


# ---------------------------------------------------------------- ranking and limits


def test_at_most_three_per_pillar_and_twelve_in_all():
    data = result()
    data["pillars"][3] = pillar("cooperation", "Regional cooperation", 40.0, question("c1", 1.0))
    everything = ("infrastructure", "policy_finance", "talent", "cooperation")
    catalogue = [programme(f"prog-{i:02}", *everything) for i in range(20)]
    recs = recommend(data, catalogue, TODAY)
    assert len(recs) == 12
    assert [r.pillar for r in recs] == [
        p for p in ("policy_finance", "talent", "infrastructure", "cooperation") for _ in "abc"
    ]
    assert len(recommend(data, catalogue, TODAY, limit=3)) == 3
    per_pillar = [r.pillar for r in recommend(data, catalogue, TODAY, per_pillar=1)]
    assert per_pillar == ["policy_finance", "talent", "infrastructure", "cooperation"]


def test_the_largest_gap_pillar_comes_first():
    catalogue = [
        programme("infra", "infrastructure", priority=10),
        programme("talent", "talent", priority=10),
        programme("policy", "policy_finance", priority=-10),
    ]
    recs = recommend(result(), catalogue, TODAY)
    # Gaps 30, 8 and 5 points, whatever the scores (32, 50, 70) or the priorities.
    assert [r.pillar for r in recs] == ["policy_finance", "talent", "infrastructure"]
    assert codes(recs) == ["policy", "talent", "infra"]


def test_a_programme_specific_to_the_firm_beats_a_generic_one():
    generic = programme("a-generic", priority=5)
    for targeting in (
        {"countries": ("LA",)},
        {"sectors": ("creative",)},
        {"size_bands": ("micro",)},
    ):
        specific = programme("z-specific", priority=-5, **targeting)
        assert codes(recommend(result(), [generic, specific], TODAY)) == [
            "z-specific",
            "a-generic",
        ]


def test_the_assessment_language_is_preferred():
    english = programme("a-english", languages=("en",))
    lao = programme("z-lao", languages=("lo", "en"))
    thai = programme("b-thai", languages=("th",))
    catalogue = [english, lao, thai]
    # The Thai-only course is closed to a Lao firm reading Lao (eligibility.speaks); one
    # reading Thai may join it, and it comes first.
    assert codes(recommend(result(), catalogue, TODAY, language="lo")) == ["z-lao", "a-english"]
    assert codes(recommend(result(), catalogue, TODAY, language="th"))[0] == "b-thai"
    assert codes(recommend(result(), catalogue, TODAY, language="en"))[-1] == "z-lao"


def test_a_range_centred_on_the_score_is_preferred():
    centred = programme("z-centred", min_score=20, max_score=44)  # 32 in the middle
    wide = programme("a-wide", min_score=0, max_score=100)
    assert codes(recommend(result(), [wide, centred], TODAY)) == ["z-centred", "a-wide"]
    assert True


def test_priority_breaks_otherwise_equal_fits():
    catalogue = [programme("a", priority=1), programme("b", priority=3), programme("c")]
    assert codes(recommend(result(), catalogue, TODAY, per_pillar=3)) == ["b", "a", "c"]


def test_the_order_is_deterministic_and_owes_nothing_to_names():
    catalogue = [
        programme(code, "policy_finance", "talent", "infrastructure")
        for code in ("delta", "alpha", "charlie", "bravo", "echo", "foxtrot", "golf")
    ]
    expected = recommend(result(), catalogue, TODAY)
    assert len(expected) == 7
    for seed in range(5):
        shuffled = list(catalogue)
        random.Random(seed).shuffle(shuffled)
        assert recommend(result(), shuffled, TODAY) == expected
    renamed = [replace(p, name=f"{9 - i} {p.name[::-1]}") for i, p in enumerate(catalogue)]
    assert codes(recommend(result(), renamed, TODAY)) == codes(expected)


def test_a_programme_appears_only_once_for_its_largest_gap():
    everywhere = programme("everywhere", "infrastructure", "policy_finance", "talent", priority=5)
    talent = programme("talent-only", "talent")
    recs = recommend(result(), [everywhere, talent], TODAY)
    assert [(r.programme.code, r.pillar) for r in recs] == [
        ("everywhere", "policy_finance"),
        ("talent-only", "talent"),
    ]


def test_nothing_when_limits_are_zero():
    assert recommend(result(), [programme("p")], TODAY, limit=0) == []
    assert recommend(result(), [programme("p")], TODAY, per_pillar=0) == []


# ---------------------------------------------------------------- reasons


def test_the_reason_names_the_pillar_its_score_and_the_weakest_answers():
    [rec] = recommend(result(), [programme("p")], TODAY)
    assert (rec.pillar, rec.pillar_name, rec.pillar_score) == (
        "policy_finance",
        "Policy and finance",
        32.0,
    )
    assert rec.answers == ("Question p1?", "Question p2?")
    assert rec.reason.startswith("In Policy and finance (32 of 100) it addresses your answers to ")
    assert "“Question p1?” (you answered “No plan yet”)" in rec.reason
    assert "“Question p2?” (you answered “No”)" in rec.reason
    assert "p3" not in rec.reason  # only the two weakest
    assert rec.reason.endswith(
        "Programme p teaches you and your staff the skills these answers call for."
    )


def test_a_programme_s_topics_choose_the_answers_its_reason_quotes():
    [rec] = recommend(result(), [programme("p", topics=("p4", "x9"))], TODAY)
    assert rec.answers == ("Question p4?",)
    assert "“Question p4?” (you answered “Rarely”)" in rec.reason


def test_programmes_of_one_pillar_quote_different_answers_and_differ():
    catalogue = [programme("a"), programme("b", kind="finance"), programme("c", kind="network")]
    recs = recommend(result(), catalogue, TODAY)
    assert len(recs) == 3
    assert len({r.reason for r in recs}) == 3
    assert recs[0].answers != recs[1].answers


def test_a_pillar_with_only_dont_know_gaps_has_a_reason_without_answers():
    data = result()
    data["pillars"][1]["questions"] = [question("p5", 8.0, status="dont_know")]
    [rec] = recommend(data, [programme("p")], TODAY)
    assert rec.answers == ()
    assert rec.reason.startswith("Your Policy and finance score is 32 of 100. Programme p ")


def test_dont_know_answers_are_not_used_as_reasons():
    [rec] = recommend(result(), [programme("p")], TODAY)
    # p5 ("don't know") loses more points than p2 and p3 but is no answer to improve on.
    assert "Question p5?" not in rec.answers
    assert "p5" not in rec.reason
    assert "Don't know" not in rec.reason


def test_needs_verification_is_carried_through_and_the_reason_states_no_programme_facts():
    unsure = programme("unsure", needs_verification=True, active_from=datetime.date(2020, 1, 1))
    [rec] = recommend(result(), [unsure], TODAY)
    assert rec.needs_verification
    assert rec.check_first
    assert "2020" not in rec.reason
    [sure] = recommend(result(), [replace(unsure, needs_verification=False)], TODAY)
    assert not sure.needs_verification


@pytest.mark.parametrize(
    ("verified", "check_first"),
    [
        (None, True),
        (datetime.date(2025, 5, 27), True),
        (datetime.date(2025, 5, 28), False),  # exactly 18 months before TODAY
        (datetime.date(2026, 11, 1), False),
    ],
)
def test_a_programme_not_verified_for_18_months_says_check_before_applying(verified, check_first):
    [rec] = recommend(result(), [programme("p", last_verified_on=verified)], TODAY)
    assert rec.check_first is check_first


def test_the_result_is_not_modified():
    data = result()
    before = copy.deepcopy(data)
    recommend(data, [programme("p")], TODAY)
    action_plan(data)
    assert data == before


# ---------------------------------------------------------------- with the real seed


def weakest_answers(assessment: Assessment) -> None:
    """The lowest rung of every scored question (numbers in their lowest band)."""
    questions = Question.objects.filter(pillar__questionnaire=assessment.questionnaire).exclude(
        type=Question.Type.TEXT
    )
    for q in questions.prefetch_related("options"):
        normal = [o for o in q.options.all() if o.kind == Option.Kind.NORMAL]
        lowest = min(normal, key=lambda o: (o.points, o.order))
        if q.type == Question.Type.NUMBER:
            Answer.objects.create(assessment=assessment, question=q, number=lowest.band_min)
            continue
        none = [o for o in q.options.all() if o.kind == Option.Kind.NONE]
        answer = Answer.objects.create(assessment=assessment, question=q)
        answer.options.set(none or [lowest])


@pytest.fixture
def weak_assessment(seeded, company) -> Assessment:
    assert (company.country, company.size_band) == ("LA", "micro")
    assessment = Assessment.objects.create(company=company, questionnaire=seeded, language="lo")
    weakest_answers(assessment)
    assert assessment.submit()
    return assessment


@pytest.mark.django_db
@pytest.mark.parametrize("today", [TODAY, None])
def test_the_seed_catalogue_recommends_for_a_weak_lao_micro_firm(weak_assessment, today):
    today = today or timezone.localdate()
    catalogue = [p.to_info() for p in Programme.objects.all()]
    recs = recommend(weak_assessment.result, catalogue, today, language="lo")
    assert len(recs) >= 3
    assert len(recs) <= 12
    assert len({r.programme.code for r in recs}) == len(recs)
    for rec in recs:
        assert rec.programme.is_active(today)
        assert rec.programme.active_until is None or rec.programme.active_until >= today
        assert rec.reason.strip()
        assert rec.answers
        assert all(text in rec.reason for text in rec.answers)
        assert not rec.programme.countries or "LA" in rec.programme.countries
    pillars = [r.pillar for r in recs]
    assert all(pillars.count(code) <= 3 for code in set(pillars))
    # Lao national programmes, in Lao, come first where they apply.
    assert "la-sme-promotion-fund" in {r.programme.code for r in recs}


@pytest.mark.django_db
def test_to_info_copies_a_programme():
    Programme.objects.create(
        code="p",
        name="P",
        provider="MI",
        provider_type="mi",
        kind="finance",
        delivery="in_person",
        description="D",
        pillars=["talent"],
        countries=["LA"],
        languages=["lo", "en"],
        source_urls=["https://example.org"],
        active_until=TODAY,
        priority=3,
        needs_verification=True,
    )
    info = Programme.objects.get(code="p").to_info()
    assert info == ProgrammeInfo(
        code="p",
        name="P",
        provider="MI",
        provider_type="mi",
        kind="finance",
        kind_label="Finance",
        delivery="in_person",
        delivery_label="In person",
        description="D",
        url="",
        audience_label="SMEs apply directly",
        pillars=("talent",),
        min_score=0,
        max_score=100,
        countries=("LA",),
        sectors=(),
        size_bands=(),
        languages=("lo", "en"),
        active_from=None,
        active_until=TODAY,
        priority=3,
        needs_verification=True,
    )


@pytest.mark.django_db
def test_the_results_page_lists_the_recommended_programmes(client, user, weak_assessment):
    client.force_login(user)
    # The reader chose the assessment's language (the page follows the reader's choice).
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = weak_assessment.language
    response = client.get(reverse("assessment_results", args=[weak_assessment.pk]))
    recs = response.context["readout"].recommendations
    assert len(recs) >= 3
    html = response.content.decode()
    section = re.search(r'<section id="programmes".*?</section>', html, re.S)[0]
    # The page comes out in the reader's language.
    with translation.override(weak_assessment.language):
        heading, verify = _("Recommended programmes"), _("Details to confirm with the provider")
    assert heading in section
    assert section.count('class="programme ') == len(recs)
    for rec in recs:
        # Catalogue v2: a programme with no known official page has no link at all.
        if rec.programme.url:
            assert f'<a href="{rec.programme.url}" rel="noopener">' in section
        for text in (rec.programme.name, rec.programme.provider, rec.programme.kind_label):
            assert _escaped(text) in section
        assert _escaped(rec.reason) in section
    if any(r.needs_verification for r in recs):
        assert verify in section
    # After the gaps.
    assert html.index('id="gaps"') < html.index('id="programmes"')


def _escaped(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


@pytest.mark.django_db
def test_the_results_page_says_when_a_pillar_has_no_programme(client, user, weak_assessment):
    for programme_row in Programme.objects.all():
        if "talent" in programme_row.pillars:
            programme_row.delete()
    client.force_login(user)
    response = client.get(reverse("assessment_results", args=[weak_assessment.pk]))
    readout = response.context["readout"]
    [note] = [n for n in readout.no_programme if n.pillar == "talent"]
    assert "talent" not in {r.pillar for r in readout.recommendations}
    section = re.search(r'<section id="programmes".*?</section>', response.content.decode(), re.S)[
        0
    ]
    assert 'id="no-programme-talent"' in section
    assert _escaped(note.sentence) in section
    assert note.advice
    for advice in note.advice:
        assert _escaped(advice) in section
