"""A questionnaire page saved from an older tab never silently overwrites newer answers."""

from __future__ import annotations

import re
import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assessment.models import Assessment, Question
from tests.assessment.test_questionnaire_pages import _opt, _page, _page1, _stored
from tests.conftest import answer
from tests.i18n_check import GettextRecorder

pytestmark = pytest.mark.django_db
LANGUAGES = settings.LANGUAGES

VERSION = re.compile(r'name="answers_version" value="([^"]*)"')


@pytest.fixture
def assessment(company, questionnaire) -> Assessment:
    return Assessment.objects.create(company=company, questionnaire=questionnaire)


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return client


def _version(response) -> str:
    return VERSION.search(response.content.decode())[1]


def _opened(client, assessment, index=1) -> str:
    """Open the page in a tab: the answers version it carries."""
    return _version(client.get(_page(assessment, index)))


def test_an_older_tab_keeps_the_newer_answer_shows_both_and_saves_the_rest(owner, assessment):
    old_tab = _opened(owner, assessment)
    new_tab = _opened(owner, assessment)
    fibre = {"q-inf-internet": _opt("inf-internet", "fibre")}
    assert owner.post(_page(assessment), {**fibre, "answers_version": new_tab}).status_code == 302

    response = owner.post(_page(assessment), _page1(answers_version=old_tab))

    assert response.status_code == 200
    # The newer answer is kept; the old tab's answers to untouched questions are saved.
    assert _stored(assessment) == {
        "inf-internet": ["fibre"],
        "inf-tools": ["cloud", "email"],
        "inf-staff-online": 60,
    }
    body = response.content.decode()
    assert "changed in another tab or window" in body
    assert "Saved answer: <strong>Fibre</strong>" in body
    assert "This page’s answer, below: <strong>Mobile data</strong>" in body
    assert body.count('class="alert alert-warning py-1 px-2 mb-2 conflict"') == 1
    # The form still shows this tab's answer, ready to be saved again.
    assert f'value="{_opt("inf-internet", "mobile")}" id="id_q-inf-internet_1" checked' in body


def test_saving_the_page_again_keeps_this_tabs_answer(owner, assessment):
    old_tab = _opened(owner, assessment)
    answer(assessment, "inf-internet", "fibre")  # saved meanwhile in another tab
    conflict = owner.post(_page(assessment), _page1(answers_version=old_tab))
    assert conflict.status_code == 200

    again = owner.post(_page(assessment), _page1(answers_version=_version(conflict)))

    assert again.status_code == 302
    assert _stored(assessment)["inf-internet"] == ["mobile"]


def test_the_saved_answers_can_be_kept_instead(owner, assessment):
    old_tab = _opened(owner, assessment)
    answer(assessment, "inf-internet", "fibre")
    body = owner.post(_page(assessment), _page1(answers_version=old_tab)).content.decode()
    assert f'href="{_page(assessment)}">show the saved answers</a>' in body
    shown = owner.get(_page(assessment)).content.decode()
    assert f'value="{_opt("inf-internet", "fibre")}" id="id_q-inf-internet_2" checked' in shown


def test_an_answer_cleared_in_another_tab_is_not_brought_back_silently(owner, assessment):
    answer(assessment, "inf-tools", "email")
    old_tab = _opened(owner, assessment)
    assessment.answers.filter(question__code="inf-tools").delete()  # cleared elsewhere

    response = owner.post(_page(assessment), _page1(answers_version=old_tab))

    assert response.status_code == 200
    assert "inf-tools" not in _stored(assessment)
    assert "Saved answer: <strong>No answer</strong>" in response.content.decode()


def test_a_number_and_a_text_changed_in_another_tab_show_as_read(owner, assessment):
    old_page1, old_page2 = _opened(owner, assessment, 1), _opened(owner, assessment, 2)
    answer(assessment, "inf-staff-online", number=75)
    answer(assessment, "tal-obstacle", text="Costs")

    one = owner.post(_page(assessment), _page1(answers_version=old_page1)).content.decode()
    assert "Saved answer: <strong>75 %</strong>" in one
    assert "This page’s answer, below: <strong>60 %</strong>" in one
    data = {"q-tal-obstacle": "Slow <b>internet</b>", "answers_version": old_page2}
    two = owner.post(_page(assessment, 2), data).content.decode()
    assert "Saved answer: <strong>Costs</strong>" in two
    assert "<strong>Slow &lt;b&gt;internet&lt;/b&gt;</strong>" in two
    assert _stored(assessment)["tal-obstacle"] == "Costs"


def test_the_same_answer_given_in_both_tabs_is_no_conflict(owner, assessment):
    old_tab = _opened(owner, assessment)
    answer(assessment, "inf-internet", "mobile")
    response = owner.post(_page(assessment), _page1(answers_version=old_tab))
    assert response.status_code == 302


def test_a_page_that_is_up_to_date_saves_as_before(owner, assessment):
    answer(assessment, "inf-internet", "fibre")
    response = owner.post(_page(assessment), _page1(answers_version=_opened(owner, assessment)))
    assert response.status_code == 302
    assert _stored(assessment)["inf-internet"] == ["mobile"]


def test_a_conflict_is_shown_before_moving_on_or_switching_language(owner, assessment):
    old_tab = _opened(owner, assessment)
    answer(assessment, "inf-internet", "fibre")
    response = owner.post(_page(assessment), _page1(answers_version=old_tab, language="th"))
    assert response.status_code == 200
    assert response.cookies.get("django_language") is None
    assert _stored(assessment)["inf-internet"] == ["fibre"]


def test_a_page_drawn_before_versions_existed_still_saves(owner, assessment):
    """A tab opened before this release sends no version: its answers are stored."""
    answer(assessment, "inf-internet", "fibre")
    assert owner.post(_page(assessment), _page1()).status_code == 302
    assert _stored(assessment)["inf-internet"] == ["mobile"]


@pytest.mark.parametrize("forged", ["x", "1:zz", "1:0123456789ab,", "9" * 30 + ":0123456789ab"])
def test_a_forged_version_is_refused_with_nothing_written(owner, assessment, forged):
    response = owner.post(_page(assessment), _page1(answers_version=forged))
    assert response.status_code == 400
    assert _stored(assessment) == {}


def test_checking_versions_costs_the_same_queries_for_2_or_12_questions(
    owner, assessment, seeded, company
):
    big = Assessment.objects.create(company=company, questionnaire=seeded)
    questions = Question.objects.filter(pillar__questionnaire=seeded, pillar__order=1)
    data = {"nav": "next"}
    for q in questions.prefetch_related("options"):
        if q.type == "number":
            data[f"q-{q.code}"] = "5"
        elif q.type != "text":
            data[f"q-{q.code}"] = str(next(o for o in q.options.all() if o.kind == "normal").pk)
    counts = []
    for target, form in ((assessment, _page1()), (big, data)):
        form["answers_version"] = _opened(owner, target)
        with CaptureQueriesContext(connection) as queries:
            assert owner.post(_page(target), form).status_code == 302
        counts.append(len(queries.captured_queries))
    assert questions.count() >= 9
    assert counts[0] == counts[1]


@pytest.mark.parametrize("language", [code for code, _ in LANGUAGES if code != "en"])
def test_the_conflict_is_told_in_the_pages_language(owner, assessment, language):
    answer(assessment, "inf-tools", "email")
    old_tab = _opened(owner, assessment)
    assessment.answers.filter(question__code="inf-tools").delete()  # saved: "No answer"
    answer(assessment, "inf-internet", "fibre")
    owner.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with GettextRecorder() as recorder:
        response = owner.post(_page(assessment), _page1(answers_version=old_tab))
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()[:300]
    endonyms = [name for code, name in LANGUAGES if code != "en"]
    assert not recorder.untranslated(language, endonyms=endonyms)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no row locks to serialise the tabs"
)
@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_at_once_never_both_overwrite(user, questionnaire, company):
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    opener = Client()
    opener.force_login(user)
    version = _opened(opener, assessment)
    statuses: dict[str, int] = {}
    barrier = threading.Barrier(2)

    def save(option: str) -> None:
        tab = Client()
        tab.force_login(user)
        data = {"q-inf-internet": _opt("inf-internet", option), "answers_version": version}
        barrier.wait()
        statuses[option] = tab.post(_page(assessment), data).status_code
        connection.close()

    threads = [threading.Thread(target=save, args=(o,)) for o in ("mobile", "fibre")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # One tab saves; the other, locked out until then, is shown the conflict.
    assert sorted(statuses.values()) == [200, 302]
    winner = next(option for option, status in statuses.items() if status == 302)
    assert _stored(assessment) == {"inf-internet": [winner]}
