"""Project folders, derived from the package's own location.

Every path the package reads or writes is defined here, so notebooks and scripts find
``data/`` and ``seeds/`` from any working directory without path hacks.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT: Path = Path(__file__).resolve().parent.parent
"""The project root (the folder holding ``analysis/``, ``data/`` and ``notebooks/``)."""

SEEDS_DIR: Path = ROOT / "seeds"
DATA_DIR: Path = ROOT / "data"
CORPUS_DIR: Path = DATA_DIR / "corpus"
ANNOTATIONS_DIR: Path = DATA_DIR / "annotations"
OUTPUT_ENV = "UKRAINE_GUARANTEES_OUTPUT"
"""Environment variable: when set, derived files go below this folder instead of the
project (the test suite sets it so that running the notebooks never rewrites the
committed figures and tables)."""
_OUTPUT_ROOT: Path | None = Path(os.environ[OUTPUT_ENV]) if os.environ.get(OUTPUT_ENV) else None
PROCESSED_DIR: Path = (_OUTPUT_ROOT / "processed") if _OUTPUT_ROOT else DATA_DIR / "processed"
FIGURES_DIR: Path = (_OUTPUT_ROOT / "figures") if _OUTPUT_ROOT else ROOT / "figures"
REPORTS_DIR: Path = (_OUTPUT_ROOT / "reports") if _OUTPUT_ROOT else ROOT / "reports"
NOTEBOOKS_DIR: Path = ROOT / "notebooks"

DEFAULT_CORPUS: tuple[Path, ...] = (SEEDS_DIR, CORPUS_DIR)
"""Folders read when no corpus path is given: the seed articles and the user corpus."""


def knowledge_files() -> list[Path]:
    """The data files every result depends on (gazetteer, cue lexicon, boilerplate rules,
    abbreviations, stop words), sorted; recorded with each figure for provenance."""
    patterns = ("*.csv", "*.txt", "*.yaml", "actors/*.csv", "cues/*.csv")
    found = {path for pattern in patterns for path in DATA_DIR.glob(pattern) if path.is_file()}
    return sorted(found)
