"""What a new version changes in an option's advice variants, for the publish page.

Pure, over the option dicts of `version_to_dict` (variants under `advice_variants`, each
with `sizes`, `sectors` and `advice`). Variants carry no code: one for the same firms (the
same sizes and sectors; the model refuses two such in one option) is the same variant,
whose advice may have been reworded; of the rest, one with the same advice is the same
variant given to other firms. Anything still unpaired was added or removed: pairing by
position would call a variant that replaced another, or one moved up the list, "changed".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Variant = Mapping[str, Any]


def advice_variant_changes(code: str, was: Mapping[str, Any], now: Mapping[str, Any]) -> list[str]:
    """Variants added, removed or changed in the options of one question in both versions.

    Options added or removed are listed as such already; their variants are not repeated.
    """
    before = {o["code"]: o for o in was.get("options", [])}
    out = []
    for option in now.get("options", []):
        if option["code"] in before:
            name = f"{code}: option {option['code']}"
            out += _option_variant_changes(name, before[option["code"]], option)
    return out


def _option_variant_changes(name: str, was: Variant, now: Variant) -> list[str]:
    old: list[Variant] = list(was.get("advice_variants") or [])
    new: list[Variant] = list(now.get("advice_variants") or [])
    pairs: dict[int, int] = {}  # index in new -> index in old
    for same in (_firms, _advice):
        for i, v in enumerate(new):
            match = [
                j
                for j, w in enumerate(old)
                if i not in pairs and j not in pairs.values() and same(w) == same(v)
            ]
            if match:
                pairs[i] = match[0]
    out = []
    for i, v in enumerate(new):
        if i not in pairs:
            out.append(f"{name}: variant for {_who(v)} added: “{v.get('advice', '')}”")
            continue
        w = old[pairs[i]]
        if (_firms(w), w.get("advice")) == (_firms(v), v.get("advice")):
            continue
        parts = [
            f"{key} {_listed(w, key)} → {_listed(v, key)}"
            for key in ("sizes", "sectors")
            if set(w.get(key) or ()) != set(v.get(key) or ())
        ]
        if w.get("advice") != v.get("advice"):
            parts.append(f"advice “{w.get('advice', '')}” → “{v.get('advice', '')}”")
        out.append(f"{name}: variant for {_who(w)}: " + "; ".join(parts))
    out += [
        f"{name}: variant for {_who(w)} removed (was: “{w.get('advice', '')}”)"
        for j, w in enumerate(old)
        if j not in pairs.values()
    ]
    return out


def _firms(v: Variant) -> tuple[frozenset[str], frozenset[str]]:
    # Sets: listing the same sizes in another order gives the same firms.
    return frozenset(v.get("sizes") or ()), frozenset(v.get("sectors") or ())


def _advice(v: Variant) -> str:
    return str(v.get("advice", ""))


def _listed(v: Variant, key: str) -> str:
    values: Sequence[str] = v.get(key) or ()
    return ", ".join(values) or "any"


def _who(v: Variant) -> str:
    sizes = ", ".join(v.get("sizes") or ()) or "any size"
    sectors = ", ".join(v.get("sectors") or ()) or "any sector"
    return f"{sizes}; {sectors}"
