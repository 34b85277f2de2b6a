"""Conditions in the admin: the editor on questions and pillars, and the publish summary."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.authoring.versions import version_copy_as_draft
from assessment.models import Option, Question

pytestmark = pytest.mark.django_db


def _changelist(client, model_name: str) -> tuple[int, str]:
    """The number of queries one changelist page costs, and the page."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse(f"admin:assessment_{model_name}_changelist")).content.decode()
    return len(queries), page


def test_the_asked_only_if_column_costs_the_same_queries_for_many_conditions(
    admin_client, conditional_questionnaire
):
    few, _ = _changelist(admin_client, "question")
    # A chain of questions each asked only after the one before: every row names a
    # different question, so a lookup per row or per code would show in the count.
    online = Question.objects.get(
        pillar__questionnaire=conditional_questionnaire, code="coop-online"
    )
    Option.objects.create(question=online, code="yes", label="Yes, we do")
    named = online
    for n in range(12):
        named = Question.objects.create(
            pillar=online.pillar,
            code=f"coop-step-{n}",
            text=f"Did you take step {n}?",
            type="yes_no",
            order=10 + n,
            show_if={"question": named.code, "in": ["yes"]},
        )
    many, page = _changelist(admin_client, "question")
    assert many == few
    assert "Asked only if you answered “Yes, we do” to “Do you sell online?”." in page
    for n in range(1, 12):
        assert f"Asked only if you answered “yes” to “Did you take step {n - 1}?”." in page
    assert "Asked only if the business exports or plans to." in page


def test_publish_page_lists_conditions_changed_in_words(admin_client, conditional_questionnaire):
    draft = version_copy_as_draft(conditional_questionnaire)
    Question.objects.filter(pillar__questionnaire=draft, code="coop-foreign-partner").update(
        show_if={}
    )
    Question.objects.filter(pillar__questionnaire=draft, code="coop-marketplace-reviews").update(
        show_if={"question": "coop-online", "in": ["marketplace", "own-shop"]}
    )
    url = reverse("admin:assessment_questionnaireversion_publish", args=[draft.pk])
    page = admin_client.get(url).content.decode()
    listed = page.split('id="conditions"')[1].split("</ul>")[0]
    assert "coop-foreign-partner: condition removed" in listed
    assert "the business exports or plans to" in listed
    assert "coop-marketplace-reviews: condition changed" in listed
    assert "“On a marketplace” or “In our own web shop”" in listed


class _Form(HTMLParser):
    """The fields a browser would send from the admin's change form, as the page has them."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(name, []).append(a.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += (
                data.removeprefix("\n") if not self.data[self._textarea][0] else data
            )


def _form_of(client, url: str) -> dict[str, list[str]]:
    parser = _Form()
    parser.feed(client.get(url).content.decode())
    parser.data.pop("_save", None)
    return {k: v for k, v in parser.data.items() if k != "_selected_action"}


@pytest.fixture
def draft(conditional_questionnaire):
    return version_copy_as_draft(conditional_questionnaire)


def _question(version, code: str) -> Question:
    return Question.objects.get(pillar__questionnaire=version, code=code)


def _url(obj) -> str:
    return reverse(f"admin:assessment_{obj._meta.model_name}_change", args=[obj.pk])


def test_the_editor_shows_a_stored_condition_as_rows_and_words(admin_client, draft):
    reviews = _question(draft, "coop-marketplace-reviews")
    page = admin_client.get(_url(reviews)).content.decode()
    assert "Asked only if you answered “On a marketplace” to “Do you sell online?”." in page
    data = _form_of(admin_client, _url(reviews))
    assert data["show_if_subject_0"] == ["question:coop-online"]
    assert data["show_if_values_0"] == ['question:coop-online|"marketplace"']
    # Only earlier questions are offered: not the question itself nor a later one.
    assert 'value="question:coop-foreign-partner"' not in page
    assert 'value="question:coop-marketplace-reviews"' not in page


def test_saving_rows_stores_the_condition(admin_client, draft):
    partner = _question(draft, "coop-foreign-partner")
    data = _form_of(admin_client, _url(partner))
    data |= {
        "show_if_join": ["any"],
        "show_if_subject_0": ["profile:exports"],
        "show_if_op_0": ["in"],
        "show_if_values_0": ['profile:exports|"yes"'],
        "show_if_subject_1": ["question:coop-online"],
        "show_if_op_1": ["not_in"],
        "show_if_values_1": ['question:coop-online|"no"'],
    }
    response = admin_client.post(_url(partner), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    partner.refresh_from_db()
    assert partner.show_if == {
        "any": [
            {"profile": "exports", "in": ["yes"]},
            {"question": "coop-online", "not_in": ["no"]},
        ]
    }
    listing = admin_client.get(reverse("admin:assessment_question_changelist")).content.decode()
    assert (
        "Asked only if the business exports or you answered “Do you sell online?” with" in listing
    )


def test_emptying_the_rows_asks_always(admin_client, draft):
    reviews = _question(draft, "coop-marketplace-reviews")
    data = _form_of(admin_client, _url(reviews)) | {
        "show_if_subject_0": [""],
        "show_if_values_0": [],
    }
    assert admin_client.post(_url(reviews), data).status_code == 302
    reviews.refresh_from_db()
    assert reviews.show_if == {}


def test_a_later_question_is_refused_with_the_item_named_and_nothing_stored(admin_client, draft):
    online = _question(draft, "coop-online")
    data = _form_of(admin_client, _url(online)) | {
        "show_if_subject_0": ["question:coop-foreign-partner"],  # later: not offered, sent anyway
        "show_if_op_0": ["in"],
        "show_if_values_0": ['question:coop-foreign-partner|"yes"'],
    }
    response = admin_client.post(_url(online), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Question coop-online: names question “coop-foreign-partner”" in page
    assert "not an earlier question" in page
    online.refresh_from_db()
    assert online.show_if == {}


def test_raw_json_is_the_fallback_and_is_checked_too(admin_client, draft):
    partner = _question(draft, "coop-foreign-partner")
    nested = {
        "any": [
            {"all": [{"profile": "country", "in": ["TH"]}, {"profile": "women_led", "in": [True]}]},
            {"profile": "exports", "in": ["yes"]},
        ]
    }
    data = _form_of(admin_client, _url(partner)) | {"show_if_raw": [json.dumps(nested)]}
    assert admin_client.post(_url(partner), data).status_code == 302
    partner.refresh_from_db()
    assert partner.show_if == nested
    # A nested condition is shown as JSON with its words, and saving it unchanged keeps it.
    page = admin_client.get(_url(partner)).content.decode()
    assert "nested more deeply than rows can show" in page
    assert (
        admin_client.post(_url(partner), _form_of(admin_client, _url(partner))).status_code == 302
    )
    partner.refresh_from_db()
    assert partner.show_if == nested
    broken = _form_of(admin_client, _url(partner)) | {
        "show_if_raw": ['{"profile": "turnover", "in": [1]}']
    }
    response = admin_client.post(_url(partner), broken)
    assert "unknown profile field “turnover”" in response.content.decode()
    assert (
        admin_client.post(
            _url(partner), _form_of(admin_client, _url(partner)) | {"show_if_raw": ["{not json"]}
        ).status_code
        == 200
    )
    partner.refresh_from_db()
    assert partner.show_if == nested


def test_a_value_of_another_field_is_refused(admin_client, draft):
    partner = _question(draft, "coop-foreign-partner")
    data = _form_of(admin_client, _url(partner)) | {
        "show_if_subject_0": ["profile:exports"],
        "show_if_op_0": ["in"],
        "show_if_values_0": ['profile:country|"TH"'],
    }
    response = admin_client.post(_url(partner), data)
    assert (
        "Row 1: a value chosen belongs to another field or question." in response.content.decode()
    )
    partner.refresh_from_db()
    assert partner.show_if == {"profile": "exports", "in": ["yes", "planning"]}


def test_a_pillar_condition_is_edited_with_rows(admin_client, draft):
    pillar = draft.pillars.get(code="cooperation")
    data = _form_of(admin_client, _url(pillar)) | {
        "show_if_subject_0": ["profile:exports"],
        "show_if_op_0": ["in"],
        "show_if_values_0": ['profile:exports|"yes"', 'profile:exports|"planning"'],
    }
    assert admin_client.post(_url(pillar), data).status_code == 302
    pillar.refresh_from_db()
    assert pillar.show_if == {"profile": "exports", "in": ["yes", "planning"]}
    listing = admin_client.get(reverse("admin:assessment_pillar_changelist")).content.decode()
    assert "Asked only if the business exports or plans to." in listing
    # A pillar may not depend on its own questions (they come after its condition).
    data |= {
        "show_if_subject_0": ["question:coop-online"],
        "show_if_values_0": ['question:coop-online|"no"'],
    }
    response = admin_client.post(_url(pillar), data)
    assert (
        "Pillar “Regional cooperation”: names question “coop-online”" in response.content.decode()
    )
