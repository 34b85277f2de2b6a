"""Hostile or careless questionnaire files: a form error naming the line or key, nothing stored.

Each file goes through the loader and through the admin's import page as a staff author
uses it; none may give a 500, run away with memory or leave part of a version behind.
"""

from __future__ import annotations

import html
import re
import tracemalloc
from collections.abc import Callable

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.authoring.questionnaire_yaml import (
    QuestionnaireFormatError,
    export_yaml,
    import_yaml,
)
from assessment.models import MaturityLevel, Option, Pillar, Question, QuestionnaireVersion, User

pytestmark = pytest.mark.django_db


def alias_bomb(levels: int = 6) -> str:
    """A description of a few hundred bytes that stands for 10**levels strings."""
    lines = ["description:", "- &a0 [xxxxxxxxxxxxxxxx]"]
    for i in range(1, levels + 1):
        lines.append(f"- &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def _after(anchor: str, extra: str) -> Callable[[str], str]:
    return lambda text: text.replace(anchor, anchor + extra, 1)


def _swap(old: str, new: str) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)

    return mutate


MANY_OPTIONS = "".join(f"    - {{code: o{i}, label: O}}\n" for i in range(5_000))

BAD_FILES = {
    "alias bomb": (_after("title: Test questionnaire\n", alias_bomb()), r"line 5, .*aliases"),
    "deep nesting": (
        _after("title: Test questionnaire\n", "description: " + "[" * 5000 + "]" * 5000 + "\n"),
        r"line 4, .*nested more than 20 levels",
    ),
    "integer of thousands of digits": (
        _swap("number: 9\n", "number: " + "9" * 5000 + "\n"),
        r"line 2, column 9: a number longer than 20",
    ),
    "integer beyond its column": (
        _swap("max_points: 3", "max_points: 99999999999999999999"),
        r"question inf-tools: max_points: Ensure this value is less than or equal to",
    ),
    "title longer than its column": (
        _swap("title: Test questionnaire", "title: " + "T" * 201),
        r"questionnaire: title: Ensure this value has at most 200 characters",
    ),
    "binary slug": (
        _swap("slug: test-q", "slug: !!binary dGVzdC1x"),
        r"line 1, column 7: the tag !!binary is not allowed",
    ),
    "timestamp title": (
        _swap("title: Test questionnaire", "title: !!timestamp 2024-01-01"),
        r"line 3, column 8: the tag !!timestamp is not allowed",
    ),
    "set as a code": (_swap("code: inf-tools", "code: !!set {a, b}"), r"line \d+, .*!!set"),
    "NUL character in text": (
        _swap("title: Test questionnaire", 'title: "Test\\0"'),
        r"line 3, column 8: a NUL character",
    ),
    "list as a description": (
        _after("title: Test questionnaire\n", "description: [a, b]\n"),
        r"questionnaire: description: expected text",
    ),
    "yes as a label": (
        _swap("label: ERP", "label: yes"),
        r"question inf-tools, option 3: label: expected text, got True",
    ),
    "text as a flag": (
        _after("max_points: 3", "\n    required: 'no'"),
        r"question inf-tools: required: expected true or false",
    ),
    "infinite weight": (
        _after("max_points: 3", "\n    weight: .inf"),
        r"question inf-tools: weight: expected a finite number",
    ),
    "key given twice": (
        _after("title: Test questionnaire\n", "title: Another\n"),
        r"line 4, column 1: “title” appears twice",
    ),
    "a number and a word as unknown keys": (
        _after("title: Test questionnaire\n", "1: one\ncolour: blue\n"),
        r"questionnaire: unknown key\(s\) 1, colour",
    ),
    "too many objects": (
        _after("max_points: 3\n    options:\n", MANY_OPTIONS),
        r"question inf-tools: the file holds more than 5,000",
    ),
    "larger than the limit": (lambda text: text + "#" * 2_000_000 + "\n", r"larger than 2"),
}


def _bad_file(questionnaire: QuestionnaireVersion, case: str) -> str:
    mutate, _message = BAD_FILES[case]
    return mutate(export_yaml(questionnaire).replace("number: 1\n", "number: 9\n", 1))


def _stored() -> list[int]:
    models = [QuestionnaireVersion, MaturityLevel, Pillar, Question, Option]
    return [model.objects.count() for model in models]


@pytest.mark.parametrize("case", BAD_FILES)
def test_the_loader_refuses_a_bad_file_naming_the_line_or_key(questionnaire, case):
    text = _bad_file(questionnaire, case)
    before = _stored()
    with pytest.raises(QuestionnaireFormatError, match=BAD_FILES[case][1]):
        import_yaml(text)
    assert _stored() == before


@pytest.fixture
def author_client(client, db):
    """A staff member who may add questionnaire versions, as an author would be."""
    author = User.objects.create_user("author@example.org", "author-password-1", is_staff=True)
    author.user_permissions.set(
        Permission.objects.filter(
            codename__in=["add_questionnaireversion", "view_questionnaireversion"]
        )
    )
    client.force_login(author)
    return client


@pytest.mark.parametrize("case", BAD_FILES)
def test_the_import_page_shows_a_bad_file_as_a_form_error(questionnaire, author_client, case):
    text = _bad_file(questionnaire, case)
    before = _stored()
    author_client.raise_request_exception = False  # a 500 must fail the status check below
    response = author_client.post(
        reverse("admin:assessment_questionnaireversion_import"),
        {"file": SimpleUploadedFile("q.yaml", text.encode())},
    )
    assert response.status_code == 200
    errors = re.search(
        r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S
    )
    assert errors is not None
    assert re.search(BAD_FILES[case][1], html.unescape(errors.group(1)))
    assert _stored() == before


def test_a_good_file_still_imports_for_the_same_author(questionnaire, author_client):
    text = export_yaml(questionnaire).replace("number: 1\n", "number: 9\n", 1)
    response = author_client.post(
        reverse("admin:assessment_questionnaireversion_import"),
        {"file": SimpleUploadedFile("q.yaml", text.encode())},
    )
    assert response.status_code == 302
    assert export_yaml(QuestionnaireVersion.objects.get(number=9)) == text


def test_an_alias_bomb_is_refused_before_it_expands(questionnaire):
    bomb = alias_bomb()
    assert len(bomb) < 400  # stands for a million strings of 16 characters
    text = _after("title: Test questionnaire\n", bomb)(export_yaml(questionnaire))
    tracemalloc.start()
    try:
        with pytest.raises(QuestionnaireFormatError, match="aliases"):
            import_yaml(text.replace("number: 1\n", "number: 9\n", 1))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000


def test_an_unquoted_date_is_kept_as_the_text_written(questionnaire):
    text = export_yaml(questionnaire).replace("number: 1\n", "number: 9\n", 1)
    version = import_yaml(text.replace("title: Test questionnaire", "title: 2024-01-01"))
    assert version.title == "2024-01-01"


def test_copying_a_version_stored_before_these_checks_names_the_bad_value(author_client):
    author = User.objects.get(email="author@example.org")
    author.user_permissions.add(Permission.objects.get(codename="change_questionnaireversion"))
    legacy = QuestionnaireVersion.objects.create(slug="b'test-q'", number=1, title="Old")
    author_client.raise_request_exception = False
    response = author_client.post(
        reverse("admin:assessment_questionnaireversion_changelist"),
        {"action": "copy_as_new_draft", "_selected_action": [str(legacy.pk)]},
        follow=True,
    )
    assert response.status_code == 200
    assert "was not copied: questionnaire: slug: Enter a valid" in html.unescape(
        response.content.decode()
    )
    assert QuestionnaireVersion.objects.count() == 1
