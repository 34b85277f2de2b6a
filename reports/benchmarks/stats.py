"""Peer benchmarks: who a firm is compared with, and the peers' medians and quartiles.

Pure functions over plain rows (no ORM, no HTTP), so the results page, the PDF report
and the tests share them; `reports/benchmarks/queries.py` feeds them from the database and
keeps the computed groups in a per-version snapshot. Rows come from every version of a
questionnaire (pillar codes are kept across versions); each group lists the version
numbers its peers answered, so the report can say so.

Peer groups, most specific first: same country and sector; same country; same size band;
everyone. A group is kept only when it holds at least `K_MIN` companies (k-anonymity),
and a pillar's figures only when at least `K_MIN` of those companies have a score for it,
so that no published figure rests on fewer than five firms' answers.

Quartiles use pandas' default linear interpolation (numpy's "linear" method, Hyndman
and Fan type 7): the q-th quantile of n sorted values sits at position q·(n − 1),
between the two nearest values. For 10, 20, 30, 40, 50 that gives q1 20, median 30,
q3 40; for 0, 10, 20, 30, 40, 100 it gives q1 12.5, median 25, q3 37.5.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _

from assessment.choices import Country, Sector, SizeBand

K_MIN = 5
OVERALL = "overall"

# Group level -> the profile fields that define it, most specific first.
LEVELS: dict[str, tuple[str, ...]] = {
    "country_sector": ("country", "sector"),
    "country": ("country",),
    "size_band": ("size_band",),
    "all": (),
}
PROFILE_FIELDS = ("country", "sector", "size_band")
DECIMALS = 2  # scores are frozen with one decimal; interpolation can add one more


@dataclass(frozen=True)
class PillarStats:
    median: float
    q1: float
    q3: float


@dataclass(frozen=True)
class Benchmark:
    group: str  # "country_sector" | "country" | "size_band" | "all"
    label: str  # e.g. "Firms in Lao PDR, handicrafts and creative industries"
    n: int  # companies in the group
    pillars: dict[str, PillarStats]  # keyed by pillar code, and "overall"
    versions: tuple[int, ...] = ()  # questionnaire versions the peers answered

    @property
    def versions_note(self) -> str:
        """ "Peers answered versions 1 and 2 of the questionnaire.", or "" when unknown."""
        return versions_note(self.versions)

    @property
    def label_in_sentence(self) -> str:
        """The label to follow a number: "12 firms in Lao PDR", "7 micro firms (…)"."""
        return _lower_first(self.label)


def group_key(group: str, profile: Mapping[str, Any]) -> str | None:
    """The snapshot key of a profile's group at one level; None if the profile lacks a field."""
    values = [profile.get(field) for field in LEVELS[group]]
    if any(not value for value in values):
        return None
    return ":".join([group, *map(str, values)])


def compute_groups(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """JSON-ready peer statistics of every group holding at least `K_MIN` companies.

    `rows`: one dict per submitted assessment with company_id, submitted_at, version
    (its number; optional), country, sector, size_band, overall and pillars ({code: score
    or None}). Only each company's latest row counts, whatever its version. A None score is
    left out of its pillar's figures (not taken as 0). Returns
    {"country_sector:LA:agrifood": {"group", "n", "versions": [1, 2], "pillars": {code:
    {"median", "q1", "q3"}}}, "country:LA": …, "size_band:micro": …, "all": …}.
    """
    frame = _latest_per_company(_frame(rows))
    if frame.empty:
        return {}
    values = [c for c in frame.columns if c not in _NOT_SCORES]
    frame["_everyone"] = "all"  # one group of every row, so "all" takes the same path
    groups: dict[str, dict[str, Any]] = {}
    for level, fields in LEVELS.items():
        by_group = frame.groupby(list(fields) or ["_everyone"], sort=True)
        grouped = by_group[values]
        versions = by_group["version"].unique()
        sizes = grouped.size()
        big = sizes[sizes >= K_MIN].index
        if big.empty:
            continue
        enough = grouped.count().loc[big] >= K_MIN  # companies scored, per pillar
        q1 = grouped.quantile(0.25).loc[big]
        median = grouped.median().loc[big]
        q3 = grouped.quantile(0.75).loc[big]
        # A loop over the (few) groups, not the rows: at most 7 countries × 10 sectors.
        for index in big:
            parts = index if isinstance(index, tuple) else (index,)
            key = level if not fields else ":".join([level, *map(str, parts)])
            groups[key] = {
                "group": level,
                "n": int(sizes[index]),
                "versions": sorted(int(v) for v in versions[index] if pd.notna(v)),
                "pillars": {
                    code: {
                        "median": _number(median.at[index, code]),
                        "q1": _number(q1.at[index, code]),
                        "q3": _number(q3.at[index, code]),
                    }
                    for code in values
                    if enough.at[index, code]
                },
            }
    return groups


def peer_benchmark(
    groups: Mapping[str, Mapping[str, Any]], profile: Mapping[str, Any]
) -> Benchmark | None:
    """The most specific group of the profile that holds at least `K_MIN` companies."""
    for level in LEVELS:
        key = group_key(level, profile)
        group = groups.get(key) if key else None
        if group is None or group.get("n", 0) < K_MIN:
            continue
        return Benchmark(
            group=level,
            label=group_label(level, profile),
            n=int(group["n"]),
            pillars={
                code: PillarStats(median=s["median"], q1=s["q1"], q3=s["q3"])
                for code, s in group.get("pillars", {}).items()
            },
            versions=tuple(group.get("versions", ())),
        )
    return None


def versions_note(versions: Sequence[int]) -> str:
    """Which versions of the questionnaire the peers answered, in the active language."""
    if not versions:
        return ""
    if len(versions) == 1:
        return _("Peers answered version %(number)s of the questionnaire.") % {
            "number": versions[0]
        }
    return _("Peers answered versions %(numbers)s and %(last)s of the questionnaire.") % {
        "numbers": ", ".join(map(str, versions[:-1])),
        "last": versions[-1],
    }


def group_label(level: str, profile: Mapping[str, Any]) -> str:
    """The group in words, from the profile vocabularies' labels, in the active language."""
    if level == "country_sector":
        return _("Firms in %(country)s, %(sector)s") % {
            "country": _country(profile["country"]),
            "sector": _sector(profile["sector"]),
        }
    if level == "country":
        return _("Firms in %(country)s") % {"country": _country(profile["country"])}
    if level == "size_band":
        sizes = {
            SizeBand.MICRO: _("Micro firms (1–9 employees)"),
            SizeBand.SMALL: _("Small firms (10–49 employees)"),
            SizeBand.MEDIUM: _("Medium firms (50–249 employees)"),
            SizeBand.LARGE: _("Large firms (250+ employees)"),
        }
        return sizes.get(profile["size_band"], str(profile["size_band"]))
    return _("Firms in all countries and sectors")


# --- helpers --------------------------------------------------------------------------


_NOT_SCORES = ("company_id", "submitted_at", "version", "_everyone", *PROFILE_FIELDS)


def _frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """One column per field and per pillar, built column-wise (no per-row DataFrame work)."""
    columns = ("company_id", "submitted_at", "version", *PROFILE_FIELDS)
    frame = pd.DataFrame({c: [row.get(c) for row in rows] for c in columns})
    scores = pd.DataFrame.from_records(
        [row.get("pillars") or {} for row in rows], index=frame.index
    )
    scores[OVERALL] = [row.get(OVERALL) for row in rows]
    # None and missing pillars become NaN, which pandas' statistics skip.
    numeric: pd.DataFrame = scores.apply(pd.to_numeric, errors="coerce").astype("float64")
    return pd.concat([frame, numeric], axis=1)


def _latest_per_company(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return frame
    # A stable sort keeps input order among equal times: the later row wins a tie.
    frame = frame.assign(submitted_at=pd.to_datetime(frame["submitted_at"], utc=True))
    ordered = frame.sort_values("submitted_at", kind="stable", na_position="first")
    return ordered.drop_duplicates("company_id", keep="last")


def _number(value: Any) -> float:
    return round(float(value), DECIMALS)


def _label(choices: type, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:  # a code no longer offered: show it rather than fail
        return str(code)


def _country(code: str) -> str:
    return _("other countries") if code == Country.OTHER else _label(Country, code)


def _sector(code: str) -> str:
    return _("other sectors") if code == Sector.OTHER else _lower_first(_label(Sector, code))


def _lower_first(text: str) -> str:
    """ "Handicrafts and …" → "handicrafts and …", but "ICT and …" stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
