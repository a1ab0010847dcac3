"""Rerunning notebooks, the project kernel, paired text notebooks and CITATION.cff."""

from __future__ import annotations

import json
import sys
import tomllib

import nbformat
import pytest
import yaml
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis import __version__
from analysis.paths import NOTEBOOKS_DIR, ROOT
from analysis.reproduce import (
    KERNEL_DISPLAY_NAME,
    KERNEL_NAME,
    NotebookError,
    check_pair,
    discover,
    install_kernel,
    kernel_installed,
    normalise,
    notebook_bytes,
    reproduce,
    resolve,
)

PROJECT_NOTEBOOKS = discover(NOTEBOOKS_DIR)


def make_notebook(path, *sources, markdown="# A notebook"):
    nb = new_notebook(
        cells=[new_markdown_cell(markdown)] + [new_code_cell(s) for s in sources],
        metadata={"kernelspec": {"name": KERNEL_NAME, "display_name": "x", "language": "python"}},
    )
    nbformat.write(nb, path)
    return path


# --------------------------------------------------------------------------- citation


def test_citation_cff_is_valid_and_has_the_package_version():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for key in ("cff-version", "message", "title", "authors", "version"):
        assert citation.get(key), f"CITATION.cff lacks {key}"
    assert citation["cff-version"] == "1.2.0"
    assert all(a.get("name") or a.get("family-names") for a in citation["authors"])
    with open(ROOT / "pyproject.toml", "rb") as handle:
        project = tomllib.load(handle)["project"]
    assert str(citation["version"]) == project["version"]
    if __version__ != "0+unknown":  # installed: the metadata says the same
        assert __version__ == project["version"]


# --------------------------------------------------------------------------- kernel


def test_kernel_is_installed_in_this_environment():
    path = install_kernel()
    assert path.startswith(sys.prefix)
    spec = json.loads((ROOT / path / "kernel.json").read_text(encoding="utf-8"))
    assert spec["display_name"] == KERNEL_DISPLAY_NAME
    assert kernel_installed()


# --------------------------------------------------------------------------- discovery


def test_notebooks_run_in_numeric_order(tmp_path):
    for name in ["10_late.ipynb", "02_b.ipynb", "1_first.ipynb", "notes.ipynb", "02_a.ipynb"]:
        (tmp_path / name).write_text("{}")
    assert [p.name for p in discover(tmp_path)] == [
        "1_first.ipynb",
        "02_a.ipynb",
        "02_b.ipynb",
        "10_late.ipynb",
    ]
    picked = resolve(["10_late", "02_a.ipynb"], tmp_path)
    assert [p.name for p in picked] == ["02_a.ipynb", "10_late.ipynb"]
    with pytest.raises(NotebookError, match="no such notebook"):
        resolve(["99_missing"], tmp_path)


def test_normalise_drops_volatile_metadata():
    nb = new_notebook(cells=[new_code_cell("1")])
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    nb.metadata["papermill"] = {"start_time": "2025-01-01T00:00:00"}
    nb.cells[0].metadata["execution"] = {"iopub.status.busy": "2025-01-01T00:00:00"}
    nb.cells[0].metadata["tags"] = ["nbval-ignore-output"]
    del nb.cells[0]["id"]
    normalise(nb)
    assert nb.metadata["language_info"] == {"name": "python"}
    assert "papermill" not in nb.metadata
    assert nb.metadata["kernelspec"]["name"] == KERNEL_NAME
    assert nb.cells[0].metadata == {"tags": ["nbval-ignore-output"]}
    assert nb.cells[0]["id"] == "cell-0"
    assert notebook_bytes(nb).endswith(b"}\n")


# --------------------------------------------------------------------------- execution


def test_reproduce_writes_notebook_and_report_identically_twice(tmp_path):
    folder, reports = tmp_path / "notebooks", tmp_path / "reports"
    folder.mkdir()
    make_notebook(
        folder / "01_ok.ipynb",
        "import os, analysis\nprint(os.path.basename(os.getcwd()), analysis.__version__)",
        "print(sorted({'b', 'a'}), os.environ['PYTHONHASHSEED'])",
        "from analysis import figures\nimport pandas as pd\n"
        "figures.content_words_figure(pd.DataFrame({'word': ['troops'], 'count': [2]}))",
    )
    done = reproduce(folder=folder, reports=reports, progress=False)
    assert done == [(folder / "01_ok.ipynb", reports / "01_ok.html")]
    first = {p.name: p.read_bytes() for p in [*folder.iterdir(), *reports.iterdir()]}
    nb = nbformat.reads(first["01_ok.ipynb"].decode(), as_version=4)
    assert nb.cells[1].outputs[0]["text"] == f"notebooks {__version__}\n"
    assert nb.cells[2].outputs[0]["text"] == "['a', 'b'] 0\n"
    assert "image/png" in nb.cells[3].outputs[0]["data"]
    assert all("execution" not in cell.metadata for cell in nb.cells)  # no timestamps
    assert "version" not in nb.metadata["language_info"]
    assert b"<html" in first["01_ok.html"]
    reproduce(folder=folder, reports=reports, progress=False)
    second = {p.name: p.read_bytes() for p in [*folder.iterdir(), *reports.iterdir()]}
    assert first == second


def test_failing_cell_is_named_in_one_line(tmp_path):
    folder, reports = tmp_path / "notebooks", tmp_path / "reports"
    folder.mkdir()
    make_notebook(folder / "01_ok.ipynb", "x = 1")
    path = make_notebook(
        folder / "02_broken.ipynb", "x = 1", "table = {'a': 1}\nvalue = table['actor']\nprint(x)"
    )
    original = path.read_bytes()
    with pytest.raises(NotebookError) as caught:
        reproduce(folder=folder, reports=reports, progress=False)
    error = caught.value
    assert error.cell == 3 and error.ename == "KeyError"
    assert str(error) == (
        f"{path.as_posix()}, cell 3: KeyError: 'actor' (at: value = table['actor'])"
    )
    assert "\n" not in str(error)
    assert path.read_bytes() == original  # the failed notebook is left as it was
    assert not (reports / "02_broken.html").exists()
    assert (reports / "01_ok.html").exists()  # the ones before it were written


# --------------------------------------------------------------------------- pairing


def test_check_pair_refuses_a_stale_text_notebook(tmp_path):
    jupytext = pytest.importorskip("jupytext")
    path = make_notebook(tmp_path / "01_x.ipynb", "x = 1")
    jupytext.write(nbformat.read(path, as_version=4), path.with_suffix(".py"), fmt="py:percent")
    check_pair(path)
    make_notebook(path, "x = 2")
    with pytest.raises(NotebookError, match="jupytext --sync"):
        check_pair(path)


@pytest.mark.parametrize("path", PROJECT_NOTEBOOKS, ids=[p.name for p in PROJECT_NOTEBOOKS])
def test_project_notebook_is_paired_and_normalised(path):
    assert path.with_suffix(".py").exists(), (
        f"{path.name} has no py:percent pair; run `jupytext --sync {path.relative_to(ROOT)}`"
    )
    check_pair(path)
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == KERNEL_NAME
    assert path.read_bytes() == notebook_bytes(normalise(nb)), (
        f"{path.name} carries volatile metadata; run `python -m analysis reproduce`"
    )
