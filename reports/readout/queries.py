"""Loading a readout's inputs: the readout's only queries.

A fixed number whatever the size of the questionnaire: the assessment, the previous one,
the benchmark snapshot, the programme catalogue, the version's translations (none in
English) and, for the methodology annex only, the version's pillars, questions and
options. `build_readout` (pure) does the rest.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone, translation

from assessment import conditions
from assessment.authoring.conditions_text import QuestionLabels
from assessment.carry_over import keys_between
from assessment.frozen import FrozenResult, load_result
from assessment.i18n.localise import ContentCatalogue
from assessment.i18n.translated import content_catalogue
from assessment.models import Assessment, Option, Question, QuestionnaireVersion
from reports.benchmarks.queries import snapshot_groups
from reports.models import programme_catalogue
from reports.readout.build import PreviousInput, ReadoutInputs, VersionInput, build_readout
from reports.readout.methodology import MethodInput, OptionInput, PillarInput, QuestionInput
from reports.readout.not_applicable import ConditionInput
from reports.readout.values import Readout
from reports.recommendations.rank import ProgrammeInfo


class ReportUnavailable(Exception):
    """No readout for this assessment: it does not exist or is still a draft."""


def readout_for(
    assessment: Assessment | int,
    *,
    language: str,
    today: datetime.date | None = None,
    with_methodology: bool = False,
) -> Readout:
    """The readout of a submitted assessment (an instance, or its primary key)."""
    if isinstance(assessment, int):
        found = Assessment.objects.select_related("questionnaire").filter(pk=assessment).first()
        if found is None:
            raise ReportUnavailable(f"There is no assessment {assessment}.")
        assessment = found
    if not assessment.is_submitted:
        raise ReportUnavailable(f"Assessment {assessment.pk} is a draft: it has no report yet.")
    inputs = readout_inputs(assessment, language=language, with_methodology=with_methodology)
    return build_readout(inputs, language=language, today=today or timezone.localdate())


def readout_inputs(
    assessment: Assessment, *, language: str, with_methodology: bool = False
) -> ReadoutInputs:
    version = assessment.questionnaire
    previous = previous_assessment(assessment)
    result = load_result(assessment.result)
    content = content_catalogue(assessment.questionnaire_id, language)
    return ReadoutInputs(
        assessment_id=assessment.pk,
        submitted_at=assessment.submitted_at,
        result=result,
        content=content,
        version=VersionInput(
            slug=version.slug,
            number=version.number,
            published_at=version.published_at,
            weights_rationale=version.weights_rationale,
        ),
        previous=_previous_input(version, previous),
        benchmark_groups=snapshot_groups(assessment.questionnaire_id),
        # One query: the catalogue is small and the ranking is plain Python. Its kind and
        # format labels are gettext: in the readout's language, whatever the caller's.
        catalogue=_catalogue(language),
        method=method_input(version) if with_methodology else None,
        conditions=condition_input(version.pk, content) if _conditions_hid(result) else None,
    )


def _conditions_hid(result: FrozenResult) -> bool:
    """Whether a pillar without a score had questions its conditions hid: only then do
    the conditions say why (other pillars without a score need no query)."""
    return any(
        q["status"] == "not_asked"
        for p in result["pillars"]
        if p["score"] is None
        for q in p["questions"]
    )


def condition_input(version_id: int, content: ContentCatalogue) -> ConditionInput:
    """The version's conditions and the labels they quote, in the catalogue's language.

    Read only for a result with a pillar that conditions left without a score: one query, and
    one more for the options of the questions the conditions name. The version has
    answers, so it is locked and these are the conditions the result was scored with.
    """
    rows = list(
        Question.objects.filter(pillar__questionnaire_id=version_id).values_list(
            "code", "text", "show_if", "pillar__code", "pillar__show_if"
        )
    )
    pillars = {pillar: show_if or {} for _c, _t, _s, pillar, show_if in rows}
    questions = {code: show_if or {} for code, _t, show_if, _p, _ps in rows}
    every = [*pillars.values(), *questions.values()]
    named: set[str] = set().union(*(conditions.references(c) for c in every))
    options: dict[str, dict[str, str]] = {code: {} for code in named}
    if named:
        for question, code, label in Option.objects.filter(
            question__pillar__questionnaire_id=version_id, question__code__in=named
        ).values_list("question__code", "code", "label"):
            options[question][code] = content.option(question, code, "label", label)
    labels = {
        code: QuestionLabels(content.text(content.questions.get(code), "text", text), options[code])
        for code, text, _s, _p, _ps in rows
        if code in named
    }
    return ConditionInput(pillars=pillars, questions=questions, labels=labels)


def _catalogue(language: str) -> tuple[ProgrammeInfo, ...]:
    with translation.override(language):
        return tuple(programme_catalogue(language))


def _previous_input(
    version: QuestionnaireVersion, previous: Assessment | None
) -> PreviousInput | None:
    if previous is None or previous.submitted_at is None:
        return None
    keys_now, keys_then = keys_between(version, previous.questionnaire_id)
    return PreviousInput(
        pk=previous.pk,
        submitted_at=previous.submitted_at,
        result=load_result(previous.result),
        keys_now=keys_now,
        keys_then=keys_then,
    )


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The same company's submitted assessment just before this one."""
    earlier = Q(submitted_at__lt=assessment.submitted_at) | Q(
        submitted_at=assessment.submitted_at, pk__lt=assessment.pk
    )
    return (
        Assessment.objects.filter(
            earlier, company_id=assessment.company_id, status=Assessment.Status.SUBMITTED
        )
        .only("pk", "submitted_at", "result", "questionnaire_id")
        .order_by("-submitted_at", "-pk")
        .first()
    )


def method_input(version: QuestionnaireVersion) -> MethodInput:
    """Every item of the version with its points, in English (three queries)."""
    return tuple(
        PillarInput(
            code=pillar.code,
            name=pillar.name,
            weight=float(pillar.weight),
            questions=tuple(
                QuestionInput(
                    code=q.code,
                    text=q.text,
                    type=q.type,
                    weight=float(q.weight),
                    max_points=q.max_points,
                    unit=q.unit,
                    options=tuple(
                        OptionInput(
                            code=o.code,
                            label=o.label,
                            kind=o.kind,
                            points=o.points,
                            band_min=o.band_min,
                            band_max=o.band_max,
                        )
                        for o in q.options.all()
                    ),
                )
                for q in pillar.questions.all()
            ),
        )
        for pillar in version.pillars.prefetch_related("questions__options")
    )
