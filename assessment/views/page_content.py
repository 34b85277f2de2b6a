"""A version's page content in the active language, cached under the version's content stamp.

A questionnaire page reads the version's pillars, every question's code and condition (the
journey) and its own questions and options with their translations: four queries and a
hundred model instances, the same for every respondent until the content or a translation
changes. They are cached here as plain rows under the version's `content_stamp`, which
every save and delete of that content or its translations replaces (models/content_stamp.py),
so the next page after an edit reads afresh, in every process. Instances are rebuilt from
the rows on each request (as a queryset builds them), so no request changes another's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db.models import Model, QuerySet
from django.db.models.base import ModelState

from assessment.i18n.translated import content_language, with_translations
from assessment.models import Option, Pillar, Question, QuestionnaireVersion
from assessment.views.journey import PAGE_OPTION, PAGE_QUESTION, Outline, Outlined, attach

M = TypeVar("M", bound=Model)

# Old stamps' entries are never read again; they age out.
TIMEOUT = 24 * 60 * 60


@dataclass(frozen=True)
class Rows:
    """A queryset's rows as plain values: the model's columns, then its translations."""

    columns: tuple[str, ...]  # in the model's column order, as from_db takes them
    annotations: tuple[str, ...]  # tr_<field>
    values: list[tuple[Any, ...]]

    @classmethod
    def read(cls, queryset: QuerySet[Any], wanted: tuple[str, ...] | None = None) -> Rows:
        model = queryset.model
        columns = tuple(
            f.attname
            for f in model._meta.concrete_fields
            if wanted is None or f.attname in wanted or (f.primary_key and "pk" in wanted)
        )
        annotations = tuple(queryset.query.annotations)
        return cls(columns, annotations, list(queryset.values_list(*columns, *annotations)))

    def built(self, model: type[M], db: str | None) -> list[M]:
        """Instances as unpickling makes them (Model.__reduce__): their values set
        directly, without __init__'s per-field work, a column left out is deferred as
        with only(). Five times cheaper than from_db, for a hundred instances a page."""
        names = (*self.columns, *self.annotations)
        out = []
        for row in self.values:
            instance = model.__new__(model)
            instance.__dict__.update(zip(names, row, strict=True))
            state = instance._state = ModelState()
            state.adding, state.db = False, db
            out.append(instance)
        return out


def _key(version: QuestionnaireVersion, *parts: object) -> str:
    language = content_language() or settings.LANGUAGE_CODE
    return ":".join(map(str, ("page", version.pk, version.content_stamp, language, *parts)))


def version_outline(version: QuestionnaireVersion) -> tuple[list[Pillar], Outline]:
    """The version's pillars (translated) and its outline (every question's code and
    condition), for the pages of an assessment on it."""
    key, db = _key(version), version._state.db
    cached = cache.get(key)
    if cached is None:
        pillars = Rows.read(with_translations(Pillar.objects.filter(questionnaire_id=version.pk)))
        outline = Outline.load(pillars.built(Pillar, db))
        plain = {
            pk: [(q.pk, q.code, q.show_if, q.required) for q in qs]
            for pk, qs in outline.questions.items()
        }
        cached = (pillars, plain)
        cache.set(key, cached, TIMEOUT)
    pillars, questions = cached
    built = pillars.built(Pillar, db)
    return built, Outline(built, {pk: [Outlined(*q) for q in qs] for pk, qs in questions.items()})


def page_questions(version: QuestionnaireVersion, pillar: Pillar) -> list[Question]:
    """The page's questions, translated, each with its options (only the columns a page
    shows)."""
    key, db = _key(version, pillar.pk), version._state.db
    cached = cache.get(key)
    if cached is None:
        # Ordered here: the models' default order joins the pillar (and the question).
        questions = pillar.questions.order_by("order", "pk")
        options = Option.objects.filter(question__pillar_id=pillar.pk).order_by(
            "question_id", "order", "pk"
        )
        cached = (
            Rows.read(with_translations(questions), PAGE_QUESTION),
            Rows.read(with_translations(options), PAGE_OPTION),
        )
        cache.set(key, cached, TIMEOUT)
    questions, options = cached[0].built(Question, db), cached[1].built(Option, db)
    by_question: dict[int, list[Option]] = {q.pk: [] for q in questions}
    for option in options:
        by_question[option.question_id].append(option)
    for question in questions:
        attach(question, "options", by_question[question.pk])
    return questions
