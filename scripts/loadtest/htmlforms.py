"""Just enough HTML form reading for the load test: fields, CSRF token, links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # input type, "select" or "textarea"
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)
    minimum: float | None = None
    maximum: float | None = None


@dataclass
class Form:
    action: str
    method: str
    fields: list[Field] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (name, value)

    def value(self, name: str) -> str:
        return next((f.value for f in self.fields if f.name == name), "")

    def groups(self) -> dict[str, list[Field]]:
        out: dict[str, list[Field]] = {}
        for f in self.fields:
            out.setdefault(f.name, []).append(f)
        return out


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower()))
            return
        if not self.forms:
            return
        form = self.forms[-1]
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            form.fields.append(
                Field(
                    a["name"],
                    kind,
                    a.get("value", "on" if kind in {"checkbox", "radio"} else ""),
                    "checked" in a,
                    minimum=_number(a.get("min")),
                    maximum=_number(a.get("max")),
                )
            )
        elif tag == "button" and a.get("name"):
            form.buttons.append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select = Field(a["name"], "select")
            form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
        elif tag == "textarea" and a.get("name"):
            self._textarea = Field(a["name"], "textarea")
            form.fields.append(self._textarea)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data


def forms(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def post_form(html: str, action_contains: str = "") -> Form:
    """The page's first POST form whose action holds `action_contains` (the logout form
    in the navigation bar is skipped unless asked for)."""
    for form in forms(html):
        if form.method != "post":
            continue
        if action_contains and action_contains not in form.action:
            continue
        if not action_contains and "logout" in form.action:
            continue
        return form
    raise LookupError(f"no POST form with action containing {action_contains!r}")


def link(html: str, element_id: str) -> str:
    match = re.search(rf'<a[^>]*\bid="{re.escape(element_id)}"[^>]*\bhref="([^"]+)"', html)
    if not match:
        raise LookupError(f"no link #{element_id}")
    return match.group(1)
