"""What the officers' targeting pages read: firms' latest results, the catalogue, a version."""

from __future__ import annotations

from collections.abc import Iterator

from assessment.frozen import FrozenResult, load_result
from assessment.i18n.translated import localised, with_translations
from assessment.models import Assessment, Pillar, Question, QuestionnaireVersion
from reports.analytics.queries import default_version
from reports.targeting.imagined import PillarSpec, QuestionSpec

CHUNK_SIZE = 500


def latest_results() -> Iterator[FrozenResult]:
    """Each consenting company's latest submitted result, streamed in chunks.

    Only firms that consented to the anonymised use of their answers are counted, as in
    analytics and benchmarks.
    """
    rows = (
        Assessment.objects.filter(
            status=Assessment.Status.SUBMITTED,
            company__owner__benchmark_consent_at__isnull=False,
        )
        .order_by("company_id", "-submitted_at", "-pk")
        .values_list("company_id", "result")
    )
    previous = None
    for company_id, result in rows.iterator(chunk_size=CHUNK_SIZE):
        if company_id == previous:
            continue
        previous = company_id
        yield load_result(result)


def version_for_form() -> QuestionnaireVersion | None:
    return default_version()


def pillar_specs(version: QuestionnaireVersion, language: str | None) -> tuple[PillarSpec, ...]:
    """The version's pillars and scored questions, texts in `language`: two queries."""
    pillars = with_translations(
        Pillar.objects.filter(questionnaire=version).order_by("order", "pk"), language
    )
    questions = with_translations(
        Question.objects.filter(pillar__questionnaire=version).order_by("order", "pk"), language
    )
    by_pillar: dict[int, list[QuestionSpec]] = {}
    for q in questions:
        if q.is_scored:
            by_pillar.setdefault(q.pillar_id, []).append(
                QuestionSpec(code=q.code, text=localised(q, "text"), weight=float(q.weight))
            )
    return tuple(
        PillarSpec(
            code=p.code,
            name=localised(p, "name"),
            weight=float(p.weight),
            questions=tuple(by_pillar.get(p.pk, ())),
        )
        for p in pillars
    )
