"""Notebooks stay thin, deterministic and in step with the figure registry and README."""

from __future__ import annotations

import re

import nbformat
import pytest

from analysis.figures import FIGURES
from analysis.paths import NOTEBOOKS_DIR, ROOT

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


def test_the_numbered_sequence_is_complete():
    names = [path.stem for path in NOTEBOOKS]
    assert names == [
        "01_corpus",
        "02_actors",
        "03_commitments",
        "04_sentiment",
        "05_evaluation",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_thin_and_explained(path):
    nb = nbformat.read(path, as_version=4)
    code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    markdown = [cell.source for cell in nb.cells if cell.cell_type == "markdown"]
    assert len(markdown) >= 3, "say what the tables and figures mean"
    for source in code:
        assert not re.search(r"^\s*(def|class) ", source, re.M), "logic belongs in analysis/"
        assert "sys.path" not in source, "no path hacks: analysis is installed"
    outputs = [
        str(output.get("data", output.get("text", "")))
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    ]
    assert outputs, "notebooks are committed with their outputs (nbval compares them)"
    assert not any(" at 0x" in text for text in outputs), "object reprs vary between runs"
    assert not any(str(ROOT) in text for text in outputs), "absolute paths differ per clone"
    assert not any(
        output.get("output_type") == "error"
        for cell in nb.cells
        for output in cell.get("outputs", [])
    ), "committed with an error"


@pytest.mark.parametrize("fig_id", sorted(FIGURES))
def test_every_figure_is_drawn_by_its_notebook_and_listed_in_readme(fig_id):
    spec = FIGURES[fig_id]
    notebook = ROOT / spec.notebook
    assert notebook.exists()
    assert f'"{fig_id}"' in notebook.with_suffix(".py").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`{fig_id}`" in readme and spec.notebook in readme
