#!/usr/bin/env python3
"""Build the web pages' fonts: WOFF2 subsets with unicode-range, from static/fonts/.

    .venv/bin/python scripts/build_web_fonts.py

Run it again whenever the Chinese texts change (locale/zh_Hans/ or
seeds/translations/zh-hans/): tests/config/test_web_fonts.py fails while a character of them is
missing from the Chinese subset. Writes static/fonts/web/*.woff2, static/css/fonts.css
(every page) and static/css/fonts-zh.css (Chinese pages).

A browser downloads a face only when the page has a character in its unicode-range and
no family before it in the stack has that character. So:
- Khmer, Lao, Burmese and Thai come first: phones often lack them, or (Burmese) have a
  legacy Zawgyi font that garbles Unicode text. Each is one small file per weight.
- Latin and Vietnamese use the system font; ours is only a fallback after it.
- Chinese: the system's Chinese fonts come first (every desktop and most phones have
  one); ours follows, regular weight only (browsers embolden it), cut into slices by
  how often our own texts use each character, so a page downloads the few slices its
  characters fall in, not the whole font. It holds every character of the Chinese
  catalogue and seed translations plus the 3,755 common characters of GB 2312 level 1.
  The common characters (for what users type) are cut in code-point order and each
  slice claims one span, U+4E00-4E8C say: exact lists of 3,000 scattered characters
  would add 9 KB to the CSS of every Chinese page. They come first in fonts-zh.css,
  because where unicode-ranges overlap the browser tries the last rule first: a
  character of our texts is found in its own slice and the span's is not fetched.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import django
import polib
import yaml
from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "static" / "fonts"
OUT = FONTS / "web"
CSS = ROOT / "static" / "css" / "fonts.css"
# The Chinese faces' long unicode-range lists, linked by Chinese pages only (base.html).
CSS_ZH = ROOT / "static" / "css" / "fonts-zh.css"
# Characters per Chinese slice (about 150 bytes each). Our own texts' slices were 60
# characters; v2's longer pages fetched so many that the Chinese cooperation page
# (18 questions) went over its 150 KB budget, and 100 brought it back under (40 was worse).
OWN_SLICE = 100
COMMON_SLICE = 120

MARKS = [0x200B, 0x200C, 0x200D, 0x25CC]  # zero-width (non-)joiners, dotted circle
SCRIPTS = {
    # family: (source folder and name, code points, weights)
    "MDR Khmer": (
        "noto-sans-khmer/NotoSansKhmer",
        [*range(0x1780, 0x1800), *range(0x19E0, 0x1A00), *MARKS],
        (400, 700),
    ),
    "MDR Lao": ("noto-sans-lao/NotoSansLao", [*range(0x0E80, 0x0F00), *MARKS], (400, 700)),
    "MDR Myanmar": (
        "noto-sans-myanmar/NotoSansMyanmar",
        [*range(0x1000, 0x10A0), *MARKS],
        (400, 700),
    ),
    "MDR Thai": ("noto-sans-thai/NotoSansThai", [*range(0x0E00, 0x0E80), *MARKS], (400, 700)),
    "MDR Sans": (
        "noto-sans/NotoSans",
        [
            *range(0x20, 0x7F),
            *range(0xA0, 0x180),
            *range(0x1A0, 0x1B1),
            *range(0x300, 0x310),
            0x323,
            *range(0x1EA0, 0x1EFA),
            *range(0x2010, 0x2028),
            0x20AB,
            0x20AC,
            0x2212,
            0x2192,
            0x2190,
        ],
        (400, 700),
    ),
}
CJK_PUNCTUATION = [*range(0x3000, 0x3020), *range(0xFF01, 0xFF5F)]
HAN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e]")
WEIGHT_NAMES = {400: "Regular", 700: "Bold"}
# The language switcher on every page names each language in its own script. Tiny faces
# holding only those names keep an English page from downloading four scripts' fonts.
ENDONYMS = {
    "MDR Names Khmer": ("noto-sans-khmer/NotoSansKhmer-Regular.ttf", "ខ្មែរ"),
    "MDR Names Lao": ("noto-sans-lao/NotoSansLao-Regular.ttf", "ລາວ"),
    "MDR Names Myanmar": ("noto-sans-myanmar/NotoSansMyanmar-Regular.ttf", "မြန်မာ"),
    "MDR Names Thai": ("noto-sans-thai/NotoSansThai-Regular.ttf", "ไทย"),
    "MDR Names SC": ("noto-sans-sc/NotoSansSC-Regular.ttf", "中文"),
}
STACK = (
    '"MDR Khmer", "MDR Lao", "MDR Myanmar", "MDR Thai", system-ui, -apple-system, '
    '"Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", '
    '"Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "MDR SC", "MDR Sans", '
    "sans-serif"
)


def woff2(source: Path, codepoints: Iterable[int]) -> tuple[bytes, list[int]]:
    """A WOFF2 subset of source to these code points; returns it and what it covers."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # shaping of Khmer, Lao, Burmese and Thai needs them
    options.hinting = False
    options.desubroutinize = True
    font = TTFont(source, recalcTimestamp=False)  # the same input gives the same file
    cmap = font.getBestCmap()
    wanted = sorted(cp for cp in set(codepoints) if cp in cmap)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff2"
    font.save(buffer)
    return buffer.getvalue(), wanted


def unicode_range(codepoints: list[int]) -> str:
    """U+0E00-0E7F, U+25CC: runs of consecutive code points."""
    parts, start = [], None
    for index, cp in enumerate(codepoints):
        if start is None:
            start = cp
        if index + 1 == len(codepoints) or codepoints[index + 1] != cp + 1:
            parts.append(f"U+{start:04X}" if start == cp else f"U+{start:04X}-{cp:04X}")
            start = None
    return ", ".join(parts)


def face(
    family: str, weight: int, filename: str, codepoints: list[int], *, span: bool = False
) -> str:
    """An @font-face rule; with span, its unicode-range runs from the first code point
    to the last, claiming the characters between that the file does not hold."""
    ranges = f"U+{codepoints[0]:04X}-{codepoints[-1]:04X}" if span else unicode_range(codepoints)
    return (
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-display: swap; '
        f'src: url("../fonts/web/{filename}") format("woff2"); '
        f"unicode-range: {ranges}; }}"
    )


# UI strings on every page and on the questionnaire pages: their characters come first.
EVERY_PAGE = ("templates/base.html", "questionnaire/page.html", "forms/questionnaire.py")


def chinese_groups() -> list[list[str]]:
    """Our own Chinese texts in groups of what one page shows, most shared first: the
    UI of every page, the questionnaire text shared by several pillars, each pillar's
    own text (one pillar is one page), then the rest of the catalogue and seeds."""
    every_page, rest = [], []
    po = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    if po.exists():
        for entry in polib.pofile(str(po)):
            texts = [entry.msgstr, *entry.msgstr_plural.values()]
            shared = any(any(m in ref for m in EVERY_PAGE) for ref, _line in entry.occurrences)
            (every_page if shared else rest).extend(texts)
    # A pillar's texts of every version go together (v1 for its drafts, v2 published):
    # the two share most characters, and a character in v1's and v2's cooperation pages
    # is not "shared by several pillars", which would put it in the slices of every page.
    by_pillar: dict[str, list[str]] = {}
    for path in sorted((ROOT / "seeds" / "translations" / "zh-hans").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "questions" in data:
            for prefix, text in _pillar_texts(data, rest).items():
                by_pillar.setdefault(prefix, []).append(text)
        else:
            rest += list(_strings(data))
    pillars = ["".join(texts) for texts in by_pillar.values()]
    in_pillars = Counter(c for text in pillars for c in set(HAN.findall(text)))
    shared = "".join(c for c, n in in_pillars.items() if n > 1)
    return [every_page, [shared], *([text] for text in pillars), rest]


def _pillar_texts(data: dict, rest: list[str]) -> dict[str, str]:
    """One text per pillar (by code prefix) of a questionnaire translation: what its
    page shows (advice and levels go to the results, so to `rest`). Questions are
    grouped by the code prefix the seed uses for their pillar (inf-, pol-, tal-, coo-)."""
    rest += [*_strings(data.get("levels")), str(data.get("title", ""))]
    pages: dict[str, list[str]] = {}
    for code, pillar in (data.get("pillars") or {}).items():
        pages.setdefault(code[:3], []).extend(_strings(pillar))
    for code, question in (data.get("questions") or {}).items():
        page = pages.setdefault(code[:3], [])
        for key, value in (question or {}).items():
            if key == "options":
                for option in (value or {}).values():
                    page.append(str((option or {}).get("label", "")))
                    rest.append(str((option or {}).get("advice", "")))
            else:
                page.extend(_strings(value))
    return {prefix: "".join(texts) for prefix, texts in pages.items()}


def chinese_texts() -> list[str]:
    """Every Chinese text of ours (the UI catalogue and the seed translations)."""
    return [text for group in chinese_groups() for text in group]


def _strings(data: object) -> Iterable[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def common_characters() -> list[str]:
    """GB 2312 level 1 (3,755 characters), most frequent first in Django's own Chinese
    catalogues (a corpus of interface text that ships with the framework)."""
    level1 = []
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            try:
                level1.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    corpus: Counter[str] = Counter()
    django_root = Path(django.__file__).parent
    for po in django_root.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po)):
            corpus.update(HAN.findall(entry.msgstr))
    return sorted(level1, key=lambda char: (-corpus[char], level1.index(char)))


def chinese_slices() -> list[list[int]]:
    """Slices of our own texts' characters: each group's characters not in an earlier
    group, most frequent first (each slice's unicode-range lists its characters)."""
    placed: set[str] = set(map(chr, CJK_PUNCTUATION))
    slices = [sorted(CJK_PUNCTUATION)]
    for group in chinese_groups():
        counts = Counter(c for text in group for c in HAN.findall(text) if c not in placed)
        chars = [c for c, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
        placed.update(chars)
        slices += [
            sorted(map(ord, chars[i : i + OWN_SLICE])) for i in range(0, len(chars), OWN_SLICE)
        ]
    return [s for s in slices if s]


def common_slices(own: list[list[int]]) -> list[list[int]]:
    """The common characters not in our own slices, in code-point order, cut into
    slices whose unicode-range is the span from their first to their last character."""
    placed = {cp for piece in own for cp in piece}
    rest = sorted(ord(c) for c in common_characters() if ord(c) not in placed)
    return [rest[i : i + COMMON_SLICE] for i in range(0, len(rest), COMMON_SLICE)]


def main() -> None:
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.woff2"):
        old.unlink()
    rules = []
    total = 0
    for family, (source, codepoints, weights) in SCRIPTS.items():
        for weight in weights:
            name = f"{source.split('/')[1]}-{WEIGHT_NAMES[weight]}.woff2"
            data, covered = woff2(FONTS / f"{source}-{WEIGHT_NAMES[weight]}.ttf", codepoints)
            (OUT / name).write_bytes(data)
            rules.append(face(family, weight, name, covered))
            total += len(data)
            print(f"{name}: {len(covered)} characters, {len(data):,} bytes")
    for family, (source_name, text) in ENDONYMS.items():
        name = family.replace(" ", "") + ".woff2"
        data, covered = woff2(FONTS / source_name, [ord(c) for c in text])
        (OUT / name).write_bytes(data)
        rules.append(face(family, 400, name, covered))
        total += len(data)
        print(f"{name}: {text}, {len(data):,} bytes")
    own_rules, common_rules = [], []
    source = FONTS / "noto-sans-sc" / "NotoSansSC-Regular.ttf"
    own = chinese_slices()
    # The common spans first: overlapping ranges are tried last rule first.
    for index, codepoints in enumerate(common_slices(own)):
        name = f"NotoSansSC-Regular-common-{index:02d}.woff2"
        data, covered = woff2(source, codepoints)
        (OUT / name).write_bytes(data)
        common_rules.append(face("MDR SC", 400, name, covered, span=True))
        total += len(data)
        print(f"{name}: {len(covered)} characters, {len(data):,} bytes")
    for index, codepoints in enumerate(own):
        name = f"NotoSansSC-Regular-{index:02d}.woff2"
        data, covered = woff2(source, codepoints)
        (OUT / name).write_bytes(data)
        own_rules.append(face("MDR SC", 400, name, covered))
        total += len(data)
        print(f"{name}: {len(covered)} characters, {len(data):,} bytes")
    zh_rules = common_rules + own_rules
    header = (
        "/* Generated by scripts/build_web_fonts.py: do not edit. The web pages' fonts, WOFF2\n"
        "   subsets of static/fonts/ (Noto, SIL Open Font License) with unicode-range, so a\n"
        "   browser downloads only the faces and slices the page's characters need. */\n"
    )
    names = ", ".join(f'"{family}"' for family in ENDONYMS)
    stack = (
        f":root {{ --bs-body-font-family: {STACK}; }}\n"
        f".language-list {{ font-family: {names}, var(--bs-body-font-family); }}\n"
    )
    CSS.write_text(header + stack + "\n".join(rules) + "\n", encoding="utf-8")
    CSS_ZH.write_text(header + "\n".join(zh_rules) + "\n", encoding="utf-8")
    print(f"total {total:,} bytes in {len(rules) + len(zh_rules)} faces; CSS written")


if __name__ == "__main__":
    main()
