"""The results page: what a submitted assessment shows, to whom, and that it never drifts."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.authoring.questionnaire_yaml import import_dict
from assessment.authoring.versions import version_copy_as_draft
from assessment.models import (
    Assessment,
    Company,
    MaturityLevel,
    Option,
    Pillar,
    Question,
    QuestionnaireVersion,
    User,
)
from tests.conftest import answer, answer_all, small_questionnaire_data

pytestmark = pytest.mark.django_db

DESCRIPTIONS = {
    "Beginner": "Paper and cash.",
    "Emerging": "Some tools are used every day, but they are not connected.",
    "Developing": "Main records are digital.",
    "Established": "Digital tools support most of the business.",
    "Leading": "Data and automation.",
}


@pytest.fixture
def version(db) -> QuestionnaireVersion:
    """The shared small questionnaire with level descriptions and a third pillar (a radar
    needs three axes) that the answers below leave without a score."""
    data = small_questionnaire_data()
    for level in data["levels"]:
        level["description"] = DESCRIPTIONS[level["name"]]
    data["pillars"].append(
        {
            "code": "cooperation",
            "name": "Regional cooperation",
            "questions": [
                {
                    "code": "coop-export",
                    "type": "yes_no",
                    "text": "Do you sell to neighbouring countries?",
                    "required": False,
                    "options": [
                        {"code": "yes", "label": "Yes", "points": 4},
                        {"code": "no", "label": "No", "points": 0},
                    ],
                }
            ],
        }
    )
    version = import_dict(data)
    version.publish()
    return version


def with_gaps(assessment: Assessment) -> None:
    """Three answers short of the best, each with advice; the rest perfect."""
    answer(assessment, "inf-internet", "none")  # gap 11.1, "Get a mobile data plan."
    answer(assessment, "inf-tools", "none")  # gap 11.1, "Start with e-mail."
    answer(assessment, "inf-staff-online", number=80)
    answer(assessment, "tal-skills", "l4")
    answer(assessment, "tal-champion", "no")  # gap 44.4, "Name one."


def submitted(
    company: Company,
    version: QuestionnaireVersion,
    answers: Callable[[Assessment], None] = answer_all,
    *,
    days_ago: int = 0,
) -> Assessment:
    assessment = Assessment.objects.create(company=company, questionnaire=version)
    answers(assessment)
    assert assessment.submit()
    at = timezone.now() - datetime.timedelta(days=days_ago)
    Assessment.objects.filter(pk=assessment.pk).update(submitted_at=at)
    assessment.refresh_from_db()
    return assessment


def url(assessment: Assessment) -> str:
    return reverse("assessment_results", args=[assessment.pk])


def main(html: str) -> str:
    """The page's main part, its CSRF tokens (masked afresh on every render) blanked."""
    found = re.search(r"<main.*</main>", html, re.S).group(0)
    return re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]*', r"\1", found)


def text_of(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)<', html, re.S)
    assert match, f"no #{element_id}"
    return match.group(1).strip()


@pytest.fixture
def owner_client(client, user):
    client.force_login(user)
    return client


def test_owner_sees_score_level_and_description(owner_client, company, version):
    assessment = submitted(company, version, with_gaps)
    html = owner_client.get(url(assessment)).content.decode()
    # Infrastructure 1/3 and talent 1/3 of their weights: 33.3 overall.
    assert text_of(html, "overall-score") == "33"
    assert text_of(html, "level") == "Emerging"
    assert DESCRIPTIONS["Emerging"] in html
    assert "level 2 of 5" in html
    assert text_of(html, "score-infrastructure") == "33"
    assert text_of(html, "score-talent") == "33"
    assert text_of(html, "score-cooperation") == "–"


def test_owner_sees_the_chart_and_no_peers_yet(owner_client, company, version):
    assessment = submitted(company, version, with_gaps)
    html = owner_client.get(url(assessment)).content.decode()
    # A pillar without a score is not applicable: bars say so, where a radar would draw
    # it at its centre as a 0 (issue 17).
    assert html.count('<div class="mdr-chart mdr-bars" role="img"') == 1
    assert "mdr-radar" not in html
    assert (
        'aria-label="Pillar scores. Digital infrastructure: your score 33; '
        "Digital talent: your score 33; Regional cooperation: your score (not applicable)"
    ) in html
    assert 'href="/static/css/charts.css"' in html
    assert 'class="peer"' not in html  # no benchmark snapshot, so no peer medians
    assert 'id="peer-comparison"' in html
    assert "Not enough similar firms have answered yet to compare fairly" in html


def test_owner_sees_the_three_largest_gaps_with_advice(owner_client, company, version):
    assessment = submitted(company, version, with_gaps)
    response = owner_client.get(url(assessment))
    gaps = response.context["readout"].summary.gaps
    assert [g.code for g in gaps] == ["tal-champion", "inf-internet", "inf-tools"]
    section = re.search(r'<section id="gaps".*?</section>', response.content.decode(), re.S)[0]
    order = [
        section.index(text)
        for text in (
            "Do you have a digital champion?",
            "How does the firm connect to the internet?",
            "Which tools do you use?",
        )
    ]
    assert order == sorted(order)
    for answer_label, advice in [
        ("No", "Name one."),
        ("Not at all", "Get a mobile data plan."),
        ("None of these", "Start with e-mail."),
    ]:
        assert answer_label in section
        assert f'<li class="advice">{advice}</li>' in section
    assert section.count('class="gap ') == 3


def test_dont_know_answers_are_listed_as_things_to_find_out(owner_client, company, version):
    def answers(assessment):
        answer_all(assessment)
        answer(assessment, "inf-internet", "dk")

    assessment = submitted(company, version, answers)
    html = owner_client.get(url(assessment)).content.decode()
    section = re.search(r'<section id="dont-know".*?</section>', html, re.S)[0]
    assert "How does the firm connect to the internet?" in section
    gaps = re.search(r'<section id="gaps".*?</section>', html, re.S)[0]
    assert "How does the firm connect to the internet?" not in gaps


def test_no_dont_know_section_without_dont_know_answers(owner_client, company, version):
    html = owner_client.get(url(submitted(company, version))).content.decode()
    assert 'id="dont-know"' not in html


def test_report_section_links_to_the_pdf(owner_client, company, version):
    assessment = submitted(company, version)
    html = owner_client.get(url(assessment)).content.decode()
    section = re.search(r'<section id="report".*?</section>', html, re.S)[0]
    link = re.search(r'<a id="report-download"[^>]*href="([^"]+)"', section)[1]
    assert link == f"/assessments/{assessment.pk}/report/en/"


def test_staff_can_open_any_results(admin_client, company, version):
    assessment = submitted(company, version, with_gaps)
    response = admin_client.get(url(assessment))
    assert response.status_code == 200
    html = response.content.decode()
    assert text_of(html, "overall-score") == "33"
    assert "as staff" in html


def test_another_user_gets_404(client, company, version):
    assessment = submitted(company, version)
    other = User.objects.create_user("other@example.org", "another-password-1")
    Company.objects.create(
        owner=other, name="Other Co.", country="TH", sector="trade", size_band="small"
    )
    client.force_login(other)
    assert client.get(url(assessment)).status_code == 404


def test_unknown_assessment_is_404(owner_client, company, version):
    assert owner_client.get(reverse("assessment_results", args=[999999])).status_code == 404


def test_anonymous_is_sent_to_log_in(client, company, version):
    assessment = submitted(company, version)
    response = client.get(url(assessment))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url(assessment)}"


def test_a_draft_redirects_to_its_review_page(owner_client, company, version):
    draft = Assessment.objects.create(company=company, questionnaire=version)
    response = owner_client.get(url(draft))
    assert response.status_code == 302
    assert response.url == reverse("assessment_review", args=[draft.pk])


def test_progress_against_the_previous_assessment(client, owner_client, company, version):
    # Earlier: infrastructure 66.7, talent 25, overall 38.9.
    first = submitted(company, version, answer_all, days_ago=30)

    def better(assessment):
        answer_all(assessment)
        answer(assessment, "tal-champion", "yes")  # talent 91.7, overall 83.3

    second = submitted(company, version, better, days_ago=1)
    # Neither a draft nor another firm's earlier assessment is "the previous one".
    Assessment.objects.create(company=company, questionnaire=version)
    other = User.objects.create_user("other@example.org", "another-password-1")
    other_company = Company.objects.create(
        owner=other, name="Other Co.", country="TH", sector="trade", size_band="small"
    )
    submitted(other_company, version, with_gaps, days_ago=5)

    html = owner_client.get(url(second)).content.decode()
    assert text_of(html, "change-overall") == "+44"  # 83 - 39
    assert text_of(html, "change-infrastructure") == "±0"  # 67 - 67
    assert text_of(html, "change-talent") == "+67"  # 92 - 25
    assert first.submitted_at.strftime("%Y") in html

    # The first assessment has nothing before it.
    html = owner_client.get(url(first)).content.decode()
    assert 'id="progress"' not in html


def test_progress_is_against_the_one_just_before(owner_client, company, version):
    submitted(company, version, with_gaps, days_ago=60)  # overall 33
    middle = submitted(company, version, answer_all, days_ago=30)  # overall 39

    def worse(assessment):
        with_gaps(assessment)
        answer(assessment, "tal-skills", "l0")  # talent 0, overall 11.1

    latest = submitted(company, version, worse, days_ago=1)
    html = owner_client.get(url(latest)).content.decode()
    assert text_of(html, "change-overall") == "−28"  # 11 - 39
    assert text_of(html, "change-talent") == "−25"  # 0 - 25
    html = owner_client.get(url(middle)).content.decode()
    assert text_of(html, "change-overall") == "+6"  # 39 - 33


def test_editing_the_questionnaire_after_submission_changes_nothing(owner_client, company, version):
    earlier = submitted(company, version, answer_all, days_ago=3)
    assessment = submitted(company, version, with_gaps)
    before = main(owner_client.get(url(assessment)).content.decode())

    # The admin's way: copy as a new draft, change points, texts and levels, publish.
    draft = version_copy_as_draft(version)
    draft_options = Option.objects.filter(question__pillar__questionnaire=draft)
    draft_options.filter(question__code="inf-internet", code="none").update(points=3)
    draft_options.filter(question__code="inf-tools", code="email").update(points=3)
    draft_options.update(advice="Edited advice.")
    Question.objects.filter(pillar__questionnaire=draft).update(text="Edited question?")
    Pillar.objects.filter(questionnaire=draft).update(name="Edited pillar", weight=5)
    MaturityLevel.objects.filter(questionnaire=draft).update(description="Edited level.")
    draft.publish()
    assert owner_client.get(url(assessment)).content.decode().count("Edited") == 0
    assert main(owner_client.get(url(assessment)).content.decode()) == before

    # Even rows of the answered version changed behind the admin's lock (which only a
    # raw update can do) leave the page alone: it reads the frozen result only.
    Option.objects.filter(question__pillar__questionnaire=version).update(points=0)
    Question.objects.filter(pillar__questionnaire=version).update(text="Drifted?")
    Pillar.objects.filter(questionnaire=version).update(name="Drifted pillar")
    MaturityLevel.objects.filter(questionnaire=version).update(description="Drifted.")
    assert main(owner_client.get(url(assessment)).content.decode()) == before
    assert text_of(before, "change-overall") == "−6"  # 33 - 39, against `earlier`
    assert earlier.pk != assessment.pk


def test_frozen_labels_are_escaped_on_the_page(owner_client, company, version):
    assessment = submitted(company, version, with_gaps)
    result = assessment.result
    result["pillars"][0]["name"] = "<script>alert(1)</script>"
    result["pillars"][0]["questions"][0]["advice"] = ['<img src=x onerror="alert(1)">']
    Assessment.objects.filter(pk=assessment.pk).update(result=result)
    html = owner_client.get(url(assessment)).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_two_pillars_are_drawn_as_bars(owner_client, company, questionnaire):
    html = owner_client.get(url(submitted(company, questionnaire))).content.decode()
    assert '<div class="mdr-chart mdr-bars" role="img"' in html
    assert "mdr-radar" not in html


@pytest.mark.parametrize("earlier", [0, 5])
def test_a_fixed_number_of_queries(
    owner_client, company, version, django_assert_max_num_queries, earlier
):
    for days in range(earlier):
        submitted(company, version, answer_all, days_ago=days + 2)
    assessment = submitted(company, version, with_gaps)
    # Session, user, the assessment with company and version, the previous assessment,
    # the programme catalogue for the recommendations (+1), and the version's benchmark
    # snapshot for the peer comparison (+1); the plan's marks (+1) and, with a previous
    # assessment, its result and marks to show what the last plan moved (+2).
    with django_assert_max_num_queries(9):
        response = owner_client.get(url(assessment))
    assert response.status_code == 200


def test_staff_opening_a_draft_get_404_not_a_redirect(client, company, questionnaire):
    from assessment.models import Assessment, User

    draft = Assessment.objects.create(company=company, questionnaire=questionnaire)
    staff = User.objects.create_user("officer@example.org", "officer-password-1", is_staff=True)
    client.force_login(staff)
    response = client.get(reverse("assessment_results", args=[draft.pk]))
    assert response.status_code == 404
