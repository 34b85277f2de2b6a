"""Hard eligibility: whether a firm can join a programme at all, before any ranking.

A programme the firm cannot join is never recommended, however well it would fit. Each
rule returns the reason it fails (one of the `Refusal` codes) so that tests, and later the
officers' "who gets this programme" view, can say why a programme was left out.

Decisions where the firm's profile is silent (documented here, tested in
tests/reports/recommendations/test_eligibility.py):
- A programme that targets countries, sectors or size bands is refused to a firm whose
  profile does not say which it is: we cannot tell that it may join.
- `women_led` / `youth_led` True admit only firms that said yes; False or None admit any.
- Exporting: the profile's `exports` "yes" or "planning" make an exporter, "no" a
  domestic firm. When it is "" or missing (results frozen before it was asked), the
  firm's own answers decide: it counts as an exporter if it reported sales to other
  Lancang-Mekong countries or ticked a cross-border marketplace (`sells_abroad`), and as
  domestic otherwise. So a firm that never said is offered an exporters' programme only
  when its answers show foreign sales.
- The `cross_border` relevance gate uses the same test, whatever the firm's scores.
- Readiness: the overall score as shown (whole number) must lie in [min_readiness,
  max_readiness]; a result without an overall score passes only an open range.
- Language: a programme that lists languages must run in the reader's language, in
  English (the region's working language) or in the national language of the firm's
  country; a Thai-only scheme is not offered to a Vietnamese firm reading Vietnamese.
- Dates: refused before `active_from` and after `active_until`. A one-off event with no
  end date is over once its start date has passed, and one with no dates at all cannot
  be shown to lie ahead, so it is refused too.
- Audience "government" is never recommended (see `rank.ask_ministry` for the annex).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from assessment.frozen import FrozenProfile, FrozenResult
from assessment.summary import whole
from reports.recommendations.info import ProgrammeInfo

Refusal = Literal[
    "government",
    "not_started",
    "ended",
    "one_off_over",
    "country",
    "sector",
    "size_band",
    "women_led",
    "youth_led",
    "exporting",
    "readiness",
    "language",
    "relevance",
]

# The national language(s) of each country code the profile uses (settings.LANGUAGES codes).
NATIONAL_LANGUAGES: dict[str, frozenset[str]] = {
    "KH": frozenset({"km"}),
    "CN": frozenset({"zh-hans"}),
    "LA": frozenset({"lo"}),
    "MM": frozenset({"my"}),
    "TH": frozenset({"th"}),
    "VN": frozenset({"vi"}),
}

# Answers that show a firm already sells abroad (questionnaire codes, kept across
# versions): a share of sales to other LMC countries that scores, or a ticked
# cross-border marketplace.
SALES_ABROAD_QUESTION = "coo-lmc-sales"
CROSS_BORDER_CHANNEL = ("coo-marketplaces", "cross-border-marketplace")

RELEVANCE_GATES = ("cross_border",)


def sells_abroad(result: FrozenResult) -> bool:
    """The firm's answers show sales to other countries."""
    question, option = CROSS_BORDER_CHANNEL
    for pillar in result.get("pillars", []):
        for q in pillar.get("questions", []):
            if q.get("status") != "scored":
                continue
            if q["code"] == SALES_ABROAD_QUESTION and (q.get("score") or 0) > 0:
                return True
            if q["code"] == question and option in (q["answer"].get("option_codes") or ()):
                return True
    return False


def is_exporter(result: FrozenResult) -> bool:
    """Sells or wants to sell abroad: the profile says so, or, if silent, the answers do."""
    exports = (result.get("profile") or {}).get("exports") or ""
    if exports in ("yes", "planning"):
        return True
    if exports == "no":
        return False
    return sells_abroad(result)


def refusal(
    programme: ProgrammeInfo, result: FrozenResult, today: date, language: str
) -> Refusal | None:
    """Why the firm cannot be recommended `programme`, or None if it can."""
    if programme.audience == "government":
        return "government"
    return dates_refusal(programme, today) or firm_refusal(programme, result, language)


def dates_refusal(programme: ProgrammeInfo, today: date) -> Refusal | None:
    if programme.active_from is not None and today < programme.active_from:
        return "not_started"
    if programme.active_until is not None and today > programme.active_until:
        return "ended"
    started = programme.active_from is None or today > programme.active_from
    if programme.one_off and programme.active_until is None and started:
        return "one_off_over"
    return None


def firm_refusal(programme: ProgrammeInfo, result: FrozenResult, language: str) -> Refusal | None:
    """The rules about the firm itself: targeting, profile, readiness, language, gates."""
    profile: FrozenProfile = result.get("profile") or {}
    for key, allowed in (
        ("country", programme.countries),
        ("sector", programme.sectors),
        ("size_band", programme.size_bands),
    ):
        if allowed and profile.get(key) not in allowed:
            return key  # type: ignore[return-value]
    if programme.women_led and profile.get("women_led") is not True:
        return "women_led"
    if programme.youth_led and profile.get("youth_led") is not True:
        return "youth_led"
    if programme.exporting == "exporters" and not is_exporter(result):
        return "exporting"
    if programme.exporting == "domestic" and is_exporter(result):
        return "exporting"
    if not _readiness_fits(programme, result.get("overall")):
        return "readiness"
    if not speaks(programme, profile, language):
        return "language"
    if "cross_border" in programme.relevance and not is_exporter(result):
        return "relevance"
    return None


def speaks(programme: ProgrammeInfo, profile: FrozenProfile, language: str) -> bool:
    if not programme.languages:
        return True
    runs_in = {lang.lower() for lang in programme.languages}
    national = NATIONAL_LANGUAGES.get(profile.get("country") or "", frozenset())
    return bool(runs_in & ({language.lower(), "en"} | national))


def _readiness_fits(programme: ProgrammeInfo, overall: float | None) -> bool:
    if programme.min_readiness <= 0 and programme.max_readiness >= 100:
        return True
    shown = whole(overall)
    return shown is not None and programme.min_readiness <= shown <= programme.max_readiness
