"""Which questions of different versions of one questionnaire are the same question.

A question that keeps its code across versions is the same question; one whose code
changed names the code it continues in `previous_code`. Every question gets a lineage
key, the oldest code of its chain, so answers and changes compare across versions by key.
Pure functions over plain data (no ORM): `assessment/models/previous_codes.py` loads the
versions and checks an author's mapping with `mapping_problems`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class VersionCodes:
    """One version: its number and, for each question code, the code it continues."""

    number: int
    previous: Mapping[str, str | None]  # question code -> previous_code ("" or None: none)


def lineage(versions: Iterable[VersionCodes]) -> dict[int, dict[str, str]]:
    """For each version number, every question code's lineage key (the oldest code).

    A code that keeps its name takes the key its latest earlier use had; a previous_code
    takes the key of that code as the latest earlier version that had it; a code seen for
    the first time (an unknown previous_code too) starts a lineage of its own. Within
    one version no two questions share a key.
    """
    keys: dict[str, str] = {}  # code -> key, as the latest version so far used it
    seen: dict[str, int] = {}  # code -> the latest version number that had it
    out: dict[int, dict[str, str]] = {}
    for version in sorted(versions, key=lambda v: v.number):
        wanted = {c: keys.get(p or c, p or c) for c, p in version.previous.items()}
        holder: dict[str, str] = {}  # key -> the code that holds it in this version
        for code, key in wanted.items():
            rival = holder.get(key)
            if rival is None or _claim(version, code, seen) > _claim(version, rival, seen):
                holder[key] = code
        # An old code brought back beside the question that continues it: the one named
        # by previous_code (else the one used most recently) keeps the lineage, the other
        # starts one of its own.
        mine = {
            code: key if holder[key] == code else f"{code}@{version.number}"
            for code, key in wanted.items()
        }
        out[version.number] = mine
        keys.update(mine)
        seen.update(dict.fromkeys(mine, version.number))
    return out


def _claim(version: VersionCodes, code: str, seen: Mapping[str, int]) -> tuple[bool, int]:
    return bool(version.previous[code]), seen.get(code, 0)


def mapping_problems(
    code: str, previous_code: str, earlier_codes: set[str], version_codes: Sequence[str]
) -> list[str]:
    """Why a question's previous_code cannot stand, naming the question.

    `earlier_codes`: every question code of the questionnaire's earlier versions;
    `version_codes`: the codes and previous codes of the question's own version's other
    questions, which must not claim the same old question.
    """
    if not previous_code:
        return []
    name = f"Question {code}"
    if previous_code == code:
        return [f"{name}: it cannot continue itself; leave “previous code” empty."]
    if previous_code not in earlier_codes:
        return [
            f"{name}: no earlier version of this questionnaire has a question "
            f"“{previous_code}” to continue."
        ]
    if previous_code in version_codes:
        return [
            f"{name}: another question of this version already continues or keeps "
            f"“{previous_code}”."
        ]
    return []


def version_problems(previous: Mapping[str, str | None], earlier_codes: set[str]) -> list[str]:
    """Every question's mapping problem in one version (for publishing)."""
    claimed = Counter([*previous, *(p for p in previous.values() if p)])
    out = []
    for code, previous_code in previous.items():
        if not previous_code:
            continue
        others = [previous_code] * (claimed[previous_code] - 1)
        out += mapping_problems(code, previous_code, earlier_codes, others)
    return out
