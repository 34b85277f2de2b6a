"""The UI catalogues: one per language, compiled in pure Python, never committed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command

from assessment.i18n.catalogues import compile_catalogue, compile_stale, is_stale

ROOT = Path(settings.BASE_DIR)


def test_every_language_has_a_catalogue():
    for code, _name in settings.LANGUAGES:
        folder = code.replace("-hans", "_Hans")
        po = ROOT / "locale" / folder / "LC_MESSAGES" / "django.po"
        assert po.is_file(), po
        assert polib.pofile(str(po)).metadata["Language"] == folder


def test_compiling_needs_no_gnu_gettext(tmp_path):
    po = tmp_path / "th" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "th"}
    catalogue.append(polib.POEntry(msgid="Log in", msgstr="เข้าสู่ระบบ"))
    catalogue.append(polib.POEntry(msgid="Sign up", msgstr=""))
    catalogue.append(polib.POEntry(msgid="Next →", msgstr="ต่อไป →", flags=["fuzzy"]))
    catalogue.save(str(po))
    env = {**os.environ, "PATH": "/nonexistent"}  # no msgfmt anywhere
    assert is_stale(po)
    script = (
        "import pathlib, assessment.i18n.catalogues as c; "
        f"c.compile_catalogue(pathlib.Path({str(po)!r}))"
    )
    subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=ROOT)  # noqa: S603
    assert not is_stale(po)
    compiled = polib.mofile(str(po.with_suffix(".mo")))
    # Empty and fuzzy entries are left out: the page shows the English.
    assert {(e.msgid, e.msgstr) for e in compiled} == {("Log in", "เข้าสู่ระบบ")}


def test_only_stale_catalogues_are_compiled(tmp_path):
    po = tmp_path / "vi" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n', "utf-8")
    assert compile_stale([tmp_path]) == [po.with_suffix(".mo")]
    assert compile_stale([tmp_path]) == []
    assert compile_stale([tmp_path], force=True) == [po.with_suffix(".mo")]
    assert compile_catalogue(po).is_file()


def test_the_command_compiles_the_projects_catalogues(capsys):
    call_command("compile_translations", "--force")
    assert "7 compiled" in capsys.readouterr().out
    assert all(not is_stale(po) for po in ROOT.glob("locale/*/LC_MESSAGES/django.po"))


def test_compiled_catalogues_are_not_committed():
    assert "*.mo" in (ROOT / ".gitignore").read_text().splitlines()
