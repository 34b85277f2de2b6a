"""A frozen result shown in another language: texts looked up by code, scores untouched.

`Assessment.result` froze the English texts at submission (results.py). The results page
and the report pass it through `localise_result` with the translations of the version it
was answered on: every pillar, question, option, advice and level text that has a
translation is replaced, anything without one stays English, and no figure changes.
Results frozen before option codes were stored keep their English option labels.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from assessment.frozen import FrozenQuestion, FrozenResult

Texts = Mapping[str, str]


@dataclass(frozen=True)
class ContentCatalogue:
    """One language's translations of one questionnaire version, by code."""

    version: Texts = field(default_factory=dict)  # title, description
    pillars: Mapping[str, Texts] = field(default_factory=dict)  # code -> name, description
    questions: Mapping[str, Texts] = field(default_factory=dict)  # code -> text, help_text, unit
    options: Mapping[tuple[str, str], Texts] = field(default_factory=dict)  # (question, option)
    levels: Mapping[float, Texts] = field(default_factory=dict)  # min_score -> name, description
    # (question, option, variant number) -> advice, for size and sector variants
    variants: Mapping[tuple[str, str, int], Texts] = field(default_factory=dict)

    def text(self, texts: Texts | None, name: str, english: str) -> str:
        return (texts or {}).get(name) or english

    def option(self, question: str, option: str, name: str, english: str) -> str:
        return self.text(self.options.get((question, option)), name, english)

    def advice(self, question: str, option: str, variant: int, english: str) -> str:
        """Advice frozen as `english`, the option's own (variant 0) or a variant's."""
        if variant:
            return self.text(self.variants.get((question, option, variant)), "advice", english)
        return self.option(question, option, "advice", english)


def localise_result(result: FrozenResult, catalogue: ContentCatalogue) -> FrozenResult:
    """A copy of result with every text the catalogue translates in its language."""
    out = cast("FrozenResult", copy.deepcopy(dict(result)))  # a copy: the same shape
    level_names: dict[str, str] = {}  # English name -> name in the language
    for level in out.get("levels", []):
        texts = catalogue.levels.get(float(level["min_score"]))
        english = level["name"]
        level["name"] = catalogue.text(texts, "name", english)
        level["description"] = catalogue.text(texts, "description", level.get("description", ""))
        level_names[english] = level["name"]
    if level_name := out.get("level"):
        out["level"] = level_names.get(level_name, level_name)
    questionnaire = out.get("questionnaire")
    if questionnaire:
        questionnaire["title"] = catalogue.text(catalogue.version, "title", questionnaire["title"])
    for pillar in out.get("pillars", []):
        texts = catalogue.pillars.get(pillar["code"])
        pillar["name"] = catalogue.text(texts, "name", pillar["name"])
        pillar["description"] = catalogue.text(texts, "description", pillar.get("description", ""))
        if level_name := pillar.get("level"):
            pillar["level"] = level_names.get(level_name, level_name)
        for question in pillar.get("questions", []):
            _question(question, catalogue)
    return out


def _question(question: FrozenQuestion, catalogue: ContentCatalogue) -> None:
    code = question["code"]
    texts = catalogue.questions.get(code)
    question["text"] = catalogue.text(texts, "text", question["text"])
    answer = question.get("answer") or {}
    if answer.get("unit"):
        answer["unit"] = catalogue.text(texts, "unit", answer["unit"])
    codes = answer.get("option_codes")
    if codes and len(codes) == len(answer.get("options", [])):
        answer["options"] = [
            catalogue.option(code, o_code, "label", label)
            for o_code, label in zip(codes, answer["options"], strict=True)
        ]
    advice_codes = question.get("advice_codes")
    if advice_codes and len(advice_codes) == len(question.get("advice", [])):
        question["advice"] = _advice(
            catalogue, code, advice_codes, question.get("advice_variants"), question["advice"]
        )
    missing_codes = question.get("missing_codes")
    if missing_codes and len(missing_codes) == len(question.get("missing", [])):
        question["missing"] = [
            catalogue.option(code, o_code, "label", label)
            for o_code, label in zip(missing_codes, question["missing"], strict=True)
        ]
    missing_advice_codes = question.get("missing_advice_codes")
    if missing_advice_codes and len(missing_advice_codes) == len(
        question.get("missing_advice", [])
    ):
        question["missing_advice"] = _advice(
            catalogue,
            code,
            missing_advice_codes,
            question.get("missing_advice_variants"),
            question["missing_advice"],
        )


def _advice(
    catalogue: ContentCatalogue,
    question: str,
    codes: list[str],
    variants: list[int] | None,
    texts: list[str],
) -> list[str]:
    # Results frozen before variants existed hold every option's own advice.
    if variants is None or len(variants) != len(texts):
        variants = [0] * len(texts)
    return [
        catalogue.advice(question, o_code, variant, english)
        for o_code, variant, english in zip(codes, variants, texts, strict=True)
    ]
