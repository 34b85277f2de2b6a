"""The web pages' fonts: every script is served by the app as WOFF2 subsets whose
unicode-range lets a browser download only what a page's characters need."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from fontTools.ttLib import TTFont

from assessment.models import Assessment, Company, User
from tests.i18n_check import visible_text
from tests.i18n_helpers import LANGUAGES
from tests.web_fonts import ALL_FACES, FONT_BUDGET, STATIC, needed

ZH_FIXTURE = (
    Path(__file__).resolve().parents[1] / "fixtures/translations/zh-hans/questionnaire_test.yaml"
)


def test_every_face_file_exists_and_covers_its_unicode_range():
    assert len(ALL_FACES) > 20
    for _family, _weight, path, points in ALL_FACES:
        cmap = set(TTFont(path).getBestCmap())
        if "-common-" in path.name:
            # A span of common characters claims the ones between that it lacks.
            assert cmap <= points and len(points) == max(points) - min(points) + 1, path.name
        else:
            assert points <= cmap, path.name


def test_the_chinese_spans_come_before_the_slices_of_our_texts():
    """Where ranges overlap the browser tries the last rule first: our texts' exact
    slices must follow the common spans, or a page would fetch spans it does not need."""
    chinese = [path.name for family, _w, path, _p in ALL_FACES if family == "MDR SC"]
    spans = [i for i, name in enumerate(chinese) if "-common-" in name]
    assert spans and spans == list(range(len(spans))) and len(spans) < len(chinese)


@pytest.mark.parametrize(
    ("family", "sample"),
    [
        ("MDR Thai", "การประเมินความพร้อม"),
        ("MDR Khmer", "ការវាយតម្លៃ"),
        ("MDR Lao", "ການປະເມີນ"),
        ("MDR Myanmar", "ဒစ်ဂျစ်တယ် အဆင်သင့်ဖြစ်မှု"),
        ("MDR SC", "数字化准备程度"),
    ],
)
def test_each_script_has_a_face(family, sample):
    points = set().union(*(p for f, _w, _path, p in ALL_FACES if f == family))
    assert {ord(c) for c in sample if not c.isspace()} <= points


def _chinese_texts() -> str:
    import yaml

    from scripts.build_web_fonts import chinese_texts

    return "".join(chinese_texts()) + yaml.safe_dump(
        yaml.safe_load(
            (
                Path(__file__).resolve().parents[1]
                / "fixtures/translations/zh-hans/questionnaire_test.yaml"
            ).read_text("utf-8")
        ),
        allow_unicode=True,
    )


def test_the_chinese_subset_holds_every_character_of_our_chinese_texts():
    """Fails when Chinese texts change without `scripts/build_web_fonts.py` being run."""
    points = set().union(*(p for f, _w, _path, p in ALL_FACES if f == "MDR SC"))
    han = {c for c in _chinese_texts() if "\u3400" <= c <= "\u9fff"}
    assert han
    missing = sorted(c for c in han if ord(c) not in points)
    assert not missing, f"run scripts/build_web_fonts.py: {''.join(missing)}"


def test_the_switcher_names_languages_with_tiny_faces_of_their_own():
    css = (STATIC / "css" / "fonts.css").read_text()
    assert '.language-list { font-family: "MDR Names Khmer"' in css
    names = [p for f, _w, p, _pts in ALL_FACES if f.startswith("MDR Names")]
    assert len(names) == 5
    assert sum(p.stat().st_size for p in names) < 8_000
    for code, name in settings.LANGUAGES:
        if code in ("en", "vi"):
            continue
        points = set().union(*(pts for f, _w, _p, pts in ALL_FACES if f.startswith("MDR Names")))
        assert {ord(c) for c in name} <= points, code


def test_only_chinese_pages_link_the_chinese_faces(client, db):
    assert "fonts-zh.css" not in client.get("/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert "fonts-zh.css" in client.get("/").content.decode()


def _questionnaire_page(client, version, language: str) -> str:
    owner = User.objects.create_user("fonts@example.org", "a-long-password-1")
    company = Company.objects.create(
        owner=owner, name="Font Co", country="TH", sector="trade", size_band="micro"
    )
    assessment = Assessment.objects.create(company=company, questionnaire=version)
    client.force_login(owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("assessment_page", args=[assessment.pk, 1])).content.decode()


# Chinese is sliced by the seed's own texts, not the fixtures': its page is weighed on the
# seed questionnaire in tests/config/test_page_weight.py.
@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "zh-hans"])
def test_a_questionnaire_page_needs_few_font_bytes(language, translated, client):
    page = _questionnaire_page(client, translated, language)
    files = needed(page)
    css = ["fonts.css", "fonts-zh.css"] if language == "zh-hans" else ["fonts.css"]
    weight = sum(p.stat().st_size for p in files) + sum(
        len(gzip.compress((STATIC / "css" / name).read_bytes())) for name in css
    )
    assert weight < FONT_BUDGET, (language, weight, sorted(p.name for p in files))


def test_a_chinese_pillar_page_downloads_only_a_few_slices(translated, client, tmp_path):
    """The slicing groups each pillar page's characters: built from another text (the
    fixture questionnaire in the seeds' place), a Chinese questionnaire page still
    needs a few slices, not the whole font."""
    import shutil

    import scripts.build_web_fonts as build

    root = tmp_path / "repo"
    (root / "locale" / "zh_Hans" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(
        STATIC.parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po",
        root / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po",
    )
    seeds = root / "seeds" / "translations" / "zh-hans"
    seeds.mkdir(parents=True)
    shutil.copy(
        Path(__file__).resolve().parents[1]
        / "fixtures/translations/zh-hans/questionnaire_test.yaml",
        seeds / "questionnaire_v1.yaml",
    )
    original = build.ROOT
    build.ROOT = root
    try:
        own = build.chinese_slices()
        slices = own + build.common_slices(own)
    finally:
        build.ROOT = original
    page = _questionnaire_page(client, translated, "zh-hans")
    body = re.sub(r'<nav class="language-bar.*?</nav>', " ", page, flags=re.S)
    chars = {ord(c) for c in visible_text(body)}
    touched = [s for s in slices if chars & set(s)]
    source = STATIC / "fonts" / "noto-sans-sc" / "NotoSansSC-Regular.ttf"
    weight = sum(len(build.woff2(source, s)[0]) for s in touched)
    assert len(touched) < len(slices) / 4
    assert weight < FONT_BUDGET - 20_000, (len(touched), weight)
