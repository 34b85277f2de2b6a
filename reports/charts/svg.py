"""SVG building blocks shared by the charts: clean text, numbers, measuring and wrapping.

Pure and Django-free like the charts. Text is measured by estimate (no font files are
read), generously, so labels fit whatever sans-serif the browser or the PDF renderer picks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from html import escape

FONT_SIZE = 11
LINE_HEIGHT = 13

# Characters XML 1.0 forbids even when escaped; admin text pasted from elsewhere can hold them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def text_lines(x: float, y: float, lines: list[str], anchor: str) -> str:
    if not lines:
        return ""
    spans = "".join(
        f'<tspan x="{num(x)}" dy="{0 if k == 0 else LINE_HEIGHT}">{escape(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    return f'<text class="label" x="{num(x)}" y="{num(y)}" text-anchor="{anchor}">{spans}</text>'


def clean(text: str) -> str:
    return _XML_INVALID.sub("", str(text))


def one_line(text: str) -> str:
    return " ".join(clean(text).split())


def num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def point_list(points: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)


def _char_width(ch: str) -> float:
    """A generous estimate of a glyph's advance in a generic sans-serif, in px."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0  # Thai, Lao, Khmer and Burmese marks sit on their base letter
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return FONT_SIZE * 1.0
    if ch == " ":
        return FONT_SIZE * 0.3
    if ch.isupper():
        return FONT_SIZE * 0.68
    return FONT_SIZE * 0.56


def text_width(text: str) -> float:
    return sum(_char_width(ch) for ch in text)


# Marks that join the next letter to them: Burmese virama, Khmer coeng, and the Thai and
# Lao vowels written before their consonant.
_JOINS_NEXT = frozenset("\u1039\u17d2\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")


def _clusters(word: str) -> list[str]:
    """The word cut where a line may break: never before a mark (Mn, Mc, Me) nor after
    a character that joins the next one, so no syllable is split across lines."""
    out: list[str] = []
    for ch in word:
        if out and (unicodedata.category(ch).startswith("M") or out[-1][-1] in _JOINS_NEXT):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def wrap(text: str, max_width: float, max_lines: int) -> list[str]:
    """Greedy wrap by estimated width; words too long for a line (or scripts written
    without spaces, as Thai and Chinese are) are cut between characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if text_width(word) > max_width:
            if current:
                lines.append(current)
            current = ""
            for cluster in _clusters(word):
                if current and text_width(current + cluster) > max_width:
                    lines.append(current)
                    current = ""
                current += cluster
            continue
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…") > max_width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return lines
