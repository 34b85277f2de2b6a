"""The YAML loader for our files: plain data, written out in full, bounded work."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from assessment.authoring.yaml_safety import PlainDumper, YamlRefused, load_yaml
from reports.catalogue.from_yaml import CatalogueFormatError, load_catalogue

SEEDS = Path(settings.BASE_DIR) / "seeds"


def test_plain_data_reads_as_safe_load_reads_it():
    text = "a: yes\nb: 1.5\nc: ~\nd: [1, {x: 'y'}]\ne: 0x10\n"
    assert load_yaml(text) == yaml.safe_load(text)


@pytest.mark.parametrize(
    "path",
    ["questionnaire_v1.yaml", *(str(p.relative_to(SEEDS)) for p in SEEDS.glob("translations/*/*"))],
)
def test_the_seed_files_read_as_before(path):
    text = (SEEDS / path).read_text(encoding="utf-8")
    assert load_yaml(text) == yaml.safe_load(text)


def test_dates_stay_the_text_written():
    assert load_yaml("a: 2024-01-01\nb: 2001-12-14t21:59:43.10-05:00\nc: =\n") == {
        "a": "2024-01-01",
        "b": "2001-12-14t21:59:43.10-05:00",
        "c": "=",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x 1\nb: 2\n", r"line 1, column 4: anchors and aliases"),
        ("a: !!int abc\n", r"line 1, column 4: the tag !!int is not allowed"),
        ("a: !!bool maybe\n", r"the tag !!bool is not allowed"),
        ("a: !!python/object:os.system {}\n", r"the tag !!python/object:os.system"),
        ("a: 1\nb: 2\na: 3\n", r"line 3, column 1: “a” appears twice"),
        ("a: " + "{b: " * 30 + "1" + "}" * 30 + "\n", r"nested more than 20 levels"),
        ('a: "x\\0y"\n', r"line 1, column 4: a NUL character"),
        ("a: 1.0000000000000000000001\n", r"a number longer than 20 characters"),
        ("a: [\n", r"Not valid YAML"),
        ("a: 1\n---\nb: 2\n", r"Not valid YAML: expected a single document"),
    ],
)
def test_what_plain_data_does_not_need_is_refused_with_its_line(text, message):
    with pytest.raises(YamlRefused, match=message):
        load_yaml(text)


def test_the_plain_dumper_writes_a_shared_object_out_twice():
    shared = ["talent", "infrastructure"]
    data = {"a": {"pillars": shared}, "b": {"pillars": shared}}
    assert load_yaml(yaml.dump(data, Dumper=PlainDumper)) == data


def test_a_text_over_the_limit_is_refused_unread():
    with pytest.raises(YamlRefused, match="larger than 10 characters"):
        load_yaml("a: 12345678901\n", max_chars=10)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x: &x {code: a}\nprogrammes: [*x]\n", "anchors and aliases"),
        ("programmes: [\n", "Not valid YAML"),
    ],
)
def test_the_programme_catalogue_uses_the_same_loader(text, message):
    with pytest.raises(CatalogueFormatError, match=message):
        load_catalogue(text)
