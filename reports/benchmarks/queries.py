"""Benchmarks kept current: one snapshot row per questionnaire version, refreshed by a task.

Why a per-version snapshot refreshed after each submission:

- Reading is the frequent path (every results page and every PDF), so it must be cheap:
  `benchmark_for` reads one `BenchmarkSnapshot` row and picks the peer group in Python.
- Writing happens once per submission, not per page view: the submit view enqueues
  `refresh_benchmarks` after the submission commits. The refresh runs one streaming
  query over the submitted assessments of that version and reads the profile and the
  pillar scores from their compact frozen `figures` (never the ~30 KB `result`, which
  PostgreSQL would have to decompress whole for every key read), never the answers,
  and lets pandas compute every group at once.
- Scores of different versions are not comparable, so each version has its own snapshot.
- With the immediate backend the refresh runs inline at submission; in production a
  worker runs it, and a results page shown meanwhile uses the previous snapshot.

Only companies whose owner has consented (`benchmark_consent_at`) are counted; consent
withdrawn takes effect at the version's next refresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models.fields.json import KT
from django.utils import timezone

from assessment.models import Assessment, QuestionnaireVersion
from reports.benchmarks.stats import Benchmark, compute_groups, peer_benchmark
from reports.models import BenchmarkSnapshot

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping


CHUNK_SIZE = 2000
PROFILE_FIELDS = ("country", "sector", "size_band")


def snapshot_rows(version: QuestionnaireVersion) -> list[dict[str, Any]]:
    """The consenting companies' latest submitted assessments on `version`, as plain rows.

    Rows hold company_id, submitted_at, country, sector, size_band, overall and
    pillars {code: score or None}, all as frozen at submission.
    """
    return list(_latest(_stream(version)))


def _stream(version: QuestionnaireVersion) -> Iterator[dict[str, Any]]:
    # `figures` lists pillar scores by position in the version's order, which cannot
    # change once the version has answers; the codes come from the version itself.
    codes = list(version.pillars.order_by("order", "pk").values_list("code", flat=True))
    rows = (
        Assessment.objects.filter(
            questionnaire=version,
            status=Assessment.Status.SUBMITTED,
            company__owner__benchmark_consent_at__isnull=False,
        )
        # Each company's rows together, latest first, so _latest keeps the first it sees.
        .order_by("company_id", "-submitted_at", "-pk")
        .values(
            "company_id",
            "submitted_at",
            "overall_score",
            **{field: KT(f"figures__{field}") for field in PROFILE_FIELDS},
            **{f"score_{i}": KT(f"figures__pillars__{i}") for i in range(len(codes))},
        )
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        # The stubs type the named columns only; the figures' columns are looked up by name.
        figures: Mapping[str, object] = row
        yield {
            "company_id": row["company_id"],
            "submitted_at": row["submitted_at"],
            **{field: _text(figures[field]) for field in PROFILE_FIELDS},
            "overall": row["overall_score"],
            "pillars": {code: _score(figures[f"score_{i}"]) for i, code in enumerate(codes)},
        }


def _latest(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    previous = None
    for row in rows:
        if row["company_id"] != previous:
            previous = row["company_id"]
            yield row


def _text(value: Any) -> Any:
    # SQLite's KT reads a JSON null as the text "null" (Django asks JSON_TYPE for it);
    # PostgreSQL's ->> gives NULL.
    return None if value is None or value == "null" else value


def _score(value: Any) -> float | None:
    # KT gives text on PostgreSQL and a number on SQLite.
    value = _text(value)
    return None if value is None else float(value)


def refresh_snapshot(version: QuestionnaireVersion) -> BenchmarkSnapshot:
    """Recompute the version's peer groups and store them, unless a newer refresh has.

    Two refreshes may overlap (two submissions a moment apart, two workers). The one
    that started later has read at least as much, so an earlier one that finishes last
    must not overwrite it: the row lock makes the compare-and-write atomic, and the
    long read and computation stay outside the transaction.
    """
    started = timezone.now()
    rows = snapshot_rows(version)
    values = {
        "computed_at": started,
        "companies": len({row["company_id"] for row in rows}),
        "groups": compute_groups(rows),
    }
    with transaction.atomic():
        snapshot, created = BenchmarkSnapshot.objects.select_for_update().get_or_create(
            questionnaire=version, defaults=values
        )
        if not created and snapshot.computed_at <= started:
            for name, value in values.items():
                setattr(snapshot, name, value)
            snapshot.save(update_fields=list(values))
    return snapshot


def snapshot_groups(version_id: int) -> dict[str, Any] | None:
    """A version's peer groups as last computed (one query), or None before the first."""
    groups: dict[str, Any] | None = (
        BenchmarkSnapshot.objects.filter(questionnaire_id=version_id)
        .values_list("groups", flat=True)
        .first()
    )
    return groups


def benchmark_for(assessment: Assessment) -> Benchmark | None:
    """The peer group and figures for a submitted assessment (one query), or None."""
    groups = snapshot_groups(assessment.questionnaire_id)
    if not groups:
        return None
    return peer_benchmark(groups, assessment.result.get("profile") or {})
