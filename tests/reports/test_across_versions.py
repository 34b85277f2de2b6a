"""Publishing a new version restarts nothing (issue 17, item 4): peers who answered v1
still benchmark a firm on v2, and a firm that re-assesses on v2 sees what moved since
its v1 assessment, its answers carried across a renamed question."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.authoring.questionnaire_yaml import import_dict
from assessment.models import Assessment, Company, QuestionnaireVersion, User
from reports.benchmarks.queries import benchmark_for, refresh_snapshot, snapshot_groups
from reports.models import PlanMark
from reports.readout.queries import readout_for
from tests.conftest import answer, answer_all, small_questionnaire_data

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def firm() -> Company:
    n = next(_numbers)
    owner = User.objects.create_user(
        f"peer{n}@example.org", None, benchmark_consent_at=timezone.now()
    )
    return Company.objects.create(
        owner=owner, name=f"Peer {n}", country="LA", sector="creative", size_band="micro"
    )


def submitted(company: Company, version: QuestionnaireVersion, internet: str) -> Assessment:
    assessment = Assessment.objects.create(company=company, questionnaire=version)
    answer_all(assessment)
    answer(assessment, "inf-internet", internet)
    assert assessment.submit()
    return assessment


@pytest.fixture
def version_two(questionnaire) -> QuestionnaireVersion:
    """v2: "inf-internet" renamed "inf-connection" (same options); "tal-skills" renamed
    "tal-skill-level" with new option codes (not compatible); pillars in another order."""
    data = small_questionnaire_data(2)
    infra, talent = data["pillars"]
    internet, skills = infra["questions"][0], talent["questions"][0]
    internet.update(code="inf-connection", previous_code="inf-internet")
    skills.update(code="tal-skill-level", previous_code="tal-skills")
    skills["options"] = [{"code": f"s{i}", "label": f"Stage {i}", "points": i} for i in range(5)]
    data["pillars"] = [talent, infra]
    version = import_dict(data)
    version.publish()
    return version


@pytest.fixture
def peers_on_v1(questionnaire) -> list[Assessment]:
    return [submitted(firm(), questionnaire, o) for o in ("none", "mobile", "fibre", "fibre")]


def test_a_firm_on_v2_is_compared_with_peers_who_answered_v1(
    client, questionnaire, peers_on_v1, version_two
):
    mine = Assessment.objects.create(company=firm(), questionnaire=version_two)
    answer_all_v2(mine, "fibre")
    assert mine.submit()
    refresh_snapshot(version_two)

    benchmark = benchmark_for(mine)
    assert benchmark is not None
    assert (benchmark.n, benchmark.versions) == (5, (1, 2))
    # Infrastructure by code whatever its position: 50, 66.7, 83.3, 83.3 and the firm's 83.3.
    assert benchmark.pillars["infrastructure"].median == 83.3
    # v1's row holds the same groups, so firms reading a v1 report see the v2 firm too.
    assert snapshot_groups(questionnaire.pk) == snapshot_groups(version_two.pk)

    client.force_login(mine.company.owner)
    html = client.get(reverse("assessment_results", args=[mine.pk])).content.decode()
    assert "Compared with 5 firms in Lao PDR" in html
    assert "Peers answered versions 1 and 2 of the questionnaire." in html


def test_the_versions_note_is_translated(client, questionnaire, peers_on_v1, version_two):
    mine = Assessment.objects.create(company=firm(), questionnaire=version_two)
    answer_all_v2(mine, "fibre")
    assert mine.submit()
    refresh_snapshot(version_two)
    readout = readout_for(mine, language="vi")
    assert readout.peers is not None
    assert readout.peers.versions_note == (
        "Các doanh nghiệp so sánh đã trả lời các phiên bản 1 và 2 của bảng hỏi."
    )


def answer_all_v2(assessment: Assessment, internet: str) -> None:
    answer(assessment, "inf-connection", internet)
    answer(assessment, "inf-tools", "email", "cloud")
    answer(assessment, "inf-staff-online", number=50)
    answer(assessment, "tal-skill-level", "s3")
    answer(assessment, "tal-champion", "no")


def test_re_assessing_on_v2_carries_answers_across_a_renamed_code_and_shows_what_moved(
    client, questionnaire, version_two
):
    company = firm()
    first = submitted(company, questionnaire, "mobile")
    client.force_login(company.owner)
    assert client.post(reverse("assessment_start")).status_code == 302
    draft = Assessment.objects.get(status=Assessment.Status.DRAFT)
    assert (draft.questionnaire, draft.carried_from) == (version_two, first)

    carried = dict(draft.answers.values_list("question__code", "carried_over"))
    # Renamed with the same options: carried; renamed with new option codes: asked afresh.
    assert carried == {
        "inf-connection": True,
        "inf-tools": True,
        "inf-staff-online": True,
        "tal-champion": True,
    }
    connection = draft.answers.get(question__code="inf-connection")
    assert list(connection.options.values_list("code", flat=True)) == ["mobile"]
    # Neither renamed question is new (as a question that kept its code and changed its
    # type is not): the one with new options is simply asked again.
    pages = [
        client.get(reverse("assessment_page", args=[draft.pk, n])).content.decode() for n in (1, 2)
    ]
    assert all('class="small fw-bold text-info-emphasis mb-2 new-note"' not in p for p in pages)

    # The last plan's action on the internet question, marked done.
    PlanMark.objects.create(
        assessment=first, question_code="inf-internet", status="done", on=timezone.localdate()
    )
    answer(draft, "inf-connection", "fibre")
    answer(draft, "tal-skill-level", "s3")
    assert draft.submit()
    html = client.get(reverse("assessment_results", args=[draft.pk])).content.decode()
    followed = html.split('id="followed-up"')[1].split("</section>")[0]
    assert "followed-up" in followed and "How does the firm connect" in followed
    assert 'class="mb-2 followed-up"' in followed  # the renamed question's answer moved up
    readout = readout_for(draft, language="en")
    assert readout.comparison is not None
    infrastructure = {c.code: c for c in readout.comparison.pillars}["infrastructure"]
    assert (infrastructure.before, infrastructure.after) == (67, 83)
    [change] = [c for c in readout.changes if c.text.startswith("How does the firm connect")]
    assert (change.before, change.after, change.moved) == (
        "Mobile data (2 / 4)",
        "Fibre (4 / 4)",
        "up",
    )


def test_a_version_just_published_reads_its_questionnaire_s_peers_at_once(
    questionnaire, peers_on_v1, version_two
):
    submitted(firm(), questionnaire, "mobile")  # a fifth peer: groups are shown from five
    refresh_snapshot(questionnaire)
    v1_groups = snapshot_groups(questionnaire.pk)
    assert v1_groups
    # No submission on v2 yet, so no row of its own: it reads v1's.
    assert snapshot_groups(version_two.pk) == v1_groups
    other = import_dict({**small_questionnaire_data(), "slug": "other-q"})
    assert snapshot_groups(other.pk) is None  # never another questionnaire's
