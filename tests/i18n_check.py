"""A checker for untranslated text on a page rendered in one language.

Three rules, each catching what the others cannot:
1. Every message looked up while the page rendered (our catalogue's and Django's) has a
   translation in the page's language: `GettextRecorder` records each lookup and whether
   the active catalogue holds it. This catches a string marked for translation whose
   msgstr is missing, and a catalogue that was not compiled or loaded.
2. No English text that bypassed gettext: in a page in a non-Latin script, no run of
   Latin letters is left once the allowed names are taken out (company, programme
   providers and links, identifiers, acronyms); in Vietnamese, no common English word.
3. No English content where a translation exists: the English of every translated
   content item (questions, options, advice, levels, pillars, programmes) is absent.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import trans_real

LATIN_SCRIPT = {"en", "vi"}
# Common English words that are no Vietnamese syllables (vi pages are in Latin letters).
ENGLISH_WORDS = {"the", "your", "and", "of", "with", "is", "are", "for", "this", "you", "from"}
ACRONYM = re.compile(r"^[A-Z]{2,6}s?$")  # PDF, SME, ERP, ASEAN, MI, LMC
LATIN_RUN = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z'’.-]*")


@dataclass
class Lookup:
    language: str
    message: str
    found: bool


@dataclass
class GettextRecorder:
    """Records every gettext lookup made while active (templates and Python alike)."""

    lookups: list[Lookup] = field(default_factory=list)

    def __enter__(self) -> GettextRecorder:
        cls = trans_real.DjangoTranslation
        self._saved = (cls.gettext, cls.ngettext)
        recorder = self

        def gettext(translation: Any, message: str) -> str:
            recorder._record(translation, message, message)
            return recorder._saved[0](translation, message)

        def ngettext(translation: Any, singular: str, plural: str, n: int) -> str:
            recorder._record(translation, singular, (singular, 0))
            return recorder._saved[1](translation, singular, plural, n)

        cls.gettext, cls.ngettext = gettext, ngettext
        return self

    def __exit__(self, *exc: object) -> None:
        trans_real.DjangoTranslation.gettext, trans_real.DjangoTranslation.ngettext = self._saved

    def _record(self, translation: Any, message: str, key: Any) -> None:
        language = translation.language()
        self.lookups.append(Lookup(language, message, key in translation._catalog))

    def untranslated(self, language: str, *, endonyms: Iterable[str] = ()) -> list[str]:
        """Messages looked up in `language` that its catalogues do not translate.

        Language names written in their own language (the switcher's) are meant to
        stay as they are: Django passes them through gettext all the same.
        """
        keep = set(endonyms)
        return sorted(
            {
                lk.message
                for lk in self.lookups
                if lk.language == language and not lk.found and lk.message not in keep
            }
        )

    def messages(self, language: str) -> set[str]:
        return {lk.message for lk in self.lookups if lk.language == language}


def visible_text(page: str) -> str:
    """The text a reader sees or hears: element text and the labelling attributes."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    attributes = re.findall(r'\b(?:aria-label|title|alt|placeholder)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(" ".join([text, *attributes]))


def latin_leftovers(text: str, language: str, allowed: Iterable[str] = ()) -> list[str]:
    """English words left in a page in `language` once the allowed names are removed."""
    for name in sorted(allowed, key=len, reverse=True):
        if name:
            text = text.replace(name, " ")
    words = [w.strip(".'’-") for w in LATIN_RUN.findall(text)]
    words = [w for w in words if w and not ACRONYM.match(w)]
    if language in LATIN_SCRIPT:
        return sorted({w for w in words if w.lower() in ENGLISH_WORDS})
    return sorted(set(words))


def english_left(text: str, english_texts: Iterable[str]) -> list[str]:
    """The English content texts that still appear (as whole words) in the page."""
    return sorted(
        {
            english
            for english in english_texts
            if english and re.search(rf"(?<!\w){re.escape(english)}(?!\w)", text)
        }
    )
