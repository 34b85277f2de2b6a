"""Loading seeds/translations/<lang>/*.yaml (format: seeds/translations/README.md).

Every translation is loaded as a draft. Loading twice changes nothing, and a translation
an administrator has reviewed or edited is never overwritten: only drafts that still hold
what an earlier seed file gave (`from_seed`) take the file's new text. A code the
database does not know is reported, not fatal, so one slip in a translator's file does
not stop the rest from loading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import models, transaction

from assessment.authoring.yaml_safety import load_yaml
from assessment.models import (
    AdviceVariantTranslation,
    LevelTranslation,
    OptionTranslation,
    PillarTranslation,
    QuestionnaireTranslation,
    QuestionnaireVersion,
    QuestionTranslation,
    TranslationStatus,
)
from assessment.models.content_stamp import restamp
from assessment.models.translations import Translation, translation_languages


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # reviewed or edited in the admin: the file's text was not applied
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"Translations: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.kept} kept as edited or reviewed."
        )


class Loader:
    """Applies one file's items to one translation model, reading its rows once."""

    def __init__(
        self, model: type[Translation], parents: Iterable[models.Model], language: str
    ) -> None:
        self.model = model
        self.language = language
        ids = [p.pk for p in parents]
        self.rows = {
            getattr(row, f"{model.PARENT}_id"): row
            for row in model.objects.filter(
                **{f"{model.PARENT}__in": ids}, language=language
            ).select_related(model.PARENT)  # its English, for the fingerprint on save
        }
        self.new: list[Translation] = []

    def apply(
        self, parent: models.Model, values: Mapping[str, Any], where: str, report: LoadReport
    ):
        texts = {name: _text(values.get(name)) for name in self.model.FIELDS}
        for name, text in texts.items():
            field = self.model._meta.get_field(name)
            limit = field.max_length if isinstance(field, models.Field) else None
            if limit and len(text) > limit:
                report.warnings.append(f"{where}: {name} is longer than {limit} characters.")
                return
        if not any(texts.values()):
            return
        row = self.rows.get(parent.pk)
        if row is None:
            self.new.append(
                self.model(
                    **{self.model.PARENT: parent},
                    language=self.language,
                    from_seed=True,
                    status=TranslationStatus.DRAFT,
                    **texts,
                )
            )
            report.created += 1
            return
        if all(getattr(row, name) == text for name, text in texts.items()):
            report.unchanged += 1
        elif row.status != TranslationStatus.DRAFT or not row.from_seed:
            report.kept += 1
        else:
            for name, text in texts.items():
                setattr(row, name, text)
            row.save(update_fields=[*texts, "updated_at", "source_hash"])
            report.updated += 1

    def flush(self) -> int:
        """Create the new rows; returns how many (bulk_create sends no signal)."""
        for row in self.new:
            row.mark_current()  # bulk_create does not call save()
        self.model.objects.bulk_create(self.new)
        created, self.new = len(self.new), []
        return created


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def as_mapping(value: Any, where: str, report: LoadReport) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        report.warnings.append(f"{where}: expected a mapping.")
        return {}
    return value


# Loads one file of another app's content: (data, language, where, report).
FileLoader = Callable[[dict[str, Any], str, str, "LoadReport"], None]


def load_translations(
    folder: Path,
    seeds: Path,
    report: LoadReport | None = None,
    *,
    loaders: Mapping[str, FileLoader] | None = None,
) -> LoadReport:
    """Load every <lang>/questionnaire_*.yaml under folder, and the files `loaders` name.

    Other apps' content (the programme catalogue of `reports`) comes in through
    `loaders`, by file name, so this app never imports them.
    """
    report = report or LoadReport()
    loaders = loaders or {}
    if not folder.is_dir():
        return report
    languages = dict(translation_languages())
    for lang_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        if lang_dir.name not in languages:
            report.warnings.append(f"{lang_dir.name}/: not one of {', '.join(languages)}.")
            continue
        for path in sorted(lang_dir.glob("*.yaml")):
            where = f"{lang_dir.name}/{path.name}"
            try:
                data = load_yaml(path.read_text(encoding="utf-8"))
            except yaml.YAMLError as exc:
                report.warnings.append(f"{where}: not valid YAML ({exc}).")
                continue
            if not isinstance(data, dict) or data.get("language") != lang_dir.name:
                report.warnings.append(f"{where}: “language: {lang_dir.name}” is missing.")
                continue
            with transaction.atomic():
                if path.name in loaders:
                    loaders[path.name](data, lang_dir.name, where, report)
                else:
                    load_questionnaire(data, lang_dir.name, seeds, where, report)
    return report


def load_questionnaire(
    data: dict[str, Any], language: str, seeds: Path, where: str, report: LoadReport
) -> None:
    version = _version(data.get("source"), seeds)
    if version is None:
        report.warnings.append(f"{where}: its source “{data.get('source')}” is not loaded.")
        return
    pillars = list(version.pillars.all())
    questions = [q for p in pillars for q in p.questions.all()]
    options = [o for q in questions for o in q.options.all()]
    levels = list(version.levels.order_by("min_score"))

    top = Loader(QuestionnaireTranslation, [version], language)
    top.apply(version, data, where, report)
    created = top.flush()

    loader = Loader(LevelTranslation, levels, language)
    entries = data.get("levels") or []
    if len(entries) > len(levels):
        report.warnings.append(f"{where}: {len(entries)} levels for {len(levels)} in English.")
    for level, entry in zip(levels, entries, strict=False):
        loader.apply(level, as_mapping(entry, f"{where} level", report), f"{where} level", report)
    created += loader.flush()

    by_code = {p.code: p for p in pillars}
    loader = Loader(PillarTranslation, pillars, language)
    for code, entry in as_mapping(data.get("pillars"), f"{where} pillars", report).items():
        if code not in by_code:
            report.warnings.append(f"{where}: no pillar “{code}”.")
            continue
        loader.apply(by_code[code], as_mapping(entry, code, report), f"{where} {code}", report)
    created += loader.flush()

    questions_by_code = {q.code: q for q in questions}
    q_loader = Loader(QuestionTranslation, questions, language)
    o_loader = Loader(OptionTranslation, options, language)
    v_loader = Loader(
        AdviceVariantTranslation, [v for o in options for v in o.advice_variants.all()], language
    )
    for code, entry in as_mapping(data.get("questions"), f"{where} questions", report).items():
        question = questions_by_code.get(code)
        if question is None:
            report.warnings.append(f"{where}: no question “{code}”.")
            continue
        entry = as_mapping(entry, f"{where} {code}", report)
        q_loader.apply(question, entry, f"{where} {code}", report)
        own = {o.code: o for o in question.options.all()}
        for o_code, o_entry in as_mapping(entry.get("options"), f"{where} {code}", report).items():
            if o_code not in own:
                report.warnings.append(f"{where}: question “{code}” has no option “{o_code}”.")
                continue
            o_where = f"{where} {code}/{o_code}"
            o_entry = as_mapping(o_entry, o_where, report)
            o_loader.apply(own[o_code], o_entry, o_where, report)
            _apply_variants(v_loader, own[o_code], o_entry.get("advice_variants"), o_where, report)
    created += sum(loader.flush() for loader in (q_loader, o_loader, v_loader))
    if created:
        # bulk_create sends no signal; a second seed run that creates nothing keeps the
        # stamp, so seeding twice leaves the same data (and the pages' cache).
        restamp(QuestionnaireVersion.objects.filter(pk=version.pk))


def _apply_variants(
    loader: Loader, option: models.Model, entries: Any, where: str, report: LoadReport
) -> None:
    """An option's `advice_variants`: the advice of each, in the English file's order."""
    if entries is None:
        return
    variants = list(option.advice_variants.all())  # type: ignore[attr-defined]
    if not isinstance(entries, list) or len(entries) > len(variants):
        report.warnings.append(
            f"{where}: advice_variants must be a list of at most {len(variants)} texts."
        )
        return
    for number, (variant, text) in enumerate(zip(variants, entries, strict=False), start=1):
        loader.apply(variant, {"advice": text}, f"{where} variant {number}", report)


def _version(source: Any, seeds: Path) -> QuestionnaireVersion | None:
    """The version the English seed file `source` describes (by its slug and number)."""
    if not isinstance(source, str) or "/" in source or "\\" in source:
        return None
    path = seeds / source
    if not path.is_file():
        return None
    english = load_yaml(path.read_text(encoding="utf-8")) or {}
    number = english.get("number")
    if number is None:
        return None  # every version has a number: none would match
    return (
        QuestionnaireVersion.objects.filter(slug=english.get("slug"), number=number)
        .prefetch_related("pillars__questions__options__advice_variants")
        .first()
    )
