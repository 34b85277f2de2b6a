"""The web pages' @font-face rules as data, and which font files a browser fetches for a
page: shared by the font tests and the page-weight test."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from tests.i18n_check import visible_text

STATIC = Path(settings.BASE_DIR) / "static"
FACE = re.compile(
    r'@font-face \{ font-family: "(?P<family>[^"]+)"; font-weight: (?P<weight>\d+);'
    r'.*?url\("\.\./fonts/web/(?P<file>[^"]+)"\).*?unicode-range: (?P<ranges>[^;]+); \}'
)
# A Chinese questionnaire page must leave room in the 150 KB page budget for the HTML
# and Bootstrap: its fonts and font CSS stay under this many bytes.
FONT_BUDGET = 100_000


def faces(css: str) -> list[tuple[str, int, Path, set[int]]]:
    out = []
    for m in FACE.finditer(css):
        points: set[int] = set()
        for part in m["ranges"].split(","):
            low, _, high = part.strip().removeprefix("U+").partition("-")
            points.update(range(int(low, 16), int(high or low, 16) + 1))
        out.append((m["family"], int(m["weight"]), STATIC / "fonts" / "web" / m["file"], points))
    return out


ALL_FACES = faces((STATIC / "css" / "fonts.css").read_text()) + faces(
    (STATIC / "css" / "fonts-zh.css").read_text()
)


def needed(page: str) -> set[Path]:
    """The files a browser with no font for the region's scripts downloads for a page,
    at worst: the language switcher's tiny name faces, the regular and bold face of
    each script in the rest of the page, and the Chinese slices holding its characters.
    Latin and Vietnamese fall to the system font, which comes first in the stack.
    Where the faces of a family overlap (the Chinese spans), the browser tries the last
    rule first and fetches the first that claims the character."""
    files = {path for family, _w, path, _p in ALL_FACES if family.startswith("MDR Names")}
    body = re.sub(r'<nav class="language-bar.*?</nav>', " ", page, flags=re.S)
    for char in set(visible_text(body)):
        point = ord(char)
        tried: set[tuple[str, int]] = set()
        for family, weight, path, points in reversed(ALL_FACES):
            if family == "MDR Sans" or "Names" in family or (family, weight) in tried:
                continue
            if point in points:
                files.add(path)
                tried.add((family, weight))
    return files
