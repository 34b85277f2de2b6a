"""Who gets a programme: how many assessed firms the engine recommends it to, by country.

Pure: plain frozen results in, counts out, so officers can check a programme's targeting
against the firms actually assessed, with the same engine the results page runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from assessment.frozen import FrozenResult
from reports.recommendations.rank import ProgrammeInfo, recommend


@dataclass(frozen=True)
class Reach:
    firms: int  # firms whose results were read
    by_programme: dict[str, Counter[str]]  # programme code -> country code -> firms

    def total(self, code: str) -> int:
        return sum(self.by_programme.get(code, Counter()).values())


def programme_reach(
    results: Iterable[FrozenResult], programmes: Sequence[ProgrammeInfo], today: date
) -> Reach:
    """Run the engine on each firm's result and count, per programme, the firms by country.

    Every programme of the catalogue has an entry, so one recommended to nobody shows 0.
    """
    counts: dict[str, Counter[str]] = {p.code: Counter() for p in programmes}
    firms = 0
    for result in results:
        firms += 1
        country = (result.get("profile") or {}).get("country") or ""
        for rec in recommend(result, programmes, today):
            counts.setdefault(rec.programme.code, Counter())[country] += 1
    return Reach(firms=firms, by_programme=counts)


@dataclass(frozen=True)
class CountryCount:
    country: str  # the country's name as shown
    firms: int
    shown: bool  # False below k: the count is not shown by country


@dataclass(frozen=True)
class ReachRow:
    programme: ProgrammeInfo
    running: bool
    total: int
    by_country: tuple[CountryCount, ...]


def reach_rows(
    reach: Reach,
    programmes: Sequence[ProgrammeInfo],
    today: date,
    *,
    k_min: int,
    country_names: Mapping[str, str],
) -> list[ReachRow]:
    """One row per programme, most firms first (then by code); small countries unnamed."""
    rows = []
    for programme in programmes:
        counts = reach.by_programme.get(programme.code, Counter())
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        rows.append(
            ReachRow(
                programme=programme,
                running=programme.is_active(today),
                total=sum(counts.values()),
                by_country=tuple(
                    CountryCount(country_names.get(code, code or "–"), n, n >= k_min)
                    for code, n in ordered
                ),
            )
        )
    rows.sort(key=lambda row: (-row.total, row.programme.code))
    return rows
