"""The fonts shipped in static/fonts/ render the region's scripts: no missing glyphs.

An embedded subset keeps cmap entries only for the glyphs drawn, and shaping replaces
many code points by other glyphs (Thai and Lao SARA AM decompose, a Khmer coeng and its
consonant become one subscript glyph), so coverage is checked on the full font each
embedded subset was cut from, and WeasyPrint's own missing-glyph warning must not appear.
"""

from __future__ import annotations

import pytest

from reports.pdf.render import StaticFileFetcher, html_to_pdf, static_roots
from tests.report_helpers import (
    FONTS_DIR,
    WeasyPrintWarnings,
    embedded_fonts,
    shipped_font,
)

SENTENCES = {
    "th": "การประเมินความพร้อมด้านดิจิทัลสำหรับธุรกิจขนาดกลางและขนาดย่อม",
    "km": "ការវាយតម្លៃការត្រៀមខ្លួនផ្នែកឌីជីថលសម្រាប់សហគ្រាសធុនតូច និងមធ្យម",
    "lo": "ການປະເມີນຄວາມພ້ອມດ້ານດິຈິຕອນສຳລັບວິສາຫະກິດຂະໜາດນ້ອຍ ແລະ ກາງ",
    "my": "အသေးစားနှင့် အလတ်စား လုပ်ငန်းများအတွက် ဒစ်ဂျစ်တယ် အဆင်သင့်ဖြစ်မှု အကဲဖြတ်ခြင်း",
    "vi": "Đánh giá mức độ sẵn sàng chuyển đổi số của doanh nghiệp nhỏ và vừa",
    "zh-hans": "中小企业数字化准备程度自我评估：基础设施、政策与金融、人才、区域合作",
}
SHIPPED = {
    f"NotoSans{script}-{style}"
    for script in ("", "Thai", "Khmer", "Lao", "Myanmar", "SC")
    for style in ("Regular", "Bold")
}


@pytest.fixture(scope="module")
def sample() -> tuple[bytes, StaticFileFetcher, list[str]]:
    """Each sentence in regular and bold, through the report's stylesheet."""
    paragraphs = "".join(
        f'<p lang="{lang}">{text}</p><p lang="{lang}"><b>{text}</b></p>'
        for lang, text in SENTENCES.items()
    )
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="reports/print.css"></head>'
        f"<body>{paragraphs}</body></html>"
    )
    fetcher = StaticFileFetcher()
    with WeasyPrintWarnings() as warnings:
        pdf = html_to_pdf(html, url_fetcher=fetcher)
    return pdf, fetcher, warnings.messages


@pytest.fixture(scope="module")
def coverage(sample) -> set[int]:
    """The code points of the full fonts whose subsets the PDF embeds."""
    points: set[int] = set()
    for font in embedded_fonts(sample[0]).values():
        points.update(shipped_font(font).getBestCmap())
    return points


@pytest.mark.parametrize("lang", SENTENCES)
def test_every_character_is_covered_by_an_embedded_font(coverage, lang):
    missing = sorted(
        {f"U+{ord(char):04X}" for char in SENTENCES[lang] if ord(char) not in coverage}
    )
    assert not missing, f"{lang}: no embedded font has {missing}"


def test_no_missing_glyph_is_drawn(sample):
    _, _, warnings = sample
    assert not [message for message in warnings if ".notdef" in message]
    assert not warnings


def test_only_the_shipped_noto_fonts_are_embedded(sample):
    pdf, fetcher, _ = sample
    names = {font["name"].getDebugName(6) for font in embedded_fonts(pdf).values()}
    # No system font stood in: every embedded font is one of ours, in regular and bold.
    assert names == SHIPPED
    served = {path.name for path in fetcher.served}
    assert {"print.css", "NotoSansKhmer-Regular.ttf", "NotoSansSC-Bold.ttf"} <= served
    assert not fetcher.refused


def test_each_font_ships_with_its_licence_in_the_static_folder():
    assert any(FONTS_DIR.resolve().is_relative_to(root) for root in static_roots())
    # web/ holds the web pages' subsets of these fonts (scripts/build_web_fonts.py).
    families = [d for d in sorted(FONTS_DIR.iterdir()) if d.is_dir() and d.name != "web"]
    assert len(families) == 6
    assert "SIL Open Font License" in (FONTS_DIR / "web" / "OFL.txt").read_text()
    for family in families:
        assert list(family.glob("*.ttf")), family
        assert "SIL Open Font License" in (family / "OFL.txt").read_text()
