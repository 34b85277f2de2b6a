"""The condition editor's rows and the stored JSON, one into the other (pure)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from assessment.admin.condition_rows import bundle_of, rows_to_condition

CONDITIONS = [
    {"profile": "exports", "in": ["yes", "planning"]},
    {"profile": "women_led", "not_in": [True]},
    {"profile": "youth_led", "in": [None]},
    {"question": "staff", "gte": 5},
    {"question": "share", "lte": 12.5},
    {"any": [{"profile": "country", "in": ["TH"]}, {"question": "online", "not_in": ["no"]}]},
    {"all": [{"profile": "sector", "in": ["ict"]}, {"question": "online", "in": ["a", "b"]}]},
]


@pytest.mark.parametrize("condition", CONDITIONS)
def test_a_flat_condition_comes_back_from_its_rows(condition):
    bundle = bundle_of(condition)
    assert not bundle["nested"]
    assert rows_to_condition(bundle["join"], bundle["rows"]) == condition


def test_a_nested_condition_is_left_to_the_json():
    nested = {"any": [{"all": [{"profile": "country", "in": ["TH"]}]}]}
    assert bundle_of(nested)["nested"]


def test_empty_rows_mean_always():
    assert bundle_of({})["rows"] == []
    row = {"subject": "", "op": "in", "values": [], "number": ""}
    assert rows_to_condition("all", [row]) == {}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"subject": "", "op": "in", "values": ['profile:exports|"yes"']}, "choose a field"),
        ({"subject": "profile:exports", "op": "in", "values": []}, "at least one value"),
        ({"subject": "profile:exports", "op": "in", "values": ['profile:sector|"ict"']}, "another"),
        (
            {"subject": "profile:exports", "op": "in", "values": ["profile:exports|{x"]},
            "cannot be read",
        ),
        ({"subject": "question:staff", "op": "gte", "number": "many"}, "not a number"),
        ({"subject": "question:staff", "op": "eq", "number": "1"}, "choose an operator"),
        ({"subject": "turnover", "op": "in", "values": []}, "unknown field"),
    ],
)
def test_a_bad_row_is_refused_with_its_number(row, message):
    full = {"values": [], "number": ""} | row
    with pytest.raises(ValidationError, match=f"Row 1: .*{message}"):
        rows_to_condition("all", [full])
