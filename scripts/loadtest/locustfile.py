"""The load test's simulated SME: the whole journey, again and again as a new firm.

Sign up (and confirm with the mailed link), company profile, start an assessment, answer
every questionnaire page, review, submit, read the results, ask for the PDF report and wait
(as the page does, every 3 s) until the worker has rendered it, log out. Run by
scripts/loadtest/run.py.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import sys
import time
import uuid
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from htmlforms import Form, post_form
from htmlforms import link as find_link

PASSWORD = "load-test-Pa55word-Mekong"  # noqa: S105 - throw-away accounts in a throw-away database
THINK = (float(os.environ.get("THINK_MIN", "3")), float(os.environ.get("THINK_MAX", "10")))
REPORT_POLL_SECONDS = 3  # what the "Preparing your report" page's refresh asks for
COUNTRIES_WITH_PEERS = ["KH", "LA", "MM", "TH", "VN", "CN"]


class JourneyError(Exception):
    pass


def answers(form: Form) -> list[tuple[str, str]]:
    """A plausible, valid answer to every question on a questionnaire page."""
    data = [("csrfmiddlewaretoken", form.value("csrfmiddlewaretoken"))]
    for name, fields in form.groups().items():
        if not name.startswith("q-") or name.endswith("-special"):
            continue  # "not applicable"/"don't know" of number questions: left unticked
        kind = fields[0].kind
        if kind in {"radio", "checkbox"}:
            # One option: always valid, also for "none of these" in multiple choice.
            data.append((name, random.choice(fields).value))
        elif kind == "number":
            low = fields[0].minimum if fields[0].minimum is not None else 0
            high = fields[0].maximum if fields[0].maximum is not None else low + 100
            data.append((name, str(int(random.uniform(low, high)))))
        elif kind == "textarea":
            data.append((name, "Finding staff with digital skills."))
    # The last page's main button goes to the review, the others to the next page.
    navs = [value for name, value in form.buttons if name == "nav"]
    data.append(("nav", "review" if "review" in navs else "next"))
    return data


def confirmation_link(email: str) -> str:
    """The sign-up link mailed to `email`: the server writes each mail to a file in
    EMAIL_FILE_PATH (set by run.py) before it answers. Newest files first."""
    for path in sorted(Path(os.environ["EMAIL_FILE_PATH"]).glob("*.log"), reverse=True):
        text = path.read_text(encoding="utf-8", errors="replace")
        if f"To: {email}" in text:
            match = re.search(r"/accounts/signup/confirm/\S+/", text)
            if match:
                return match.group(0)
    raise JourneyError(f"no sign-up mail for {email}")


class SME(HttpUser):
    wait_time = between(*THINK)

    def think(self) -> None:
        time.sleep(random.uniform(*THINK))

    def get(self, url: str, name: str, expect: int = 200):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != expect:
                r.failure(f"{name}: {r.status_code}, expected {expect}")
                raise JourneyError(name)
            return r

    def post(self, url: str, data, name: str, redirect_to: str = ""):
        with self.client.post(
            url, data=data, name=name, allow_redirects=False, catch_response=True
        ) as r:
            location = r.headers.get("Location", "")
            if r.status_code != 302 or redirect_to not in location:
                r.failure(f"{name}: {r.status_code} to {location!r}, expected {redirect_to!r}")
                raise JourneyError(name)
            return location

    @task
    def journey(self) -> None:
        self.client.cookies.clear()
        # A failed step is recorded as a failure; the next journey starts afresh.
        with contextlib.suppress(JourneyError):
            self._journey()

    def _journey(self) -> None:
        email = f"lt-{uuid.uuid4().hex[:16]}@example.org"
        page = self.get("/accounts/signup/", "sign up")
        form = post_form(page.text)
        self.think()
        self.post(
            "/accounts/signup/",
            {
                "csrfmiddlewaretoken": form.value("csrfmiddlewaretoken"),
                "email": email,
                "password1": PASSWORD,
                "password2": PASSWORD,
                "benchmark_consent": "on",
            },
            "sign up",
            redirect_to="/accounts/signup/done/",
        )
        link = confirmation_link(email)
        page = self.get(link, "confirm sign-up")
        csrf = post_form(page.text).value("csrfmiddlewaretoken")
        self.post(link, {"csrfmiddlewaretoken": csrf}, "confirm sign-up", redirect_to="/profile/")

        page = self.get("/profile/", "profile")
        form = post_form(page.text)
        data = {"csrfmiddlewaretoken": form.value("csrfmiddlewaretoken")}
        for field in form.fields:
            if field.kind == "select":
                choices = [o for o in field.options if o]
                if field.name == "country":
                    choices = [c for c in choices if c in COUNTRIES_WITH_PEERS] or choices
                data[field.name] = random.choice(choices)
        data |= {"name": f"Load Test Trading {email[3:9]}", "province": "Vientiane"}
        data |= {"founded_year": "2015"}
        self.think()
        self.post("/profile/", data, "profile", redirect_to="/dashboard/")

        page = self.get("/dashboard/", "dashboard")
        form = post_form(page.text, "/assessments/new/")
        url = self.post(
            form.action,
            {"csrfmiddlewaretoken": form.value("csrfmiddlewaretoken")},
            "start assessment",
            redirect_to="/pillar/1/",
        )
        while "/pillar/" in url:
            page = self.get(url, "questionnaire page (GET)")
            self.think()
            url = self.post(
                url, answers(post_form(page.text)), "questionnaire page (POST)", "/assessments/"
            )
        if "/review/" not in url:
            raise JourneyError(f"expected the review page, got {url}")

        page = self.get(url, "review")
        form = post_form(page.text, "/submit/")
        self.think()
        url = self.post(
            form.action,
            {"csrfmiddlewaretoken": form.value("csrfmiddlewaretoken")},
            "submit",
            redirect_to="/results/",
        )
        page = self.get(url, "results")
        report_url = find_link(page.text, "report-download")

        started = time.monotonic()
        while True:
            with self.client.get(report_url, name="report", catch_response=True) as r:
                if r.status_code != 200:
                    r.failure(f"report: {r.status_code}")
                    raise JourneyError("report")
                if r.headers.get("Content-Type") == "application/pdf":
                    if not r.content.startswith(b"%PDF"):
                        r.failure("report: not a PDF")
                        raise JourneyError("report")
                    break
                if "report-failed" in r.text:
                    r.failure("report: rendering failed")
                    raise JourneyError("report")
            time.sleep(REPORT_POLL_SECONDS)
        # How long the firm waited for its PDF, queue included: a row of its own.
        self.environment.events.request.fire(
            request_type="WAIT",
            name="report ready (request to PDF)",
            response_time=(time.monotonic() - started) * 1000,
            response_length=0,
            exception=None,
            context={},
        )
        page = self.get("/dashboard/", "dashboard")
        self.post(
            "/accounts/logout/",
            {"csrfmiddlewaretoken": post_form(page.text, "logout").value("csrfmiddlewaretoken")},
            "log out",
        )
