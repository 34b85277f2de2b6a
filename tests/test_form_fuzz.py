"""Every form a user can reach, sent with fields missing, repeated, oversized, of the wrong
type or unknown: never a 5xx, and a refused form writes nothing.

Each example starts from a valid form and spoils a few of its fields, so both the
refusals and the paths past validation are reached. The real test client, views and
database run; each example is rolled back, so the next starts from the same world.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.answer_versions import AnswerState, page_version
from assessment.models import (
    Answer,
    Assessment,
    Cohort,
    Company,
    Option,
    Question,
    QuestionnaireVersion,
    User,
)
from reports.officers import OFFICERS_GROUP
from tests.conftest import answer_all

pytestmark = pytest.mark.django_db

PASSWORD = "owner-password-1"
NEW_PASSWORD = "mekong-river-delta-42"

# Modest counts: the suite runs on two shared cores. deadline=None because a request's
# time is not what is tested; the world fixture is built once per test on purpose.
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

HOSTILE = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1.5",
            "1e309",
            "-1e-309",
            "NaN",
            "Infinity",
            "9" * 40,
            "0x1F",
            "١٢",
            "null",
            "[]",
            "on",
            "\x00",
            "a\x00b",
            "\u202eabc",
            "'; --",
            "<script>x</script>",
            "2026-02-30",
            "99999-01-01",
        ]
    ),
    st.text(max_size=30),
    st.integers().map(str),
)
OVERSIZED = st.builds(
    lambda s, n: s * n, st.text(min_size=1, max_size=3), st.sampled_from([3_000, 40_000])
)


@st.composite
def spoiled(draw, valid: dict[str, str | list[str]], plausible: dict | None = None) -> dict:
    """A valid form with some fields missing, repeated, oversized, wrong or added."""
    plausible = plausible or {}
    form = {k: ([v] if isinstance(v, str) else list(v)) for k, v in valid.items()}
    names = sorted(set(form) | set(plausible))
    for name in draw(st.lists(st.sampled_from(names), max_size=len(names), unique=True)):
        others = plausible.get(name, []) + form.get(name, [])
        value = st.sampled_from(others) | HOSTILE if others else HOSTILE
        how = draw(st.sampled_from(["missing", "values", "twice", "oversized"]))
        if how == "missing":
            form.pop(name, None)
        elif how == "values":
            form[name] = draw(st.lists(value, min_size=1, max_size=3))
        elif how == "twice":
            # A double click or a replayed request: the same values sent again.
            form[name] = (form.get(name) or [draw(value)]) * 2
        else:
            form[name] = [draw(OVERSIZED)]
    extra = draw(
        st.dictionaries(
            st.from_regex(r"[a-z][a-z0-9_\-]{0,11}", fullmatch=True),
            st.lists(HOSTILE, min_size=1, max_size=2),
            max_size=2,
        )
    )
    form.update({k: v for k, v in extra.items() if k not in valid})
    if draw(st.integers(0, 19)) == 0 and form:
        # More fields than Django accepts (DATA_UPLOAD_MAX_NUMBER_FIELDS): a 400.
        name = draw(st.sampled_from(sorted(form)))
        form[name] = ["1"] * (django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)
    return form


def send(client: Client, method: str, url: str, form: dict, *, urlencoded: bool) -> object:
    if method == "get":
        return client.get(url, form)
    if urlencoded:
        body = urlencode(form, doseq=True)
        return client.post(url, body, content_type="application/x-www-form-urlencoded")
    return client.post(url, form)


@contextmanager
def rolled_back() -> Iterator[None]:
    """Each example's writes are undone, so every example sees the same world."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def read(response) -> None:
    """A streamed or file response runs its code while it is read: read it all (the
    test client closes it at the end, without closing the test's database connection)."""
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)


def assert_no_server_error(response) -> None:
    read(response)
    assert response.status_code < 500, response.status_code


# ---------------------------------------------------------------------------- the world


@dataclass(frozen=True)
class World:
    owner: User
    officer: User
    company: Company
    draft: Assessment
    submitted: Assessment
    version: QuestionnaireVersion
    cohort: Cohort

    def client(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def world(questionnaire, settings, tmp_path) -> World:
    # Real hashing, but the fastest: the fuzzing checks forms, not the hasher's cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    from django.contrib.auth.models import Group

    owner = User.objects.create_user("owner@example.org", PASSWORD)
    company = Company.objects.create(
        owner=owner, name="Owner Firm", country="LA", sector="creative", size_band="micro"
    )
    submitted = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(submitted)
    assert submitted.submit()
    draft = Assessment.objects.create(company=company, questionnaire=questionnaire)
    officer = User.objects.create_user("officer@example.org", "officer-password-1", is_staff=True)
    officer.groups.add(Group.objects.get(name=OFFICERS_GROUP))
    cohort = Cohort.objects.create(code="spring-2026", name="Spring 2026 e-commerce course")
    return World(owner, officer, company, draft, submitted, questionnaire, cohort)


def _password_unchanged(user: User) -> bool:
    # A fresh copy: the world's objects must not carry an example's rolled-back state.
    return User.objects.get(pk=user.pk).check_password(PASSWORD)


# ---------------------------------------------------------------------------- accounts


@FUZZ
@given(data=st.data(), urlencoded=st.booleans())
def test_signup(world, data, urlencoded):
    valid = {
        "email": "new@example.org",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "benchmark_consent": "on",
    }
    form = data.draw(spoiled(valid, {"email": ["OWNER@example.org", "a@b"]}))
    with rolled_back():
        before = User.objects.count()
        response = send(Client(), "post", reverse("signup"), form, urlencoded=urlencoded)
        assert_no_server_error(response)
        # A refused form writes nothing; an accepted one adds the new account, or none
        # for a registered address (whose owner is mailed instead: nothing is revealed).
        after = User.objects.count()
        assert after == before or (after == before + 1 and response.status_code == 302)


# Found by this fuzzing: the login form passed an e-mail longer than 255 characters on to
# authenticate(), and django-axes then stored the failed attempt in a 255-character
# column, which PostgreSQL refuses (a 500). The form now checks the length, and the
# throttle cuts what it stores; the admin's login is tried too.


def test_a_login_email_over_255_characters_is_refused_not_a_server_error(world):
    long_login = "x" * 300 + "@example.org"
    form = {"username": long_login, "password": PASSWORD}
    assert Client().post(reverse("login"), form).status_code == 200
    # The admin's login form checks no length: the throttle cuts what it stores.
    assert Client().post(reverse("admin:login"), form).status_code == 200


@FUZZ
@given(data=st.data(), urlencoded=st.booleans())
def test_login(world, data, urlencoded):
    valid = {"username": "owner@example.org", "password": PASSWORD, "next": "/dashboard/"}
    plausible = {"next": ["https://evil.example/", "//evil.example", "/profile/"]}
    form = data.draw(spoiled(valid, plausible))
    with rolled_back():
        response = send(Client(), "post", reverse("login"), form, urlencoded=urlencoded)
        assert_no_server_error(response)
        if response.status_code == 302:
            assert not response["Location"].startswith(("https://evil", "//evil"))


@FUZZ
@given(data=st.data(), urlencoded=st.booleans())
def test_password_change(world, data, urlencoded):
    valid = {
        "old_password": PASSWORD,
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    }
    form = data.draw(spoiled(valid, {"old_password": ["wrong-password-1"]}))
    with rolled_back():
        client = world.client(world.owner)
        response = send(client, "post", reverse("password_change"), form, urlencoded=urlencoded)
        assert_no_server_error(response)
        assert _password_unchanged(world.owner) == (response.status_code != 302)


@FUZZ
@given(data=st.data(), urlencoded=st.booleans())
def test_password_reset_request(world, data, urlencoded):
    form = data.draw(spoiled({"email": "owner@example.org"}, {"email": ["nobody@example.org"]}))
    with rolled_back():
        response = send(Client(), "post", reverse("password_reset"), form, urlencoded=urlencoded)
        assert_no_server_error(response)
        assert _password_unchanged(world.owner)


@FUZZ
@given(data=st.data(), urlencoded=st.booleans())
def test_password_reset_new_password(world, data, urlencoded):
    valid = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    form = data.draw(spoiled(valid))
    with rolled_back():
        client = Client()
        uid = urlsafe_base64_encode(force_bytes(world.owner.pk))
        token = default_token_generator.make_token(world.owner)
        link = reverse("password_reset_confirm", args=[uid, token])
        set_password_url = client.get(link)["Location"]  # the token moves to the session
        response = send(client, "post", set_password_url, form, urlencoded=urlencoded)
        assert_no_server_error(response)
        assert _password_unchanged(world.owner) == (response.status_code != 302)


@FUZZ
@given(data=st.data(), urlencoded=st.booleans(), anonymous=st.booleans())
def test_language_switch(world, data, urlencoded, anonymous):
    page = reverse("assessment_page", args=[world.draft.pk, 1])
    valid = {"language": "vi", "next": page}
    plausible = {"language": ["zh-hans", "xx", "en"], "next": ["https://evil.example/", "/"]}
    form = data.draw(spoiled(valid, plausible))
    with rolled_back():
        client = world.client(None if anonymous else world.owner)
        response = send(client, "post", reverse("set_language"), form, urlencoded=urlencoded)
        assert_no_server_error(response)
        codes = {code for code, _ in django_settings.LANGUAGES}
        assert User.objects.get(pk=world.owner.pk).preferred_language in codes | {""}
        assert Assessment.objects.get(pk=world.draft.pk).language in codes


# ---------------------------------------------------------------------------- the profile


def _company_row(company: Company) -> dict:
    return Company.objects.filter(pk=company.pk).values().get()


@FUZZ
@given(data=st.data(), urlencoded=st.booleans())
def test_profile(world, data, urlencoded):
    valid = {
        "name": "Mekong Looms",
        "country": "VN",
        "province": "Hue",
        "sector": "retail",
        "size_band": "small",
        "founded_year": "2001",
        "women_led": "on",
        "youth_led": "true",
        "exports": "planning",
        "cohort_code": "spring-2026",
    }
    plausible = {"cohort_code": ["SPRING-2026", "no-such-cohort"], "founded_year": ["1899"]}
    form = data.draw(spoiled(valid, plausible))
    with rolled_back():
        before = _company_row(world.company)
        client = world.client(world.owner)
        response = send(client, "post", reverse("profile"), form, urlencoded=urlencoded)
        assert_no_server_error(response)
        after = _company_row(world.company)
        if response.status_code != 302:
            assert after == before
        else:
            # Free text may be cleaned on the way in; choices are stored as sent.
            for field in ("country", "sector", "size_band", "exports"):
                assert after[field] == (form[field][-1] if field in form else "")
            assert after["youth_led"] in (True, False, None)


# ---------------------------------------------------------------------------- the questionnaire


def _options(world: World, code: str) -> list[str]:
    question = Question.objects.get(pillar__questionnaire=world.version, code=code)
    return [str(pk) for pk in question.options.values_list("pk", flat=True)]


def _answers_state(assessment: Assessment) -> list[tuple]:
    return sorted(
        (a.question_id, a.number, a.text, tuple(sorted(o.pk for o in a.options.all())))
        for a in assessment.answers.prefetch_related("options")
    )


def assert_answers_are_valid(assessment: Assessment) -> None:
    """Whatever was sent, what is stored is a possible answer to each question."""
    for answer in assessment.answers.select_related("question").prefetch_related("options"):
        question, options = answer.question, list(answer.options.all())
        assert all(o.question_id == question.pk for o in options)
        assert len({o.pk for o in options}) == len(options)
        if question.type == Question.Type.MULTIPLE:
            assert len(options) == 1 or all(o.kind == Option.Kind.NORMAL for o in options)
        elif question.type == Question.Type.NUMBER:
            assert (answer.number is None) != (not options)
            if answer.number is not None:
                assert question.min_value is None or answer.number >= question.min_value
                assert question.max_value is None or answer.number <= question.max_value
        elif question.type == Question.Type.TEXT:
            assert answer.text.strip() and len(answer.text) <= question.max_length
        else:
            assert len(options) == 1
        assert isinstance(answer.number, Decimal | None)


@FUZZ
@given(data=st.data(), urlencoded=st.booleans(), index=st.sampled_from([1, 2]))
def test_questionnaire_page(world, data, urlencoded, index):
    internet, tools = _options(world, "inf-internet"), _options(world, "inf-tools")
    staff, skills = _options(world, "inf-staff-online"), _options(world, "tal-skills")
    champion = _options(world, "tal-champion")
    if index == 1:
        valid = {
            "q-inf-internet": internet[1],
            "q-inf-tools": tools[:2],
            "q-inf-staff-online": "60",
            "nav": "next",
        }
        plausible = {
            "q-inf-internet": internet + tools[:1],
            "q-inf-tools": tools + internet[:1],
            "q-inf-staff-online": ["0", "100", "100.01", "-0", "12.345"],
            "q-inf-staff-online-special": staff,
        }
    else:
        valid = {
            "q-tal-skills": skills[2],
            "q-tal-champion": champion[0],
            "q-tal-obstacle": "Slow internet",
            "nav": "review",
        }
        plausible = {
            "q-tal-skills": skills + champion,
            "q-tal-obstacle": ["x" * 500, "x" * 501, "  "],
        }
    # The version of an unanswered page (the world's draft has no answers), a stale one
    # and forged ones.
    pillar = list(world.version.pillars.all())[index - 1]
    current = page_version((q.pk, AnswerState()) for q in pillar.questions.all())
    stale = current.replace(AnswerState().digest(), "0123456789ab", 1)
    valid["answers_version"] = current
    plausible["answers_version"] = [stale, "", "1:0123456789ab", "x:y"]
    plausible["nav"] = ["prev", "next", "save", "review", "bogus"]
    plausible["language"] = ["th", "xx"]
    plausible["q-inf-unknown"] = internet
    form = data.draw(spoiled(valid, plausible))
    url = reverse("assessment_page", args=[world.draft.pk, index])
    with rolled_back():
        before = _answers_state(world.draft)
        response = send(world.client(world.owner), "post", url, form, urlencoded=urlencoded)
        assert_no_server_error(response)
        if response.status_code >= 400:
            assert _answers_state(world.draft) == before
        assert_answers_are_valid(world.draft)


@FUZZ
@given(data=st.data(), urlencoded=st.booleans(), complete=st.booleans())
def test_review_and_submit(world, data, urlencoded, complete):
    form = data.draw(spoiled({}, {"confirm": ["on"], "nav": ["review"]}))
    with rolled_back():
        if complete:
            answer_all(world.draft)
        client = world.client(world.owner)
        review = reverse("assessment_review", args=[world.draft.pk])
        assert_no_server_error(send(client, "get", review, form, urlencoded=urlencoded))
        url = reverse("assessment_submit", args=[world.draft.pk])
        response = send(client, "post", url, form, urlencoded=urlencoded)
        assert_no_server_error(response)
        draft = Assessment.objects.get(pk=world.draft.pk)
        assert draft.is_submitted == complete
        assert draft.is_submitted == (draft.overall_score is not None)


@FUZZ
@given(data=st.data(), urlencoded=st.booleans())
def test_start_assessment(world, data, urlencoded):
    form = data.draw(spoiled({}, {"questionnaire": [str(world.version.pk)]}))
    with rolled_back():
        client = world.client(world.owner)
        response = send(client, "post", reverse("assessment_start"), form, urlencoded=urlencoded)
        assert_no_server_error(response)
        # The draft in progress is resumed, never doubled.
        assert world.company.assessments.filter(status="draft").count() == 1


# ---------------------------------------------------------------------------- data rights


@FUZZ
@given(data=st.data(), urlencoded=st.booleans())
def test_delete_account(world, data, urlencoded):
    form = data.draw(spoiled({"password": PASSWORD, "confirm": "on"}, {"password": ["nope"]}))
    with rolled_back():
        client = world.client(world.owner)
        response = send(client, "post", reverse("delete_account"), form, urlencoded=urlencoded)
        assert_no_server_error(response)
        kept = User.objects.filter(pk=world.owner.pk).exists()
        assert kept == (response.status_code != 302)
        # All or nothing: the firm's data goes with the account, or stays whole.
        assert Company.objects.filter(pk=world.company.pk).exists() == kept
        assert Assessment.objects.filter(company=world.company).count() == (2 if kept else 0)
        assert Answer.objects.filter(assessment=world.submitted).exists() == kept


@FUZZ
@given(data=st.data(), method=st.sampled_from(["get", "post"]))
def test_my_data_and_logout(world, data, method):
    form = data.draw(spoiled({}, {"format": ["json", "csv"]}))
    with rolled_back():
        client = world.client(world.owner)
        response = send(client, method, reverse("my_data"), form, urlencoded=False)
        assert_no_server_error(response)
        assert response.status_code == (200 if method == "get" else 405)
        assert_no_server_error(send(client, "post", reverse("logout"), form, urlencoded=False))


# ---------------------------------------------------------------------------- staff and reports


def _staff_filters(world: World) -> tuple[dict, dict]:
    valid = {
        "version": str(world.version.pk),
        "country": "LA",
        "sector": "creative",
        "size_band": "micro",
        "cohort": "spring-2026",
        "submitted_from": "2020-01-01",
        "submitted_to": "2030-12-31",
    }
    plausible = {
        "version": ["999999", str(world.version.pk + 1), "-1"],
        "cohort": ["no-such", "SPRING-2026"],
        "submitted_from": ["1999-12-31", "2030-12-31", "0001-01-01", "9999-12-31"],
        "submitted_to": ["2020-01-01", "1-1-1"],
    }
    return valid, plausible


@FUZZ
@given(data=st.data())
def test_analytics_filters(world, data):
    valid, plausible = _staff_filters(world)
    form = data.draw(spoiled(valid, plausible))
    with rolled_back():
        client = world.client(world.officer)
        response = send(client, "get", reverse("analytics"), form, urlencoded=False)
        assert_no_server_error(response)
        assert response.status_code in (200, 400)


@FUZZ
@given(data=st.data())
def test_export_form(world, data):
    valid, plausible = _staff_filters(world)
    valid.update(format="csv", include_free_text="on")
    plausible.update(format=["xlsx", "pdf"], include_free_text=["off", "false"])
    form = data.draw(spoiled(valid, plausible))
    with rolled_back():
        client = world.client(world.officer)
        response = send(client, "get", reverse("export_responses"), form, urlencoded=False)
        assert_no_server_error(response)
        assert response.status_code in (200, 400)


LANGUAGE_SEGMENTS = st.sampled_from(["xx", "EN", "en-us", "zh_hans", "..", "%00"]) | st.text(
    st.characters(exclude_characters="/"), min_size=1, max_size=20
).filter(lambda code: code not in dict(django_settings.LANGUAGES))


@FUZZ
@given(data=st.data(), language=LANGUAGE_SEGMENTS, retry=st.booleans())
def test_report_request_and_retry(world, data, language, retry):
    # A valid language renders a real PDF; the report flow's own tests cover that path.
    form = data.draw(spoiled({}, {"language": ["en", "vi"]}))
    base = f"/assessments/{world.submitted.pk}/report/{quote(language, safe='')}/"
    with rolled_back():
        client = world.client(world.owner)
        method, url = ("post", base + "retry/") if retry else ("get", base)
        response = send(client, method, url, form, urlencoded=False)
        assert_no_server_error(response)
