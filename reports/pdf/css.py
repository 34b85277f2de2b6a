"""The PDF's page furniture as CSS: the footer with "page X of Y" in the report's language."""

from __future__ import annotations

import re

from django.utils.safestring import SafeString, mark_safe


def page_css(page_label: str, running_title: str) -> SafeString:
    """The @page footer: "page X of Y" in the report's language, as CSS.

    Built from our own translated strings only, escaped as CSS strings so that no
    translation can end the string or the <style> element.
    """
    parts = []
    for piece in re.split(r"(%\(pages?\)s)", page_label):
        if piece == "%(page)s":
            parts.append("counter(page)")
        elif piece == "%(pages)s":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    footer = " ".join(parts) or '""'
    title = css_string(running_title)
    return mark_safe(  # noqa: S308 - only CSS-escaped strings and counters
        f"@page {{ @bottom-right {{ content: {footer}; }} @bottom-left {{ content: {title}; }} }}"
    )


def css_string(text: str) -> str:
    """A CSS string literal of text: every character that could end it is escaped."""
    out = []
    for char in re.sub(r"\s+", " ", text):
        if char.isalnum() or char in " .,:;!?()-–—·/%'’":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'
