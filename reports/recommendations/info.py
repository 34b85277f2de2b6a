"""A programme of the catalogue as the recommendation engine reads it: a plain, typed copy.

`reports.models.Programme.to_info()` makes one; the engine's modules (eligibility, fit,
reasons, rank) read only this, so they run without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assessment.frozen import FrozenProfile

# Who may apply (catalogue v2): SMEs directly, through an intermediary (association,
# chamber, bank), or governments only, which is never recommended to a firm.
AUDIENCES = ("direct", "intermediary", "government")
# Which firms a programme is for by their foreign sales: any, those that sell or want to
# sell abroad (profile `exports` "yes" or "planning"), or those that sell at home only.
EXPORTING = ("", "exporters", "domestic")


@dataclass(frozen=True)
class ProgrammeInfo:
    """A plain copy of a catalogue `Programme` (reports.models), as recommendations read it."""

    code: str
    name: str
    provider: str
    provider_type: str
    kind: str
    kind_label: str
    delivery: str
    delivery_label: str
    description: str
    url: str
    pillars: tuple[str, ...]
    min_score: int
    max_score: int
    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    size_bands: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    active_from: date | None = None
    active_until: date | None = None
    priority: int = 0
    needs_verification: bool = False
    # Catalogue v2 (issue 15). `url` above is the provider's own page where an SME
    # applies, never a source of facts; "" where none is known.
    original_name: str = ""  # the official name when `name` is a translation of it
    audience: str = "direct"  # one of AUDIENCES
    audience_label: str = ""
    women_led: bool | None = None  # True: only women-led firms; None: any firm
    youth_led: bool | None = None
    exporting: str = ""  # one of EXPORTING: "" any, "exporters", "domestic"
    min_readiness: int = 0  # the firm's overall score, as shown (0-100)
    max_readiness: int = 100
    one_off: bool = False  # a single event: over once `active_until` has passed
    recurrence: str = ""  # in words, e.g. "every year in September"; "" if not recurring
    last_verified_on: date | None = None
    how_to_apply: str = ""  # one or two sentences, in the reader's language
    relevance: tuple[str, ...] = ()  # relevance gates, e.g. ("cross_border",)
    # Codes of the questions whose gaps the programme addresses (questionnaire codes,
    # kept across versions): what a recommendation's reason quotes from the firm's answers.
    topics: tuple[str, ...] = ()

    def is_active(self, on: date) -> bool:
        """Running on that day; an empty start or end date leaves that side open."""
        if self.active_from is not None and on < self.active_from:
            return False
        return self.active_until is None or on <= self.active_until

    def serves(self, profile: FrozenProfile) -> bool:
        """The firm's country, sector and size band are targeted (an empty list means all)."""
        return all(not allowed or profile.get(key) in allowed for key, allowed in self._targeting())

    def specificity(self, profile: FrozenProfile) -> int:
        """How many of country, sector and size band target the firm specifically (0–3)."""
        return sum(
            1 for key, allowed in self._targeting() if allowed and profile.get(key) in allowed
        )

    def _targeting(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return (
            ("country", self.countries),
            ("sector", self.sectors),
            ("size_band", self.size_bands),
        )
