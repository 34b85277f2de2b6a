"""Text a person typed, cleaned of the characters that hide it or turn other text around.

Direction controls (embeddings, overrides, isolates and the three marks) set which way
the text after them runs: a company name holding U+202E RIGHT-TO-LEFT OVERRIDE shows
the rest of its line backwards, in the report and in the officers' pages. None of the
app's languages is written right to left, so no respondent needs them, and even the
marks, which look harmless, can swap digits and punctuation around (“1–2” shown as
“2–1”). All twelve are removed wherever they stand.

The zero-width space, non-joiner and joiner stay inside a text: Khmer, Thai, Lao and
Burmese put no spaces between words and mark the breaks with the zero-width space, and
the joiners choose a letter's form. Only at either end of a text, where they join or
separate nothing, are they trimmed with the other invisible characters.

Control characters (other than tab and line breaks) are removed too: no keyboard types
them, and the PDF draws them as garbage.
"""

from __future__ import annotations

import re

# U+061C ARABIC LETTER MARK, U+200E/U+200F LEFT-TO-RIGHT/RIGHT-TO-LEFT MARK,
# U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates.
DIRECTION_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # all but tab and line breaks
_STRAY = re.compile(f"[{DIRECTION_CONTROLS}{_CONTROLS}]")

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): characters a font
# draws nothing for. With the blank Braille pattern and control characters they make a
# text that looks empty.
_IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_INVISIBLE = rf"\s\x00-\x1f\x7f-\x9f\u2800{_IGNORABLE}"
_BLANK = re.compile(f"[{_INVISIBLE}]*")
_HIDDEN = re.compile(f"[{_CONTROLS}{_IGNORABLE}]+")
# What may be trimmed from the ends: spaces, controls and the invisible characters that
# stand alone, not the variation selectors and tags that end an emoji (❤️, England's
# flag), which belong to the character before them.
_LOOSE = "".join(
    [chr(c) for c in range(0x3001) if chr(c).isspace() or c < 0x20 or 0x7F <= c <= 0x9F]
    + list("\u00ad\u115f\u1160\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064")
    + list("\u2800\u3164\ufeff\uffa0")
)


def is_blank(text: str) -> bool:
    """True when nothing of the text can be seen: it is empty, spaces or invisible."""
    return _BLANK.fullmatch(text) is not None


def typed_text(text: str) -> str:
    """The text without direction controls and control characters, trimmed of what is
    invisible at its ends; "" when nothing visible is left."""
    text = _STRAY.sub("", text)
    # str.strip, not a regex: "[…]+$" starts again at every character of an invisible
    # run in the middle, and a megabyte of them would take hours.
    return text.strip(_LOOSE) if not is_blank(text) else ""


def without_hidden(text: str) -> str:
    """The text without any character that shows nothing (spaces stay, they can be
    seen): for codes and e-mail addresses, which never hold one, so that a code pasted
    with a stray zero-width space still matches."""
    return _HIDDEN.sub("", text)
