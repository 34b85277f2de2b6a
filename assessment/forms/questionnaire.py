"""One form per pillar page, built from the pillar's questions.

Questions are never required at page level: "save and continue later" must accept a
half-answered page. Required questions are enforced by the review page and by
Assessment.submit(). What the form does refuse is a value that cannot be right: a
number out of range, text over its limit, "none of these" ticked beside other options,
or (only by tampering) an option that is not one of the question's own.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Any, TypedDict

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.answer_versions import AnswerState
from assessment.forms.fields import TypedTextField
from assessment.i18n.translated import localised
from assessment.models import Answer, Option, Question

SPECIAL_KINDS = (Option.Kind.NOT_APPLICABLE, Option.Kind.DONT_KNOW)


class _Common(TypedDict):
    """What every question's field is given."""

    required: bool
    label: str
    help_text: str


def field_name(question: Question) -> str:
    return f"q-{question.code}"


def special_name(question: Question) -> str:
    return f"q-{question.code}-special"


@dataclass(frozen=True)
class ConflictNote:
    """A question answered elsewhere since the page was drawn: both answers, as read."""

    saved: str
    mine: str


@dataclass(frozen=True)
class PageAnswer:
    """What one question received on a page: options, a number or text; empty = cleared."""

    question: Question
    options: tuple[Option, ...] = ()
    number: Decimal | None = None
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.options and self.number is None and not self.text.strip()


class OptionChoices(BaseChoiceIterator):
    """Options as a choice field's (value, label) pairs, already in Django's normal form:
    a list would be normalised again by the field and by its widget, on every page, for
    every question."""

    def __init__(self, options: list[Option]) -> None:
        self.pairs = [(str(o.pk), localised(o, "label")) for o in options]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.pairs)


class DistinctMultipleChoiceField(forms.MultipleChoiceField):
    """A choice sent twice counts once: a double click on a slow link or a replayed
    request repeats a checkbox's value, and the answer's options are a set."""

    def to_python(self, value: Any) -> list[str]:
        return list(dict.fromkeys(super().to_python(value)))


class PillarForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        questions: list[Question],
        answers: dict[int, Answer],
        **kwargs: Any,
    ) -> None:
        # The page writes its own labels; no ":" suffix (a string Django would translate).
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.conflicts: dict[int, ConflictNote] = {}
        for question in questions:
            self._add_fields(question, answers.get(question.pk))

    # ------------------------------------------------------------------ building

    def _add_fields(self, question: Question, answer: Answer | None) -> None:
        options = list(question.options.all())
        chosen = [str(o.pk) for o in answer.options.all()] if answer else []
        common = _Common(
            required=False,
            label=localised(question, "text"),
            help_text=localised(question, "help_text"),
        )
        name = field_name(question)
        if question.type == Question.Type.TEXT:
            self.fields[name] = TypedTextField(
                max_length=question.max_length,
                widget=forms.Textarea(attrs={"rows": 3, "maxlength": question.max_length}),
                initial=answer.text if answer else "",
                **common,
            )
        elif question.type == Question.Type.NUMBER:
            self.fields[name] = forms.DecimalField(
                min_value=question.min_value,
                max_value=question.max_value,
                max_digits=12,
                decimal_places=2,
                initial=_as_typed(answer.number) if answer else None,
                widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
                **_Common(
                    required=False, label=_number_label(question), help_text=common["help_text"]
                ),
            )
            specials = [o for o in options if o.kind in SPECIAL_KINDS]
            if specials:
                self.fields[special_name(question)] = forms.ChoiceField(
                    choices=OptionChoices(specials),
                    widget=forms.RadioSelect,
                    required=False,
                    label=gettext_lazy("Or"),
                    initial=chosen[0] if chosen else None,
                )
        elif question.type == Question.Type.MULTIPLE:
            self.fields[name] = DistinctMultipleChoiceField(
                choices=OptionChoices(options),
                widget=forms.CheckboxSelectMultiple,
                initial=chosen,
                **common,
            )
        else:
            self.fields[name] = forms.ChoiceField(
                choices=OptionChoices(options),
                widget=forms.RadioSelect,
                initial=chosen[0] if chosen else None,
                **common,
            )
        self.fields[name].question = question  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ validation

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for question in self.questions:
            name = field_name(question)
            if question.type == Question.Type.MULTIPLE and name in cleaned:
                picked = [self._option(question, pk) for pk in cleaned[name]]
                exclusive = [o for o in picked if o.kind != Option.Kind.NORMAL]
                if exclusive and len(picked) > 1:
                    self.add_error(
                        name,
                        _("“%(option)s” cannot be ticked together with other options.")
                        % {"option": localised(exclusive[0], "label")},
                    )
            if question.type == Question.Type.NUMBER:
                special = cleaned.get(special_name(question))
                if special and cleaned.get(name) is not None:
                    label = localised(self._option(question, special), "label")
                    self.add_error(
                        name,
                        _("Give a number or choose “%(option)s”, not both.") % {"option": label},
                    )
        return cleaned

    def _option(self, question: Question, pk: str) -> Option:
        return next(o for o in question.options.all() if str(o.pk) == pk)

    def is_tampered(self) -> bool:
        """A choice outside the question's own options can only come from a forged POST."""
        return any(
            self.has_error(name, code="invalid_choice")
            for name in self.fields
            if name in self.errors
        )

    # ------------------------------------------------------------------ results

    def page_answers(self) -> list[PageAnswer]:
        """The valid answers on the page; questions whose field has an error are left out,
        so a mistake in one answer never loses the others."""
        out = []
        for question in self.questions:
            name = field_name(question)
            if name in self.errors or special_name(question) in self.errors:
                continue
            value = self.cleaned_data.get(name)
            if question.type == Question.Type.TEXT:
                out.append(PageAnswer(question, text=value or ""))
            elif question.type == Question.Type.NUMBER:
                special = self.cleaned_data.get(special_name(question))
                options = (self._option(question, special),) if special else ()
                out.append(PageAnswer(question, options=options, number=value))
            elif question.type == Question.Type.MULTIPLE:
                out.append(
                    PageAnswer(
                        question, options=tuple(self._option(question, pk) for pk in value or ())
                    )
                )
            else:
                options = (self._option(question, value),) if value else ()
                out.append(PageAnswer(question, options=options))
        return out

    def show_conflicts(self, conflicts: dict[int, tuple[AnswerState, AnswerState]]) -> None:
        """Note, at each question, the saved answer and this page's (by question id)."""
        for question in self.questions:
            if question.pk in conflicts:
                saved, mine = conflicts[question.pk]
                self.conflicts[question.pk] = ConflictNote(
                    saved=_described(question, saved), mine=_described(question, mine)
                )

    def rows(
        self,
        shown: Collection[str] | None = None,
        script: Mapping[str, str] | None = None,
        *,
        carried: Collection[int] = (),
        new: Collection[int] = (),
    ) -> list[Row]:
        """The questions with everything the template shows of them, in order.

        The choices are plain values built once here: iterating a bound field renders a
        widget context per option, most of the cost of a page (scripts/bench_questionnaire_page.py).
        `shown` holds the codes of the questions that apply (all of them by default);
        `script` the conditions the page's script evaluates, as JSON, by code; `carried`
        and `new` the ids of the questions whose answer came from the last assessment and
        of those it did not ask.
        """
        out = []
        for q in self.questions:
            field = self[field_name(q)]
            special = self[special_name(q)] if special_name(q) in self.fields else None
            out.append(
                Row(
                    question=q,
                    field=field,
                    special=special,
                    conflict=self.conflicts.get(q.pk),
                    choices=_choices(field) if q.type not in _FREE else (),
                    special_choices=_choices(special) if special is not None else (),
                    shown=shown is None or q.code in shown,
                    condition=(script or {}).get(q.code, ""),
                    text=localised(q, "text"),
                    help=str(field.help_text),
                    carried=q.pk in carried,
                    new=q.pk in new,
                    errors=tuple(str(e) for e in field.errors),
                    special_errors=(
                        tuple(str(e) for e in special.errors) if special is not None else ()
                    ),
                )
            )
        return out


@dataclass(frozen=True)
class Choice:
    id: str
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class Row:
    """One question of the page as the template draws it."""

    question: Question
    field: forms.BoundField
    special: forms.BoundField | None
    conflict: ConflictNote | None
    choices: tuple[Choice, ...]
    special_choices: tuple[Choice, ...]
    shown: bool = True
    condition: str = ""  # JSON for the script; empty when the question always applies
    # Read once here rather than at each use in the template (an error list is built anew
    # at every access of a bound field's errors).
    text: str = ""
    help: str = ""
    carried: bool = False  # the answer came from the last assessment
    new: bool = False  # the last assessment's version did not ask it
    errors: tuple[str, ...] = ()
    special_errors: tuple[str, ...] = ()

    @property
    def invalid(self) -> bool:
        return bool(self.errors or self.special_errors)

    @property
    def fieldset_attributes(self) -> SafeString:
        """The fieldset's attributes, written here for the cost of a template's dozen
        conditions per question (see `_inputs`). A question that does not apply is drawn
        hidden and disabled (nothing posted, nothing required); the page's script shows
        it in place when an answer above makes it apply."""
        code = escape(self.question.code)
        parts = [f' class="question{" is-invalid" if self.invalid else ""}" id="q-{code}"']
        if self.help:
            parts.append(f' aria-describedby="help-{code}"')
        if self.condition:
            parts.append(f' data-show-if="{escape(self.condition)}"')
        if not self.shown:
            parts.append(" hidden disabled")
        return mark_safe("".join(parts))  # noqa: S308 (every value is escaped above)

    @property
    def inputs(self) -> SafeString:
        kind = "checkbox" if self.question.type == Question.Type.MULTIPLE else "radio"
        return _inputs(self.field.html_name, kind, self.choices)

    @property
    def special_inputs(self) -> SafeString:
        if self.special is None:
            return SafeString("")
        return _inputs(self.special.html_name, "radio", self.special_choices)


_FREE = (Question.Type.TEXT, Question.Type.NUMBER)


def _inputs(name: str, kind: str, choices: tuple[Choice, ...]) -> SafeString:
    """A question's options as inputs with their labels, written here rather than by a
    template loop (and with the standard library's escape rather than format_html): a
    page draws dozens, and this is several times faster."""
    name = escape(name)
    return mark_safe(  # noqa: S308 (every value is escaped above or here)
        "".join(
            f'<div class="form-check"><input class="form-check-input" type="{kind}"'
            f' name="{name}" value="{escape(c.value)}" id="{escape(c.id)}"'
            f'{" checked" if c.checked else ""}><label class="form-check-label"'
            f' for="{escape(c.id)}">{escape(c.label)}</label></div>\n'
            for c in choices
        )
    )


def _choices(field: forms.BoundField) -> tuple[Choice, ...]:
    value = field.value()
    picked = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    base = field.auto_id
    return tuple(
        Choice(f"{base}_{i}", str(pk), str(label), str(pk) in picked)
        for i, (pk, label) in enumerate(field.field.choices)  # type: ignore[attr-defined]
    )


def _as_typed(number: Decimal | None) -> Decimal | None:
    """10 comes back as 10, not as the stored 10.00; 12.50 as 12.5."""
    if number is None:
        return None
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def _described(question: Question, state: AnswerState) -> str:
    """An answer as the respondent would read it: option labels, number, text."""
    parts = [localised(o, "label") for o in question.options.all() if o.pk in state.options]
    if state.number is not None:
        unit = localised(question, "unit")
        parts.append(f"{_as_typed(state.number)} {unit}".strip())
    if state.text.strip():
        parts.append(state.text)
    return "; ".join(parts) or _("No answer")


def _number_label(question: Question) -> str:
    text, unit = localised(question, "text"), localised(question, "unit")
    return f"{text} ({unit})" if unit else text
