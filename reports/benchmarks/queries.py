"""Benchmarks kept current: one snapshot row per questionnaire version, refreshed by a task.

Peers are counted across every version of the same questionnaire (the same slug): pillar
codes are kept from version to version and scores are out of 100, so publishing a new
version does not restart the peer groups. Each group says which versions its peers
answered. Every version's row holds the same groups, so a firm reads its own version's.

Why a per-version snapshot refreshed after each submission:

- Reading is the frequent path (every results page and every PDF), so it must be cheap:
  `benchmark_for` reads one `BenchmarkSnapshot` row and picks the peer group in Python.
- Writing happens once per submission, not per page view: the submit view enqueues
  `refresh_benchmarks` after the submission commits. The refresh runs one streaming
  query over the submitted assessments of the questionnaire and reads the profile and the
  pillar scores from their compact frozen `figures` (never the ~30 KB `result`, which
  PostgreSQL would have to decompress whole for every key read), never the answers,
  and lets pandas compute every group at once.
- With the immediate backend the refresh runs inline at submission; in production a
  worker runs it, and a results page shown meanwhile uses the previous snapshot.

Only companies whose owner has consented (`benchmark_consent_at`) are counted; consent
withdrawn takes effect at the version's next refresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Case, Subquery, Value, When
from django.db.models.fields.json import KT
from django.utils import timezone

from assessment.models import Assessment, Pillar, QuestionnaireVersion
from reports.benchmarks.stats import Benchmark, compute_groups, peer_benchmark
from reports.models import BenchmarkSnapshot

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping


CHUNK_SIZE = 2000
PROFILE_FIELDS = ("country", "sector", "size_band")


def snapshot_rows(version: QuestionnaireVersion) -> list[dict[str, Any]]:
    """The consenting companies' latest submitted assessments on any version of `version`'s
    questionnaire, as plain rows.

    Rows hold company_id, submitted_at, version (its number), country, sector, size_band,
    overall and pillars {code: score or None}, all as frozen at submission.
    """
    return list(_latest(_stream(version.slug)))


def _pillar_codes(slug: str) -> dict[int, tuple[int, list[str]]]:
    """Each version's number and pillar codes in the order of its `figures`."""
    out: dict[int, tuple[int, list[str]]] = {}
    rows = (
        Pillar.objects.filter(questionnaire__slug=slug)
        .order_by("questionnaire_id", "order", "pk")
        .values_list("questionnaire_id", "questionnaire__number", "code")
    )
    for version_id, number, code in rows:
        out.setdefault(version_id, (number, []))[1].append(code)
    return out


def _stream(slug: str) -> Iterator[dict[str, Any]]:
    # `figures` lists pillar scores by position in the version's order, which cannot
    # change once the version has answers; the codes come from each version itself.
    versions = _pillar_codes(slug)
    width = max((len(codes) for _, codes in versions.values()), default=0)
    rows = (
        Assessment.objects.filter(
            questionnaire_id__in=list(versions),
            status=Assessment.Status.SUBMITTED,
            company__owner__benchmark_consent_at__isnull=False,
        )
        # Each company's rows together, latest first, so _latest keeps the first it sees.
        .order_by("company_id", "-submitted_at", "-pk")
        .values(
            "company_id",
            "questionnaire_id",
            "submitted_at",
            "overall_score",
            **{field: KT(f"figures__{field}") for field in PROFILE_FIELDS},
            **{f"score_{i}": KT(f"figures__pillars__{i}") for i in range(width)},
        )
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        # The stubs type the named columns only; the figures' columns are looked up by name.
        figures: Mapping[str, object] = row
        number, codes = versions[row["questionnaire_id"]]
        yield {
            "company_id": row["company_id"],
            "submitted_at": row["submitted_at"],
            "version": number,
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
    """Recompute the questionnaire's peer groups and store them in the row of `version`
    and of every other published or retired version, unless a newer refresh has.

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
    others = QuestionnaireVersion.objects.filter(slug=version.slug).exclude(
        status=QuestionnaireVersion.Status.DRAFT
    )
    with transaction.atomic():
        # Rows locked in one order (by key), so two refreshes cannot deadlock.
        stored = {
            version_id: _store(version_id, started, values)
            for version_id in sorted({version.pk, *others.values_list("pk", flat=True)})
        }
    return stored[version.pk]


def _store(version_id: int, started: Any, values: dict[str, Any]) -> BenchmarkSnapshot:
    snapshot, created = BenchmarkSnapshot.objects.select_for_update().get_or_create(
        questionnaire_id=version_id, defaults=values
    )
    if not created and snapshot.computed_at <= started:
        for name, value in values.items():
            setattr(snapshot, name, value)
        snapshot.save(update_fields=list(values))
    return snapshot


def snapshot_groups(version_id: int) -> dict[str, Any] | None:
    """A version's peer groups as last computed (one query), or None before the first.

    A version just published has no row until a submission on it refreshes one; until
    then it reads the latest row of its questionnaire's other versions, which holds the
    same groups, so the first reports on a new version already have their peers.
    """
    slug = QuestionnaireVersion.objects.filter(pk=version_id).values("slug")
    groups: dict[str, Any] | None = (
        BenchmarkSnapshot.objects.filter(questionnaire__slug=Subquery(slug))
        .order_by(
            Case(When(questionnaire_id=version_id, then=Value(0)), default=Value(1)),
            "-computed_at",
        )
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
