#!/usr/bin/env python3
"""The project's two commands, with nothing but python3 needed to start.

    python3 dev.py start   set up .venv/, migrate, seed, add demo data and admin, serve on :8000
    python3 dev.py test    set up .venv/ with the test tools and run the whole test suite

Extra arguments after "test" go to pytest. Standard library only: this file runs
before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".installed"
DEMO_EMAIL = "admin@example.org"
DEMO_PASSWORD = "mekong-demo-2026"  # noqa: S105 - the printed login of a local demo only
# Debian packages, and why: the app's for both commands, the tests' for `test` only (a
# browser is a large download that serving the app never uses).
APP_PACKAGES = {
    "libharfbuzz-subset0": "halves WeasyPrint's rendering time",
}
TEST_PACKAGES = {
    **APP_PACKAGES,
    "chromium": "the browser tests drive it with Playwright",
}


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=False)  # noqa: S603
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv(extras: str) -> None:
    """Create .venv and install the project; reinstall only when pyproject.toml changes."""
    if not PYTHON.exists():
        say("Creating .venv/")
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    have = STAMP.read_text().split() if STAMP.exists() else []
    if wanted in have:
        return
    say(f"Installing the project{' with ' + extras if extras else ''} into .venv/")
    target = f".[{extras}]" if extras else "."
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", target)
    STAMP.write_text("\n".join([*have, wanted]))


def installed(package: str) -> bool:
    if not shutil.which("dpkg-query"):
        return False
    result = subprocess.run(  # noqa: S603
        ["dpkg-query", "-W", "-f=${Status}", package],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() == "install ok installed"


def ensure_system_packages(packages: dict[str, str]) -> None:
    """Install missing Debian packages as root; otherwise say what is missing.

    The tests that need a package fail with its name when it is absent, never skip.
    """
    names = [name for name in packages if not installed(name)]
    if not names:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"Installing Debian packages: {', '.join(names)}")
        apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=apt_env)  # noqa: S607
        subprocess.run(  # noqa: S603
            ["apt-get", "install", "-y", "-qq", *names],  # noqa: S607
            check=False,
            env=apt_env,
        )
    for name in names:
        if not installed(name):
            print(
                f"!!  Debian package {name} is missing ({packages[name]}): apt-get install {name}"
            )


BROWSER_TESTS = ROOT / "tests" / "browser"


def ensure_node_packages() -> None:
    """Install the test-only npm packages (axe-core) from tests/browser/package-lock.json.

    Reinstalled when the lock file changes. Without npm the accessibility tests fail
    naming what is missing; they never skip.
    """
    lock = BROWSER_TESTS / "package-lock.json"
    stamp = BROWSER_TESTS / "node_modules" / ".installed"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    npm = shutil.which("npm")
    if npm is None:
        print("!!  npm is missing (the accessibility tests inject axe-core): apt-get install npm")
        return
    say("Installing the browser tests' npm packages (axe-core)")
    result = subprocess.run(  # noqa: S603
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=BROWSER_TESTS,
        check=False,
    )
    if result.returncode == 0:
        stamp.write_text(wanted)


def manage(*args: str) -> None:
    run(PYTHON, ROOT / "manage.py", *args)


def start() -> None:
    ensure_venv("")
    ensure_system_packages(APP_PACKAGES)
    manage("compile_translations")
    manage("migrate", "--noinput")
    manage("seed")
    # Demo companies make the benchmarks and analytics visible at once; a rerun adds nothing.
    manage("demo_data", "--companies", "60", "--seed", "1", "--verbosity", "0")
    manage("ensure_demo_admin", "--email", DEMO_EMAIL, "--password", DEMO_PASSWORD)
    print(
        "\n  Mekong Digital Readiness is starting on http://127.0.0.1:8000\n"
        f"  Admin: http://127.0.0.1:8000/admin/  e-mail {DEMO_EMAIL}  password {DEMO_PASSWORD}\n",
        flush=True,
    )
    os.execv(PYTHON, [str(PYTHON), str(ROOT / "manage.py"), "runserver", "127.0.0.1:8000"])  # noqa: S606


def test(pytest_args: list[str]) -> None:
    ensure_venv("test")
    ensure_system_packages(TEST_PACKAGES)
    ensure_node_packages()
    # The UI catalogues are compiled here, not committed (GNU gettext is not needed).
    manage("compile_translations", "--verbosity", "0")
    os.execv(PYTHON, [str(PYTHON), "-m", "pytest", *pytest_args])  # noqa: S606


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "start":
        start()
    elif command == "test":
        test(sys.argv[2:])
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
