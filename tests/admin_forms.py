"""Posting an admin change form as a browser would: every field as the page shows it."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class _FormFields(HTMLParser):
    """The values a browser submits from the page's form named `form_id`."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self.textarea: str | None = None
        self.select: str | None = None

    def _add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside or (not a.get("name") and tag != "option"):
            return
        if tag == "input" and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self._add(a["name"], a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea":
            self.textarea = a["name"]
            self._add(self.textarea, "")
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self._add(self.select, a.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.data[self.textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self.textarea:
            # A browser drops the newline that follows <textarea>.
            value = self.data[self.textarea][-1]
            self.data[self.textarea][-1] = value.removeprefix("\n")
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


def form_data(page: str, form_id: str) -> dict[str, Any]:
    """The fields of the page's form as a test client posts them."""
    parser = _FormFields(form_id)
    parser.feed(page)
    return {k: v if len(v) > 1 else v[0] for k, v in parser.data.items()}
