"""Burmese typed in the legacy Zawgyi encoding, converted to Unicode before it is stored.

Zawgyi reuses Unicode's Myanmar code points with other meanings, so Zawgyi text looks
right only in a Zawgyi font and cannot be searched or rendered with the app's Unicode
fonts. Google's detector (myanmartools) gives the probability that a text is Zawgyi;
ParaEncoder's rules convert it. Text without Myanmar letters is never touched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from myanmartools import ZawgyiDetector
from para.convert import zg_to_unicode
from para.detect import detect_encoding

MYANMAR = re.compile("[\u1000-\u109f]")
# Google's advice: above 0.95 the text is Zawgyi, below 0.05 Unicode. In between (short
# texts such as a company name), ParaEncoder's pattern rules decide.
SURELY_ZAWGYI = 0.95
SURELY_UNICODE = 0.05


@lru_cache(maxsize=1)
def _detector() -> ZawgyiDetector:
    return ZawgyiDetector()  # reads its model file once


def is_zawgyi(text: str) -> bool:
    if not text or not MYANMAR.search(text):
        return False
    probability = _detector().get_zawgyi_probability(text)
    if probability >= SURELY_ZAWGYI:
        return True
    if probability <= SURELY_UNICODE:
        return False
    return detect_encoding(text) == "zawgyi"


def to_unicode(text: str) -> str:
    """text in Unicode: converted from Zawgyi when it is Zawgyi, else as it was."""
    if not is_zawgyi(text):
        return text
    return unicodedata.normalize("NFC", zg_to_unicode(text, force=True))
