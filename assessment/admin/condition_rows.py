"""The condition editor's rows and the stored condition (JSON), one into the other.

A row is (subject, operator, values, number): the subject is "profile:<field>" or
"question:<code>", and each value is "<subject>|<JSON value>", so that a value sent with a
row of another subject is caught instead of stored (assessment/admin/condition_editor.py).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError


def encode(subject: str, value: Any) -> str:
    return f"{subject}|{json.dumps(value)}"


def empty_row() -> dict[str, Any]:
    return {"subject": "", "op": "in", "values": [], "number": ""}


def load(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value) if value.strip() else {}
        except json.JSONDecodeError:
            return None
    return value or {}


def bundle_of(condition: Any) -> dict[str, Any]:
    """The editor's rows for a stored condition; a nested one is left to the raw JSON."""
    raw = json.dumps(condition or {}, ensure_ascii=False)
    rows: list[dict[str, Any]] = []
    bundle = {"join": "all", "rows": rows, "raw": raw, "raw_original": raw, "nested": False}
    if not condition:
        return bundle
    join = "any" if "any" in condition else "all"
    parts = condition.get(join) if join in condition else [condition]
    if not isinstance(parts, list) or not all(
        isinstance(p, dict) and ("profile" in p or "question" in p) for p in parts
    ):
        bundle["nested"] = True
        return bundle
    bundle["join"] = join
    for part in parts:
        kind = "profile" if "profile" in part else "question"
        subject = f"{kind}:{part[kind]}"
        op = next((k for k in part if k != kind), "in")
        value = part.get(op)
        if op in ("in", "not_in"):
            row = {"subject": subject, "op": op, "number": ""}
            row["values"] = [encode(subject, v) for v in value or []]
        else:
            row = {"subject": subject, "op": op, "values": [], "number": str(value)}
        rows.append(row)
    return bundle


def rows_to_condition(join: str, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    parts = []
    for number, row in enumerate(rows, start=1):
        subject = row["subject"]
        if not subject:
            if row["values"] or str(row["number"]).strip():
                raise ValidationError(f"Row {number}: choose a field or question first.")
            continue
        kind, _sep, name = subject.partition(":")
        if kind not in ("profile", "question") or not name:
            raise ValidationError(f"Row {number}: unknown field or question “{subject}”.")
        op = row["op"]
        if op in ("in", "not_in"):
            values = []
            for encoded in row["values"]:
                owner, _sep, code = encoded.partition("|")
                if owner != subject:
                    raise ValidationError(
                        f"Row {number}: a value chosen belongs to another field or question."
                    )
                try:
                    values.append(json.loads(code))
                except json.JSONDecodeError as exc:
                    raise ValidationError(f"Row {number}: a value cannot be read.") from exc
            if not values:
                raise ValidationError(f"Row {number}: choose at least one value.")
            parts.append({kind: name, op: values})
        elif op in ("gte", "lte"):
            try:
                limit = float(row["number"])
            except ValueError as exc:
                raise ValidationError(f"Row {number}: “{row['number']}” is not a number.") from exc
            parts.append({kind: name, op: int(limit) if limit.is_integer() else limit})
        else:
            raise ValidationError(f"Row {number}: choose an operator.")
    if not parts:
        return {}
    if len(parts) == 1:
        return parts[0]
    return {"any" if join == "any" else "all": parts}
