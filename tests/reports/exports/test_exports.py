"""The export from the database: who is in it, what leaves, columns, filters, chunks."""

from __future__ import annotations

import datetime
import io
import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessment.authoring.questionnaire_yaml import import_dict
from assessment.models import Assessment, Cohort, Company, QuestionnaireVersion
from reports.exports.queries import (
    ExportFilters,
    VersionNotFound,
    csv_stream,
    find_version,
    latest_published_version,
    prepare_export,
    row_chunks,
    write_xlsx_export,
)
from reports.exports.rows import PROFILE_HEADER
from tests.conftest import answer, answer_all, small_questionnaire_data
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

QUESTION_CODES = ["inf-internet", "inf-tools", "inf-staff-online", "tal-skills", "tal-champion"]


def export_csv(version, filters=None, *, free_text=False, chunk_size=1000) -> bytes:
    export = prepare_export(version, filters, include_free_text=free_text)
    return b"".join(csv_stream(export, chunk_size))


def export_xlsx(version, filters=None, *, free_text=False, chunk_size=1000) -> bytes:
    target = io.BytesIO()
    write_xlsx_export(prepare_export(version, filters, include_free_text=free_text), target)
    return target.getvalue()


def xlsx_text(data: bytes) -> str:
    return "\n".join(
        str(cell.value)
        for sheet in ("Responses", "Questions")
        for row in xlsx_sheet(data, sheet)
        for cell in row
    )


# --- what leaves ----------------------------------------------------------------------


def test_no_names_emails_company_names_provinces_or_free_text_by_default(questionnaire):
    company = firm()
    assessment = submitted(company, questionnaire, with_obstacle())
    owner = company.owner
    for text in (
        export_csv(questionnaire).decode("utf-8-sig"),
        xlsx_text(export_xlsx(questionnaire)),
    ):
        for secret in (
            company.name,
            owner.email,
            owner.first_name,
            owner.last_name,
            company.province,
            "Bounmy",
            "retiring",
            "example.org",
        ):
            assert secret not in text
        assert "tal-obstacle" not in text  # not even the column
    row = csv_rows(export_csv(questionnaire))[0]
    assert row["response_id"] != str(assessment.pk)
    assert row["company_ref"] != str(company.pk)
    assert str(assessment.pk) not in row.values() and str(company.pk) not in row.values()


def test_free_text_leaves_only_when_asked_for(questionnaire):
    submitted(firm(), questionnaire, with_obstacle())
    assert csv_rows(export_csv(questionnaire, free_text=True))[0]["tal-obstacle"] == OBSTACLE
    assert xlsx_rows(export_xlsx(questionnaire, free_text=True))[0]["tal-obstacle"] == OBSTACLE
    assert "Bounmy" not in export_csv(questionnaire).decode()


def test_free_text_read_from_the_database_only_when_asked_for(questionnaire):
    submitted(firm(), questionnaire, with_obstacle())
    with CaptureQueriesContext(connection) as queries:
        export_csv(questionnaire)
    answer_queries = [q["sql"] for q in queries if "assessment_answer" in q["sql"]]
    assert answer_queries and all('."text"' not in sql for sql in answer_queries)


def test_a_row_holds_the_frozen_profile_scores_and_answer_codes(questionnaire):
    cohort = Cohort.objects.create(code="mi-digital-2026a", name="Digital 2026")
    company = firm(
        country="TH",
        sector="agrifood",
        size_band="small",
        founded_year=2017,
        women_led=False,
        cohort=cohort,
    )
    at = timezone.make_aware(datetime.datetime(2026, 3, 1, 23, 30))
    assessment = submitted(company, questionnaire, at=at, language="th")
    # A later change of profile does not change what was submitted.
    Company.objects.filter(pk=company.pk).update(country="VN", sector="ict")
    row = csv_rows(export_csv(questionnaire))[0]
    pillars = {p["code"]: p["score"] for p in assessment.result["pillars"]}
    assert row == {
        **row,
        "questionnaire": "test-q v1",
        "submitted_on": "2026-03-01",
        "language": "th",
        "country": "TH",
        "sector": "agrifood",
        "size_band": "small",
        "founded_decade": "2010",
        "women_led": "no",
        "cohort": "mi-digital-2026a",
        "overall_score": str(assessment.overall_score),
        "level": assessment.level,
        "score_infrastructure": str(pillars["infrastructure"]),
        "score_talent": str(pillars["talent"]),
        "inf-internet": "mobile",
        "inf-tools": "email|cloud",
        "inf-staff-online": "50",
        "tal-skills": "l3",
        "tal-champion": "no",
    }
    xrow = xlsx_rows(export_xlsx(questionnaire))[0]
    assert xrow["inf-staff-online"] == 50
    assert xrow["overall_score"] == assessment.overall_score
    assert xrow["submitted_on"] == datetime.datetime(2026, 3, 1)


def test_opaque_ids_pair_a_firms_assessments_and_only_those(questionnaire):
    first, second = firm(), firm()
    submitted(first, questionnaire)
    submitted(first, questionnaire)
    submitted(second, questionnaire)
    rows = csv_rows(export_csv(questionnaire))
    assert len({r["response_id"] for r in rows}) == 3
    refs = [r["company_ref"] for r in rows]
    assert refs[0] == refs[1] != refs[2]
    assert csv_rows(export_csv(questionnaire)) == rows  # stable from one export to the next


def test_only_consenting_firms_submitted_assessments_are_exported(questionnaire):
    submitted(firm(), questionnaire)
    submitted(firm(consent=False), questionnaire)
    Assessment.objects.create(company=firm(), questionnaire=questionnaire)  # a draft
    assert len(csv_rows(export_csv(questionnaire))) == 1


def test_cells_that_look_like_formulas_are_inert_in_both_formats(questionnaire):
    submitted(firm(), questionnaire, with_obstacle('=HYPERLINK("http://evil","x")'))
    submitted(firm(), questionnaire, with_obstacle("@SUM(1+1)*cmd|' /C calc'!A0"))
    submitted(firm(), questionnaire, with_obstacle("-2+3"))
    expected = ['\'=HYPERLINK("http://evil","x")', "'@SUM(1+1)*cmd|' /C calc'!A0", "'-2+3"]
    assert [r["tal-obstacle"] for r in csv_rows(export_csv(questionnaire, free_text=True))] == (
        expected
    )
    sheet = xlsx_sheet(export_xlsx(questionnaire, free_text=True))
    assert all(cell.data_type != "f" for row in sheet for cell in row)
    column = [cell.value for cell in sheet[0]].index("tal-obstacle")
    assert [row[column].value for row in sheet[1:]] == expected
    assert all(row[column].data_type == "s" for row in sheet[1:])


def test_level_names_and_codes_an_admin_typed_are_inert_too(db):
    data = small_questionnaire_data()
    data["levels"][0]["name"] = "=1+1"
    data["levels"][1]["name"] = "-Emerging"
    data["pillars"][1]["questions"][1]["code"] = "-champion"
    version = import_dict(data)
    version.publish()
    assessment = submitted(firm(), version, lambda a: answer_all_but_champion(a))
    assert assessment.level in ("=1+1", "-Emerging")
    row = csv_rows(export_csv(version))[0]
    assert row["level"] == "'" + assessment.level
    assert "'-champion" in row
    sheet = xlsx_sheet(export_xlsx(version))
    assert all(cell.data_type != "f" for row in sheet for cell in row)


def answer_all_but_champion(assessment: Assessment) -> None:
    answer(assessment, "inf-internet", "none")
    answer(assessment, "inf-tools", "email")
    answer(assessment, "inf-staff-online", number=10)
    answer(assessment, "tal-skills", "l0")


# --- columns per version ----------------------------------------------------------------


def test_one_column_per_question_of_the_version(questionnaire):
    submitted(firm(), questionnaire)
    header = list(csv_rows(export_csv(questionnaire))[0])
    assert header == [*PROFILE_HEADER, "score_infrastructure", "score_talent", *QUESTION_CODES]
    assert list(csv_rows(export_csv(questionnaire, free_text=True))[0])[-1] == "tal-obstacle"


def test_each_version_has_its_own_columns_and_rows(questionnaire):
    submitted(firm(), questionnaire)
    data = small_questionnaire_data(number=2)
    data["pillars"][0]["questions"].append(
        {
            "code": "inf-website",
            "type": "yes_no",
            "text": "Do you have a website?",
            "options": [
                {"code": "yes", "label": "Yes", "points": 4},
                {"code": "no", "label": "No"},
            ],
        }
    )
    second = import_dict(data)
    second.publish()
    submitted(firm(), second, lambda a: (answer_all(a), answer(a, "inf-website", "yes")))
    assert latest_published_version() == second
    rows = csv_rows(export_csv(second))
    assert len(rows) == 1 and rows[0]["inf-website"] == "yes"
    assert rows[0]["questionnaire"] == "test-q v2"
    old = csv_rows(export_csv(questionnaire))
    assert len(old) == 1 and "inf-website" not in old[0]


def test_xlsx_explains_the_exported_columns_codes(questionnaire):
    submitted(firm(), questionnaire)
    legend = [[c.value for c in row] for row in xlsx_sheet(export_xlsx(questionnaire), "Questions")]
    assert [row[1] for row in legend[1:]] == QUESTION_CODES
    assert legend[1][4] == "none = Not at all; mobile = Mobile data; fibre = Fibre; dk = Don't know"


# --- filters ------------------------------------------------------------------------------


def test_filters_narrow_on_the_profile_frozen_at_submission(questionnaire):
    cohort = Cohort.objects.create(code="c1", name="Cohort one")
    submitted(firm(country="TH", sector="ict", size_band="small", cohort=cohort), questionnaire)
    moved = firm(country="LA", sector="trade", size_band="medium")
    submitted(moved, questionnaire)
    Company.objects.filter(pk=moved.pk).update(country="TH")  # after submission

    def countries(**filters):
        return [r["country"] for r in csv_rows(export_csv(questionnaire, ExportFilters(**filters)))]

    assert countries(country="TH") == ["TH"]
    assert countries(country="LA") == ["LA"]
    assert countries(sector="trade") == ["LA"]
    assert countries(size_band="small") == ["TH"]
    assert countries(cohort="c1") == ["TH"]
    assert countries(country="TH", sector="trade") == []
    assert countries(country="KH") == []


def test_date_range_includes_both_ends_in_local_time(questionnaire):
    for day in (1, 2, 3):
        at = timezone.make_aware(datetime.datetime(2026, 3, day, 23, 59))
        submitted(firm(), questionnaire, at=at)

    def dates(start=None, end=None):
        filters = ExportFilters(submitted_from=start, submitted_to=end)
        return [r["submitted_on"] for r in csv_rows(export_csv(questionnaire, filters))]

    assert dates(datetime.date(2026, 3, 2)) == ["2026-03-02", "2026-03-03"]
    assert dates(end=datetime.date(2026, 3, 2)) == ["2026-03-01", "2026-03-02"]
    assert dates(datetime.date(2026, 3, 2), datetime.date(2026, 3, 2)) == ["2026-03-02"]


# --- chunks and queries -----------------------------------------------------------------------


def test_small_chunks_give_the_same_output_as_one_chunk(questionnaire):
    for i in range(7):
        submitted(firm(), questionnaire, with_obstacle(f"obstacle {i}"), language="vi")
    whole = export_csv(questionnaire, free_text=True, chunk_size=1000)
    for size in (1, 2, 3):
        assert export_csv(questionnaire, free_text=True, chunk_size=size) == whole
    assert len(csv_rows(whole)) == 7
    whole_xlsx = xlsx_rows(export_xlsx(questionnaire, free_text=True))
    assert xlsx_rows(export_xlsx(questionnaire, free_text=True, chunk_size=2)) == whole_xlsx


def _queries(version, chunk_size: int) -> int:
    export = prepare_export(version)
    with CaptureQueriesContext(connection) as queries:
        for _chunk in row_chunks(export, chunk_size):
            pass
    return len(queries)


def test_queries_grow_with_chunks_not_rows(questionnaire):
    for _ in range(3):
        submitted(firm(), questionnaire)
    three_rows_one_chunk = _queries(questionnaire, 10)
    for _ in range(5):
        submitted(firm(), questionnaire)
    eight_rows_one_chunk = _queries(questionnaire, 10)
    assert three_rows_one_chunk == eight_rows_one_chunk == 2  # the assessments, their answers
    for size in (1, 3, 4):
        assert _queries(questionnaire, size) == 1 + math.ceil(8 / size)


def test_preparing_an_export_reads_the_version_in_three_queries(
    questionnaire, django_assert_num_queries
):
    with django_assert_num_queries(3):
        prepare_export(questionnaire)


# --- finding the version --------------------------------------------------------------------


def test_find_version_by_slug_and_number_or_id_or_latest(questionnaire):
    assert find_version("test-q:1") == questionnaire
    assert find_version(str(questionnaire.pk)) == questionnaire
    assert find_version(None) == questionnaire
    for bad in ("test-q:2", "test-q:x", "nope", "999999"):
        with pytest.raises(VersionNotFound):
            find_version(bad)


def test_without_a_published_version_there_is_no_default(db):
    import_dict(small_questionnaire_data())  # a draft
    assert QuestionnaireVersion.objects.count() == 1
    with pytest.raises(VersionNotFound, match="No questionnaire version is published"):
        find_version(None)
