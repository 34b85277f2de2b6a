"""manage.py export_responses: the same file as the page, written safely, clear errors."""

from __future__ import annotations

import stat

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessment.authoring.questionnaire_yaml import import_dict
from tests.conftest import small_questionnaire_data
from tests.export_helpers import (
    OBSTACLE,
    csv_rows,
    firm,
    submitted,
    with_obstacle,
    xlsx_rows,
    xlsx_sheet,
)

pytestmark = pytest.mark.django_db


def run(*args: str) -> None:
    call_command("export_responses", *args, verbosity=0)


def test_csv_is_the_same_file_the_page_sends(tmp_path, admin_client, questionnaire):
    for _ in range(3):
        submitted(firm(), questionnaire, with_obstacle())
    target = tmp_path / "out.csv"
    run("--format", "csv", "--output", str(target))
    response = admin_client.get(
        reverse("export_responses"), {"version": questionnaire.pk, "format": "csv"}
    )
    assert target.read_bytes() == b"".join(response.streaming_content)
    assert len(csv_rows(target.read_bytes())) == 3
    assert OBSTACLE.encode() not in target.read_bytes()


def test_small_chunks_write_the_same_file(tmp_path, questionnaire):
    for _ in range(5):
        submitted(firm(), questionnaire)
    run("--format", "csv", "--output", str(tmp_path / "one.csv"))
    run("--format", "csv", "--output", str(tmp_path / "many.csv"), "--chunk-size", "2")
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "many.csv").read_bytes()


def test_xlsx_with_free_text_and_a_version_by_slug_and_number(tmp_path, questionnaire):
    submitted(firm(), questionnaire, with_obstacle("=1+1"))
    target = tmp_path / "out.xlsx"
    run("--format", "xlsx", "--output", str(target), "--version", "test-q:1", "--include-free-text")
    data = target.read_bytes()
    assert xlsx_rows(data)[0]["tal-obstacle"] == "'=1+1"
    assert all(cell.data_type != "f" for row in xlsx_sheet(data) for cell in row)


def test_the_version_by_id_and_an_older_version(tmp_path, questionnaire):
    submitted(firm(), questionnaire)
    import_dict(small_questionnaire_data(number=2)).publish()  # v1 is now retired
    target = tmp_path / "v1.csv"
    run("--format", "csv", "--output", str(target), "--version", str(questionnaire.pk))
    assert [r["questionnaire"] for r in csv_rows(target.read_bytes())] == ["test-q v1"]
    run("--format", "csv", "--output", str(target))  # the latest published: v2, no rows yet
    assert csv_rows(target.read_bytes()) == []
    assert target.read_bytes().decode("utf-8-sig").startswith("response_id,")


def test_the_file_is_private_and_no_partial_file_is_left(tmp_path, questionnaire):
    submitted(firm(), questionnaire)
    target = tmp_path / "out.csv"
    run("--format", "csv", "--output", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_it_says_how_many_rows_it_wrote(tmp_path, questionnaire, capsys):
    submitted(firm(), questionnaire)
    call_command("export_responses", "--format", "csv", "--output", str(tmp_path / "o.csv"))
    assert "Wrote 1 responses to test-q v1 (without free text)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("test-q:9", "No questionnaire version “test-q:9”"),
        ("test-q:one", "the version number after the colon is not a number"),
        ("test-q", "give SLUG:NUMBER"),
        ("999999", "No questionnaire version “999999”"),
    ],
)
def test_a_bad_version_is_a_clear_error_and_keeps_the_old_file(
    tmp_path, questionnaire, version, message
):
    target = tmp_path / "out.csv"
    target.write_text("the previous export")
    with pytest.raises(CommandError, match=message):
        run("--format", "csv", "--output", str(target), "--version", version)
    assert target.read_text() == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_no_published_version_is_a_clear_error(tmp_path, db):
    with pytest.raises(CommandError, match="No questionnaire version is published"):
        run("--format", "csv", "--output", str(tmp_path / "out.csv"))


def test_a_missing_directory_or_a_directory_is_a_clear_error(tmp_path, questionnaire):
    with pytest.raises(CommandError, match="does not exist"):
        run("--format", "csv", "--output", str(tmp_path / "nowhere" / "out.csv"))
    with pytest.raises(CommandError, match="is a directory"):
        run("--format", "csv", "--output", str(tmp_path))


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "pdf", "--output", "x"],
        ["--output", "x"],
        ["--format", "csv"],
        ["--format", "csv", "--output", "x", "--chunk-size", "0"],
        ["--format", "csv", "--output", "x", "--chunk-size", "many"],
    ],
)
def test_bad_arguments_are_refused(questionnaire, args):
    with pytest.raises(CommandError):
        run(*args)
