"""Project folders, derived from the package's own location.

Every path the package reads or writes is defined here, so notebooks and scripts find
``data/`` and ``seeds/`` from any working directory without path hacks.
"""

from __future__ import annotations

from pathlib import Path

ROOT: Path = Path(__file__).resolve().parent.parent
"""The project root (the folder holding ``analysis/``, ``data/`` and ``notebooks/``)."""

SEEDS_DIR: Path = ROOT / "seeds"
DATA_DIR: Path = ROOT / "data"
CORPUS_DIR: Path = DATA_DIR / "corpus"
ANNOTATIONS_DIR: Path = DATA_DIR / "annotations"
PROCESSED_DIR: Path = DATA_DIR / "processed"
FIGURES_DIR: Path = ROOT / "figures"
REPORTS_DIR: Path = ROOT / "reports"
NOTEBOOKS_DIR: Path = ROOT / "notebooks"

DEFAULT_CORPUS: tuple[Path, ...] = (SEEDS_DIR, CORPUS_DIR)
"""Folders read when no corpus path is given: the seed articles and the user corpus."""
