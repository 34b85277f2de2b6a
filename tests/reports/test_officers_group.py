"""The "Programme officers" group: there after migrate, analytics and exports, a read-only admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from assessment.authoring.versions import version_copy_as_draft
from assessment.models import QuestionnaireVersion, User
from reports.models import Programme
from reports.officers import OFFICER_PERMISSIONS, OFFICERS_GROUP, ensure_officers_group

pytestmark = pytest.mark.django_db

ADMIN_LIST = "/admin/assessment/questionnaireversion/"


def permissions_of(group: Group) -> set[tuple[str, str]]:
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_the_group_exists_after_migrate_with_its_permissions():
    # The test database was built by migrate, which sends post_migrate.
    group = Group.objects.get(name=OFFICERS_GROUP)
    assert permissions_of(group) == set(OFFICER_PERMISSIONS)
    codenames = {codename for _, codename in OFFICER_PERMISSIONS}
    assert not {c for c in codenames if c.split("_")[0] in ("add", "change", "delete")}


def test_migrate_again_changes_nothing_and_keeps_what_an_admin_added():
    group = Group.objects.get(name=OFFICERS_GROUP)
    extra = Permission.objects.get(codename="add_cohort")
    group.permissions.add(extra)
    call_command("migrate", verbosity=0)
    ensure_officers_group()
    assert Group.objects.filter(name=OFFICERS_GROUP).count() == 1
    assert permissions_of(group) == {*OFFICER_PERMISSIONS, ("assessment", "add_cohort")}


def test_a_deleted_group_comes_back_on_the_next_migrate():
    Group.objects.filter(name=OFFICERS_GROUP).delete()
    call_command("migrate", verbosity=0)
    assert permissions_of(Group.objects.get(name=OFFICERS_GROUP)) == set(OFFICER_PERMISSIONS)


@pytest.fixture
def officer_admin(client):
    user = User.objects.create_user("officer@example.org", None, is_staff=True)
    user.groups.add(Group.objects.get(name=OFFICERS_GROUP))
    client.force_login(user)
    return client


def test_an_officer_has_the_analytics_and_export_permissions():
    user = User.objects.create_user("officer@example.org", None)
    user.groups.add(Group.objects.get(name=OFFICERS_GROUP))
    assert user.has_perm("assessment.view_analytics")
    assert user.has_perm("assessment.export_responses")
    assert not user.has_perm("assessment.change_questionnaireversion")
    assert not user.has_perm("assessment.view_assessment")  # answers stay private


def test_an_officer_reads_questionnaires_and_programmes_in_the_admin(officer_admin, questionnaire):
    assert officer_admin.get(ADMIN_LIST).status_code == 200
    change = officer_admin.get(f"{ADMIN_LIST}{questionnaire.pk}/change/")
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()  # read-only
    assert officer_admin.get("/admin/reports/programme/").status_code == 200


def test_an_officer_cannot_add_change_or_delete_a_questionnaire(officer_admin, questionnaire):
    assert officer_admin.get(f"{ADMIN_LIST}add/").status_code == 403
    pk = questionnaire.pk
    response = officer_admin.post(f"{ADMIN_LIST}{pk}/change/", {"title": "Renamed"})
    assert response.status_code == 403
    assert officer_admin.post(f"{ADMIN_LIST}{pk}/delete/", {"post": "yes"}).status_code == 403
    assert officer_admin.post(f"{ADMIN_LIST}import/").status_code == 403
    question = questionnaire.pillars.first().questions.first()
    url = f"/admin/assessment/question/{question.pk}/change/"
    assert officer_admin.post(url, {"text": "Changed"}).status_code == 403
    assert QuestionnaireVersion.objects.get(pk=pk).title == "Test questionnaire"


@pytest.mark.parametrize("action", ["publish", "copy_as_new_draft", "delete_selected"])
def test_an_officer_is_offered_no_changing_action(officer_admin, questionnaire, action):
    draft = version_copy_as_draft(questionnaire)
    page = officer_admin.get(ADMIN_LIST).content.decode()
    assert f'value="{action}"' not in page
    response = officer_admin.post(
        ADMIN_LIST, {"action": action, "_selected_action": [draft.pk], "post": "yes"}
    )
    assert response.status_code in (200, 302)
    assert QuestionnaireVersion.objects.count() == 2
    assert QuestionnaireVersion.objects.get(pk=draft.pk).status == "draft"


def test_a_superuser_still_has_the_publish_and_copy_actions(admin_client, questionnaire):
    page = admin_client.get(ADMIN_LIST).content.decode()
    assert 'value="publish"' in page and 'value="copy_as_new_draft"' in page


def test_an_officer_cannot_change_a_programme(officer_admin):
    programme = Programme.objects.create(code="p1", name="A course", provider="MI")
    url = f"/admin/reports/programme/{programme.pk}/change/"
    assert officer_admin.post(url, {"name": "Renamed"}).status_code == 403
    assert officer_admin.get("/admin/reports/programme/add/").status_code == 403
