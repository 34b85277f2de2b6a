#!/usr/bin/env python3
"""Rebuild static/fonts/ from the Fontsource packages of the Noto fonts (OFL 1.1).

The fonts ship with the app, so this runs only when they are updated:

    mkdir /tmp/fontsource && cd /tmp/fontsource
    npm pack @fontsource/noto-sans@5.3.0 @fontsource/noto-sans-thai@5.3.0 \
        @fontsource/noto-sans-khmer@5.3.0 @fontsource/noto-sans-lao@5.3.0 \
        @fontsource/noto-sans-myanmar@5.3.0 @fontsource/noto-sans-sc@5.3.0
    cd - && .venv/bin/python scripts/build_fonts.py /tmp/fontsource

Fontsource ships each font cut into unicode-range slices (woff2) for browsers. WeasyPrint
loads every @font-face of a stylesheet on every render, whatever the text, and decodes
woff2 in pure Python, so slices would cost seconds per report (the hundred Chinese
slices about 1 s, one merged Chinese woff2 file 26 s). Merged back into one uncompressed
TrueType file per face, the whole set loads in about 40 ms. Only regular and bold are
kept: the report sets no italics.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import tarfile
from io import BytesIO
from pathlib import Path

from fontTools import merge
from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parent.parent / "static" / "fonts"
# Vertical metrics and baselines serve vertical CJK text only; STAT is for variable fonts.
DROP = ("vhea", "vmtx", "BASE", "STAT")
WEIGHTS = {400: "Regular", 700: "Bold"}

# folder -> (package, family name, subsets per weight); "[n]" stands for every numbered
# slice of the Chinese font.
FONTS = {
    # Greek for the methodology's Σ.
    "noto-sans": ("noto-sans", "Noto Sans", {400: ["latin", "latin-ext", "vietnamese", "greek"]}),
    "noto-sans-thai": ("noto-sans-thai", "Noto Sans Thai", {400: ["thai"]}),
    "noto-sans-khmer": ("noto-sans-khmer", "Noto Sans Khmer", {400: ["khmer"]}),
    "noto-sans-lao": ("noto-sans-lao", "Noto Sans Lao", {400: ["lao"]}),
    "noto-sans-myanmar": ("noto-sans-myanmar", "Noto Sans Myanmar", {400: ["myanmar"]}),
    # Every numbered slice (about 12,000 ideographs), not only Fontsource's 7,333-character
    # "chinese-simplified" subset, so that a rare character in a firm's name renders too.
    "noto-sans-sc": ("noto-sans-sc", "Noto Sans SC", {400: ["[n]"]}),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("packages", type=Path, help="folder holding the npm pack tarballs")
    args = parser.parse_args()
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    total = 0
    for folder, (package, family, subsets) in FONTS.items():
        tarball = _tarball(args.packages, package)
        with tarfile.open(tarball) as tar:
            names = tar.getnames()
            target = OUT / folder
            target.mkdir(parents=True, exist_ok=True)
            for weight, style in WEIGHTS.items():
                wanted = subsets.get(weight, subsets[400])
                files = _slice_files(names, package, wanted, weight)
                fonts = [_load(tar, name) for name in files]
                font = fonts[0] if len(fonts) == 1 else _merge(fonts)
                _name(font, family, style)
                path = target / f"{family.replace(' ', '')}-{style}.ttf"
                font.save(path)
                size = path.stat().st_size
                total += size
                print(f"{path.relative_to(OUT.parent)}: {len(files)} slice(s), {size:,} bytes")
            licence = tar.extractfile("package/LICENSE")
            assert licence is not None
            (target / "OFL.txt").write_bytes(licence.read())
    print(f"total {total:,} bytes")


def _tarball(folder: Path, package: str) -> Path:
    found = sorted(folder.glob(f"fontsource-{package}-[0-9]*.tgz"))
    if not found:
        sys.exit(f"No fontsource-{package}-*.tgz in {folder}: run npm pack first.")
    return found[-1]


def _slice_files(names: list[str], package: str, subsets: list[str], weight: int) -> list[str]:
    pattern = re.compile(rf"package/files/{re.escape(package)}-(.+)-{weight}-normal\.woff2$")
    found = {m[1]: name for name in names if (m := pattern.match(name))}
    if subsets == ["[n]"]:
        return [found[s] for s in sorted((s for s in found if s.isdigit()), key=int)]
    return [found[s] for s in subsets]


def _load(tar: tarfile.TarFile, name: str) -> TTFont:
    data = tar.extractfile(name)
    assert data is not None
    font = TTFont(BytesIO(data.read()))
    font.flavor = None  # save as plain TrueType
    for tag in DROP:
        if tag in font:
            del font[tag]
    return font


def _merge(fonts: list[TTFont]) -> TTFont:
    """Slices of one font share metrics and layout, so fontTools' merger joins them."""
    buffers = []
    for font in fonts:
        buffer = BytesIO()
        font.save(buffer)
        buffer.seek(0)
        buffers.append(buffer)
    return merge.Merger(options=merge.Options(drop_tables=list(DROP))).merge(buffers)


def _name(font: TTFont, family: str, style: str) -> None:
    """Plain names ("Noto Sans SC", "Bold"): the slices of the variable Chinese font carry
    "Noto Sans SC Thin" whatever their weight."""
    table = font["name"]
    postscript = f"{family.replace(' ', '')}-{style}"
    for name_id, value in {1: family, 2: style, 4: f"{family} {style}", 6: postscript}.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    for name_id in (16, 17):
        table.removeNames(nameID=name_id)


if __name__ == "__main__":
    main()
