"""The admin's editor for a condition (`show_if`): rows of field-or-question, operator, values.

Authors pick from lists (the firm's profile fields and their values, the version's earlier
questions and their options) instead of typing JSON; the rows are joined with "all" or
"any". The stored JSON stays available below as an advanced fallback, for the nested
conditions the rows cannot show: when it is edited, it wins over the rows. Saving checks
that every question named is an earlier one of the same version (conditions.check), so a
condition that could never be evaluated is refused with the item named and nothing stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from assessment import conditions
from assessment.admin.condition_rows import bundle_of, empty_row, encode, load, rows_to_condition
from assessment.authoring.conditions_text import Labels, QuestionLabels, describe
from assessment.choices import Country, Exports, Sector, SizeBand
from assessment.models import Pillar, Question, QuestionnaireVersion

PROFILE_LABELS = {
    "country": "Country",
    "sector": "Sector",
    "size_band": "Size",
    "exports": "Sells abroad",
    "women_led": "Women-led",
    "youth_led": "Youth-led",
}
OPERATORS = [
    ("in", "is one of"),
    ("not_in", "is none of"),
    ("gte", "is at least (number)"),
    ("lte", "is at most (number)"),
]
_BOOL_LABELS = {True: "Yes", False: "No", None: "Not said"}
_EXTRA_ROWS = 2


@dataclass(frozen=True)
class Earlier:
    """An earlier question a condition may name: its code, text and options (None: number)."""

    code: str
    text: str
    options: Mapping[str, str] | None


def earlier_questions(
    version: QuestionnaireVersion | None, before: Q | None = None
) -> list[Earlier]:
    """The version's questions matching `before` (those asked earlier), in order: one query
    for the questions and one for their options."""
    if version is None:
        return []
    questions = Question.objects.filter(pillar__questionnaire=version)
    if before is not None:
        questions = questions.filter(before)
    out = []
    for q in questions.prefetch_related("options"):
        options = (
            None if q.type == Question.Type.NUMBER else {o.code: o.label for o in q.options.all()}
        )
        out.append(Earlier(q.code, q.text, options))
    return out


def before_question(pillar: Pillar, order: int, pk: int | None) -> Q:
    """Questions that come before one at (pillar, order) in the questionnaire's order
    (pillar order, then order, then id, as Question.Meta.ordering)."""
    same = Q(pillar__order=pillar.order, order=order)
    if pk is not None:
        same &= Q(pk__lt=pk)
    return Q(pillar__order__lt=pillar.order) | Q(pillar__order=pillar.order, order__lt=order) | same


def before_pillar(order: int, pk: int | None) -> Q:
    same = Q(pillar__order=order)
    same &= Q(pillar_id__lt=pk) if pk is not None else Q()
    return Q(pillar__order__lt=order) | same


def _profile_values(field: str) -> list[tuple[Any, str]]:
    choices = {"country": Country, "sector": Sector, "size_band": SizeBand, "exports": Exports}
    if field in choices:
        labels = dict(choices[field].choices)
        return [(v, str(labels[v])) for v in conditions.PROFILE_FIELDS[field]]
    return [(v, _BOOL_LABELS[v]) for v in conditions.PROFILE_FIELDS[field]]


class ConditionWidget(forms.Widget):
    template_name = "admin/assessment/condition_editor.html"

    class Media:
        css = {"all": ["css/condition_editor.css"]}
        js = ["js/condition_editor.js"]

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.earlier: list[Earlier] = []

    def labels(self) -> Labels:
        return {e.code: QuestionLabels(e.text, e.options or {}) for e in self.earlier}

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        # The project's templates, not the form renderer's own directories (FORM_RENDERER
        # is Django's default, which does not read templates/).
        return render_to_string(self.template_name, self.get_context(name, value, attrs))

    def words(self, condition: Any) -> str:
        try:
            conditions.check(condition)
        except conditions.ConditionError:
            return ""  # a tampered or broken original: the form error says why
        return describe(condition, self.labels())

    def subjects(self) -> list[tuple[str, list[tuple[str, str]]]]:
        profile = [(f"profile:{f}", f"Profile: {label}") for f, label in PROFILE_LABELS.items()]
        asked = [(f"question:{e.code}", f"{e.code}: {_short(e.text)}") for e in self.earlier]
        return [("Firm profile", profile), ("Earlier questions", asked)]

    def value_groups(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """(subject, its label, its values) for each field and earlier choice question."""
        groups = [
            (
                f"profile:{f}",
                label,
                [(encode(f"profile:{f}", v), lbl) for v, lbl in _profile_values(f)],
            )
            for f, label in PROFILE_LABELS.items()
        ]
        for e in self.earlier:
            if e.options is not None:
                subject = f"question:{e.code}"
                choices = [(encode(subject, c), f"{c}: {lbl}") for c, lbl in e.options.items()]
                groups.append((subject, e.code, choices))
        return groups

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if isinstance(value, dict) and "__editor__" in value:
            bound = value  # a form shown again with its errors: what the author sent
        else:
            bound = bundle_of(load(value))
        context["editor"] = {
            **bound,
            "rows": bound["rows"] + [empty_row()] * _EXTRA_ROWS,
            "subjects": self.subjects(),
            "groups": self.value_groups(),
            "operators": OPERATORS,
            "words": self.words(load(bound["raw_original"])),
        }
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, Any]:
        rows = []
        index = 0
        while f"{name}_subject_{index}" in data:
            rows.append(
                {
                    "subject": data.get(f"{name}_subject_{index}", ""),
                    "op": data.get(f"{name}_op_{index}", ""),
                    "values": data.getlist(f"{name}_values_{index}"),
                    "number": data.get(f"{name}_number_{index}", ""),
                }
            )
            index += 1
        return {
            "__editor__": True,
            "join": data.get(f"{name}_join", "all"),
            "rows": rows,
            "raw": data.get(f"{name}_raw", ""),
            "raw_original": data.get(f"{name}_raw_original", ""),
            "nested": data.get(f"{name}_nested") == "1",
        }

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return f"{name}_raw" not in data and f"{name}_subject_0" not in data


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ConditionField(forms.Field):
    """Turns the editor's rows (or the edited raw JSON) into the stored condition."""

    widget = ConditionWidget

    def __init__(self, *, encoder: Any = None, decoder: Any = None, **kwargs: Any) -> None:
        # JSONField.formfield passes its JSON encoder and decoder; the editor needs neither.
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict) or "__editor__" not in value:
            return value or {}
        raw, original = load(value["raw"]), load(value["raw_original"])
        if raw is None:
            raise ValidationError(
                "The condition's JSON cannot be read; check its brackets and quotes."
            )
        if raw != original or value["nested"]:
            if not isinstance(raw, dict):
                raise ValidationError("The condition's JSON must be a mapping, such as {}.")
            return raw
        return rows_to_condition(value["join"], value["rows"])

    def bound_data(self, data: Any, initial: Any) -> Any:
        return data


class ConditionFormMixin(forms.ModelForm):
    """A ModelForm whose `show_if` is edited with the editor and checked against what
    comes earlier in the version when saved."""

    def earlier(self) -> list[Earlier]:
        raise NotImplementedError

    def where(self) -> str:
        raise NotImplementedError

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("show_if")
        if field is not None and self.instance.pk is not None:
            field.widget.earlier = self.earlier()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        condition = cleaned.get("show_if")
        if "show_if" not in self.fields or not condition or "show_if" in self.errors:
            return cleaned
        earlier = {
            e.code: None if e.options is None else frozenset(e.options) for e in self.earlier()
        }
        try:
            conditions.check(condition, earlier=earlier, where=self.where())
        except conditions.ConditionError as exc:
            self.add_error("show_if", str(exc))
        return cleaned


class QuestionConditionForm(ConditionFormMixin):
    class Meta:
        model = Question
        fields = ["show_if"]  # the admin passes its own fieldsets
        field_classes = {"show_if": ConditionField}

    def _place(self) -> tuple[Pillar | None, int]:
        data = getattr(self, "cleaned_data", None) or {}
        return data.get("pillar") or getattr(self.instance, "pillar", None), data.get(
            "order", self.instance.order
        )

    def earlier(self) -> list[Earlier]:
        pillar, order = self._place()
        if pillar is None:
            return []
        return earlier_questions(
            pillar.questionnaire, before_question(pillar, order, self.instance.pk)
        )

    def where(self) -> str:
        data = getattr(self, "cleaned_data", None) or {}
        return f"Question {data.get('code') or self.instance.code}"


class PillarConditionForm(ConditionFormMixin):
    class Meta:
        model = Pillar
        fields = ["show_if"]  # the admin passes its own fieldsets
        field_classes = {"show_if": ConditionField}

    def earlier(self) -> list[Earlier]:
        data = getattr(self, "cleaned_data", None) or {}
        version = data.get("questionnaire") or getattr(self.instance, "questionnaire", None)
        order = data.get("order", self.instance.order)
        return earlier_questions(version, before_pillar(order, self.instance.pk))

    def where(self) -> str:
        data = getattr(self, "cleaned_data", None) or {}
        return f"Pillar “{data.get('name') or self.instance.name}”"
