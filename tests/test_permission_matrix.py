"""Every URL, tried as each kind of user, with the status each must get.

One list, read as a table: a row per URL, a column per role. 404 rather than 403 where
the existence of another firm's assessment must not leak. "login" means a redirect to
the login page; "302" any other redirect.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from assessment.models import Assessment, Cohort, Company, User
from reports.officers import OFFICERS_GROUP
from tests.conftest import answer_all

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "other_sme", "owner", "officer", "admin")


@dataclass(frozen=True)
class World:
    draft: Assessment
    submitted: Assessment


@dataclass(frozen=True)
class Target:
    """A named route, and which object of the world (if any) it is about."""

    route: str
    about: str = ""  # "", "draft" or "submitted"
    args: tuple[object, ...] = ()
    query: str = ""  # "{version}" stands for the world's questionnaire version id

    def url(self, world: World) -> str:
        if not self.about:
            path = reverse(self.route, args=self.args)
        else:
            path = reverse(self.route, args=[getattr(world, self.about).pk, *self.args])
        query = self.query.format(version=world.submitted.questionnaire_id)
        return f"{path}?{query}" if query else path


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    target: Target
    expected: dict[str, str]  # role -> "200", "302", "login", "403", "404", "405"

    def __str__(self) -> str:
        return self.name


def each(anonymous: str, other_sme: str, owner: str, officer: str, admin: str) -> dict:
    return dict(zip(ROLES, (anonymous, other_sme, owner, officer, admin), strict=True))


def page(route: str) -> Target:
    return Target(route)


def of_draft(route: str, *args: object) -> Target:
    return Target(route, "draft", args)


def of_submitted(route: str, *args: object) -> Target:
    return Target(route, "submitted", args)


MATRIX = [
    Row("home", "GET", page("home"), each("200", "200", "200", "200", "200")),
    Row("health check", "GET", page("healthz"), each("200", "200", "200", "200", "200")),
    Row("sign up", "GET", page("signup"), each("200", "302", "302", "302", "302")),
    # The language switcher: a POST form on every page, for everyone.
    Row("switch language", "POST", page("set_language"), each("302", "302", "302", "302", "302")),
    Row(
        "switch language by GET",
        "GET",
        page("set_language"),
        each("405", "405", "405", "405", "405"),
    ),
    Row("sign-up sent", "GET", page("signup_done"), each("200", "200", "200", "200", "200")),
    # A link that is not (or no longer) valid says so to anyone.
    Row(
        "sign-up confirmation, bad link",
        "GET",
        Target("signup_confirm", "", ("MQ", "bad-token")),
        each("200", "200", "200", "200", "200"),
    ),
    Row(
        "sign-up confirmation, bad link, POST",
        "POST",
        Target("signup_confirm", "", ("MQ", "bad-token")),
        each("200", "200", "200", "200", "200"),
    ),
    Row("log in", "GET", page("login"), each("200", "200", "200", "200", "200")),
    Row("password reset", "GET", page("password_reset"), each("200", "200", "200", "200", "200")),
    Row(
        "password change",
        "GET",
        page("password_change"),
        each("login", "200", "200", "200", "200"),
    ),
    Row("profile", "GET", page("profile"), each("login", "200", "200", "200", "200")),
    Row("my data", "GET", page("my_data"), each("login", "200", "200", "200", "200")),
    Row("my data by POST", "POST", page("my_data"), each("login", "405", "405", "405", "405")),
    # Staff accounts are removed by another administrator, not by themselves.
    Row("delete account", "GET", page("delete_account"), each("login", "200", "200", "302", "302")),
    Row(
        "log out on other devices",
        "POST",
        page("end_other_sessions"),
        each("login", "302", "302", "302", "302"),
    ),
    Row(
        "log out on other devices by GET",
        "GET",
        page("end_other_sessions"),
        each("login", "405", "405", "405", "405"),
    ),
    Row("dashboard", "GET", page("dashboard"), each("login", "200", "200", "302", "302")),
    Row(
        "start an assessment",
        "POST",
        page("assessment_start"),
        each("login", "302", "302", "302", "302"),
    ),
    # Answering is the owner's alone, whoever else may read the results.
    Row(
        "questionnaire page",
        "GET",
        of_draft("assessment_page", 1),
        each("login", "404", "200", "404", "404"),
    ),
    Row(
        "questionnaire page, POST",
        "POST",
        of_draft("assessment_page", 1),
        each("login", "404", "302", "404", "404"),
    ),
    Row(
        "questionnaire page out of range",
        "GET",
        of_draft("assessment_page", 9),
        each("login", "404", "404", "404", "404"),
    ),
    Row("review", "GET", of_draft("assessment_review"), each("login", "404", "200", "404", "404")),
    Row(
        "submit another's draft",
        "POST",
        of_draft("assessment_submit"),
        each("login", "404", "302", "404", "404"),
    ),
    Row(
        "results of a draft",
        "GET",
        of_draft("assessment_results"),
        each("login", "404", "302", "404", "404"),
    ),
    # Administrators open any company's results and report; programme officers, staff
    # for the analytics, see no single company's answers.
    Row(
        "results",
        "GET",
        of_submitted("assessment_results"),
        each("login", "404", "200", "404", "200"),
    ),
    Row(
        "report",
        "GET",
        of_submitted("report_download", "en"),
        each("login", "404", "200", "404", "200"),
    ),
    Row(
        "report in the reader's language",
        "GET",
        of_submitted("report_in_reader_language"),
        each("login", "404", "302", "404", "302"),
    ),
    Row(
        "report in an unknown language",
        "GET",
        of_submitted("report_download", "xx"),
        each("login", "404", "404", "404", "404"),
    ),
    Row(
        "report retry by GET",
        "GET",
        of_submitted("report_retry", "en"),
        each("login", "405", "405", "405", "405"),
    ),
    # Only the owner marks its plan: anyone else gets 404, as for every other write.
    Row(
        "mark a plan action",
        "POST",
        of_submitted("plan_mark", "inf-internet"),
        each("login", "404", "400", "404", "404"),
    ),
    Row(
        "full report",
        "GET",
        of_submitted("report_download_full", "en"),
        each("login", "404", "200", "404", "200"),
    ),
    Row(
        "full report retry by GET",
        "GET",
        of_submitted("report_retry_full", "en"),
        each("login", "405", "405", "405", "405"),
    ),
    # Aggregates for programme officers and administrators; respondents never see them.
    Row("analytics", "GET", page("analytics"), each("login", "403", "403", "200", "200")),
    Row(
        "analytics: cohorts",
        "GET",
        page("analytics_cohorts"),
        each("login", "403", "403", "200", "200"),
    ),
    Row(
        "analytics: one cohort",
        "GET",
        Target("analytics_cohort", "", ("spring-2026",)),
        each("login", "403", "403", "200", "200"),
    ),
    # Reminder consent is each user's own; the unsubscribe link's token is its credential.
    Row(
        "reminders: turn on",
        "POST",
        page("reminders_choose"),
        each("login", "302", "302", "302", "302"),
    ),
    Row(
        "reminders: unsubscribe, bad link",
        "GET",
        Target("reminders_unsubscribe", "", ("bad-token",)),
        each("404", "404", "404", "404", "404"),
    ),
    Row(
        "reminders: unsubscribe, bad link, POST",
        "POST",
        Target("reminders_unsubscribe", "", ("bad-token",)),
        each("404", "404", "404", "404", "404"),
    ),
    Row(
        "analytics: who gets each programme",
        "GET",
        page("targeting_reach"),
        each("login", "403", "403", "200", "200"),
    ),
    Row(
        "analytics: what would we recommend",
        "GET",
        page("targeting_try"),
        each("login", "403", "403", "200", "200"),
    ),
    Row("exports", "GET", page("export_responses"), each("login", "403", "403", "200", "200")),
    Row(
        "exports: a CSV download",
        "GET",
        Target("export_responses", query="version={version}&format=csv"),
        each("login", "403", "403", "200", "200"),
    ),
    Row(
        "exports: an XLSX download",
        "GET",
        Target("export_responses", query="version={version}&format=xlsx"),
        each("login", "403", "403", "200", "200"),
    ),
    Row(
        "exports: a tampered version",
        "GET",
        Target("export_responses", query="version=999999&format=csv"),
        each("login", "403", "403", "400", "400"),
    ),
    Row("admin", "GET", page("admin:index"), each("login", "login", "login", "200", "200")),
    Row(
        "admin: add a questionnaire",
        "GET",
        page("admin:assessment_questionnaireversion_add"),
        each("login", "login", "login", "403", "200"),
    ),
    Row(
        "admin: questionnaires, read-only",
        "GET",
        page("admin:assessment_questionnaireversion_changelist"),
        each("login", "login", "login", "200", "200"),
    ),
    Row(
        "admin: programmes, read-only",
        "GET",
        page("admin:reports_programme_changelist"),
        each("login", "login", "login", "200", "200"),
    ),
    Row(
        "admin: assessments",
        "GET",
        page("admin:assessment_assessment_changelist"),
        each("login", "login", "login", "403", "200"),
    ),
]


def officer_group() -> Group:
    """The real group, as migrate leaves it: the matrix tests the shipped rights."""
    return Group.objects.get(name=OFFICERS_GROUP)


@pytest.fixture
def world(questionnaire, settings) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    owner = User.objects.create_user("owner@example.org", "pw-owner-1")
    firm = Company.objects.create(
        owner=owner, name="Owner Firm", country="LA", sector="creative", size_band="micro"
    )
    submitted = Assessment.objects.create(company=firm, questionnaire=questionnaire)
    answer_all(submitted)
    assert submitted.submit()
    draft = Assessment.objects.create(company=firm, questionnaire=questionnaire)
    other = User.objects.create_user("other@example.org", "pw-other-1")
    Company.objects.create(
        owner=other, name="Other Firm", country="TH", sector="retail", size_band="small"
    )
    officer = User.objects.create_user("officer@example.org", "pw-officer-1", is_staff=True)
    officer.groups.add(officer_group())
    User.objects.create_superuser("admin@example.org", "pw-admin-1")
    Cohort.objects.create(code="spring-2026", name="Spring 2026 e-commerce course")
    return World(draft=draft, submitted=submitted)


def client_for(role: str) -> Client:
    client = Client()
    email = {
        "other_sme": "other@example.org",
        "owner": "owner@example.org",
        "officer": "officer@example.org",
        "admin": "admin@example.org",
    }.get(role)
    if email:
        client.force_login(User.objects.get(email=email))
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", MATRIX, ids=str)
def test_permission_matrix(row: Row, role: str, world: World, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    url = row.target.url(world)
    client = client_for(role)
    response = client.get(url) if row.method == "GET" else client.post(url)
    expected = row.expected[role]
    if expected == "login":
        assert response.status_code == 302, f"{row} as {role}: {response.status_code}"
        login_urls = (reverse("login"), reverse("admin:login"))
        assert response["Location"].startswith(login_urls), response["Location"]
    else:
        assert str(response.status_code) == expected, f"{row} as {role}"


def test_the_matrix_names_every_url_pattern():
    """A new URL must get its row: every named route of the site is in the table."""
    from django.urls import get_resolver

    names = {
        name
        for name in get_resolver().reverse_dict
        if isinstance(name, str) and not name.startswith("admin")
    }
    tried = {row.target.route for row in MATRIX}
    # Django's own auth views that need a token in the URL are tried by
    # tests/assessment/accounts/test_accounts.py.
    untested = (
        names
        - tried
        - {
            "password_reset_confirm",
            "password_reset_done",
            "password_reset_complete",
            "password_change_done",
            "logout",
        }
    )
    assert not untested, f"URLs without a row in the matrix: {sorted(untested)}"
