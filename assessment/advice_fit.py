"""Which of an option's advice texts fits a firm: its own, or a size or sector variant.

Pure: plain values in, the chosen text out. An option may carry variants of its advice
for some size bands, some sectors, or both (`AdviceVariant`). A variant fits a firm when
every list it gives holds the firm's value; an empty list places no condition.

Precedence, so that overlapping variants never leave the choice to chance: a variant
naming both size bands and sectors beats one naming only one of them (it was written for
a narrower firm), and among equally specific variants the first in order wins. A firm
whose size band or sector is unknown gets only variants that do not ask for it, and the
option's own advice when none fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BASE = 0  # the number of the option's own advice, beside variants numbered from 1


@dataclass(frozen=True)
class VariantSpec:
    number: int  # position among the option's variants, from 1; keys its translations
    size_bands: frozenset[str]
    sectors: frozenset[str]
    advice: str

    def fits(self, size_band: str | None, sector: str | None) -> bool:
        return (not self.size_bands or size_band in self.size_bands) and (
            not self.sectors or sector in self.sectors
        )

    @property
    def specificity(self) -> int:
        return bool(self.size_bands) + bool(self.sectors)


@dataclass(frozen=True)
class FittedAdvice:
    text: str
    variant: int  # BASE, or the number of the variant chosen


def fitting_advice(
    base: str, variants: Sequence[VariantSpec], size_band: str | None, sector: str | None
) -> FittedAdvice:
    """The advice for a firm of this size band and sector (see the module's precedence)."""
    fitting = [v for v in variants if v.fits(size_band, sector)]
    if not fitting:
        return FittedAdvice(base, BASE)
    # max() keeps the first of equal keys, so ties go to the earlier variant.
    best = max(sorted(fitting, key=lambda v: v.number), key=lambda v: v.specificity)
    return FittedAdvice(best.advice, best.number)
