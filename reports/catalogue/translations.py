"""The programme catalogue's translations in seeds/translations/<lang>/programmes.yaml.

The questionnaire's translations are loaded by assessment/i18n/seed.py; this adds the
catalogue's file to the same run, as a loader for its file name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assessment.i18n.seed import Loader, LoadReport, as_mapping, load_translations
from reports.models import Programme, ProgrammeTranslation


def load_all_translations(folder: Path, seeds: Path) -> LoadReport:
    """The questionnaire's and the catalogue's translations under folder."""
    return load_translations(folder, seeds, loaders={"programmes.yaml": load_programmes})


def load_programmes(data: dict[str, Any], language: str, where: str, report: LoadReport) -> None:
    programmes = {p.code: p for p in Programme.objects.all()}
    loader = Loader(ProgrammeTranslation, programmes.values(), language)
    for code, entry in as_mapping(data.get("programmes"), f"{where} programmes", report).items():
        if code not in programmes:
            report.warnings.append(f"{where}: no programme “{code}”.")
            continue
        loader.apply(programmes[code], as_mapping(entry, code, report), f"{where} {code}", report)
    loader.flush()
