"""The code's shape stays readable: small modules, small folders, tests that mirror them.

The import rules themselves (assessment never imports reports, no cycle) are checked by
import-linter in .ci/run; these are the rules it cannot express.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("assessment", "reports", "config")
MAX_LINES = 400
MAX_MODULES = 15


def _code_folders() -> list[Path]:
    folders = []
    for package in PACKAGES:
        for folder in [ROOT / package, *(ROOT / package).rglob("*")]:
            if folder.is_dir() and folder.name not in ("migrations", "__pycache__"):
                folders.append(folder)
    return folders


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): count
        for folder in _code_folders()
        for path in folder.glob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these by feature: {long}"


def test_no_folder_holds_more_than_15_modules():
    crowded = {
        str(folder.relative_to(ROOT)): count
        for folder in [*_code_folders(), *(ROOT / "tests").rglob("*")]
        if folder.is_dir()
        and "node_modules" not in folder.parts
        and (count := len(list(folder.glob("*.py")))) > MAX_MODULES
    }
    assert crowded == {}, f"group these into sub-packages: {crowded}"


def test_every_code_package_has_its_mirror_in_tests():
    """tests/ mirrors the packages: a package with tests has them under the same path."""
    for package in ("assessment/i18n", "reports/readout", "reports/pdf", "reports/benchmarks"):
        mirror = ROOT / "tests" / package
        assert list(mirror.glob("test_*.py")), f"tests/{package}/ holds no tests"
