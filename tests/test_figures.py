"""Figures: every figure draws (also from empty tables) and saves byte-for-byte reproducibly."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap

import matplotlib
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis import __version__, figures
from analysis.figures import FIGURES, FORMATS


def commitments_table(rows=None) -> pd.DataFrame:
    rows = rows or [
        ("Poland", "POL", "troops", "rules_out", False),
        ("Poland", "POL", "logistics", "offers", False),
        ("Poland", "POL", "sanctions", "urges", False),
        ("United States", "USA", "troops", "rules_out", False),
        ("United States", "USA", "intelligence", "offers", False),
        ("United States", "USA", "arms", "offers", True),
        ("France", "FRA", "troops", "considers", True),
        ("France", "FRA", "troops", "considers", False),
        ("Hungary", "HUN", "troops", "opposes", False),
    ]
    frame = pd.DataFrame(rows, columns=["actor", "actor_code", "commitment", "stance", "hedged"])
    frame.insert(0, "doc_id", "seed")
    frame.insert(1, "sentence_id", range(len(frame)))
    frame["cameo"] = ""
    frame["speaker"] = ""
    frame["sentence"] = "An evidence sentence."
    return frame


def tables() -> dict[str, pd.DataFrame]:
    return {
        "fig-commitments": commitments_table(),
        "fig-actor-counts": pd.DataFrame(
            {
                "actor": ["Poland", "United States", "European Union", "Kaliningrad"],
                "actor_code": ["POL", "USA", "EU", "RUS"],
                "actor_type": ["state", "state", "institution", "region"],
                "mentions": [7, 4, 2, 1],
                "documents": [1, 1, 1, 1],
            }
        ),
        "fig-actor-sentiment": pd.DataFrame(
            {
                "actor": ["Poland", "United States", "European Union"],
                "actor_code": ["POL", "USA", "EU"],
                "actor_type": ["state", "state", "institution"],
                "n": [5, 3, 1],
                "mean": [0.21, -0.34, 0.5],
                "spread": [0.12, 0.41, 0.0],
                "min": [0.0, -0.8, 0.5],
                "max": [0.4, 0.2, 0.5],
            }
        ),
        "fig-content-words": pd.DataFrame(
            {"word": ["troops", "ukraine", "poland", "guarantees"], "count": [9, 7, 5, 5]}
        ),
        "fig-evaluation": pd.DataFrame(
            {
                "commitment": ["troops", "logistics"] * 2,
                "system": ["extractor", "extractor", "baseline", "baseline"],
                "tp": [3, 1, 2, 0],
                "fp": [0, 0, 1, 1],
                "fn": [0, 1, 1, 2],
                "precision": [1.0, 1.0, 2 / 3, 0.0],
                "recall": [1.0, 0.5, 2 / 3, 0.0],
                "f1": [1.0, 2 / 3, 2 / 3, 0.0],
            }
        ),
    }


def draw(fig_id: str, table: pd.DataFrame | None = None) -> Figure:
    table = tables()[fig_id] if table is None else table
    return FIGURES[fig_id].function(table)


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    paths = []
    for name, table in tables().items():
        path = folder / f"{name}.csv"
        table.to_csv(path, index=False, lineterminator="\n")
        paths.append(path)
    return paths


def test_registry_ids_and_notebooks():
    assert sorted(FIGURES) == [
        "fig-actor-counts",
        "fig-actor-sentiment",
        "fig-commitments",
        "fig-content-words",
        "fig-evaluation",
    ]
    assert FIGURES["fig-commitments"].notebook == "notebooks/03_commitments.ipynb"
    assert FIGURES["fig-content-words"].notebook == "notebooks/01_corpus.ipynb"
    for spec in FIGURES.values():
        assert spec.title and spec.caption and spec.notebook.startswith("notebooks/")


@pytest.mark.parametrize("fig_id", sorted(FIGURES))
def test_figure_bytes_identical_on_every_draw(fig_id):
    for fmt in FORMATS:
        first = figures.render(draw(fig_id), fmt)
        second = figures.render(draw(fig_id), fmt)
        assert first == second, f"{fig_id}.{fmt} differs between two draws"


def test_no_dates_or_creator_in_files():
    fig = draw("fig-commitments")
    svg = figures.render(fig, "svg").decode("utf-8")
    pdf = figures.render(fig, "pdf")
    png = figures.render(fig, "png")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"/CreationDate" not in pdf and b"/Producer" not in pdf
    assert b"Matplotlib version" not in png
    assert "<text" not in svg  # text drawn as paths: no font needed to view it


def test_same_bytes_in_a_fresh_process(tmp_path):
    """Another interpreter (other hash seed) draws the same bytes as this one."""
    fig = draw("fig-commitments")
    here = {fmt: hashlib.sha256(figures.render(fig, fmt)).hexdigest() for fmt in FORMATS}
    code = textwrap.dedent(
        """
        import hashlib, json, sys
        sys.path.insert(0, sys.argv[1])
        from test_figures import draw
        from analysis import figures
        fig = draw("fig-commitments")
        print(json.dumps({f: hashlib.sha256(figures.render(fig, f)).hexdigest()
                          for f in figures.FORMATS}))
        """
    )
    env = dict(os.environ, PYTHONHASHSEED="12345", MPLBACKEND="agg")
    done = subprocess.run(
        [sys.executable, "-c", code, os.path.dirname(__file__)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    assert json.loads(done.stdout) == here


def test_save_twice_gives_identical_files_and_manifest(tmp_path, inputs):
    runs = []
    for run in ("a", "b"):
        folder = tmp_path / run
        for fig_id in sorted(FIGURES):
            written = figures.save(draw(fig_id), fig_id, inputs, folder)
            assert [p.name for p in written] == [f"{fig_id}.{fmt}" for fmt in FORMATS]
        runs.append({p.name: p.read_bytes() for p in sorted(folder.iterdir())})
    assert runs[0].keys() == runs[1].keys()
    assert len(runs[0]) == 3 * len(FIGURES) + 1
    for name in runs[0]:
        assert runs[0][name] == runs[1][name], f"{name} differs between two runs"


def test_manifest_entries(tmp_path, inputs):
    folder = tmp_path / "figures"
    for fig_id in ["fig-evaluation", "fig-commitments", "fig-actor-counts"]:
        figures.save(draw(fig_id), fig_id, list(reversed(inputs)), folder, root=tmp_path)
    text = (folder / "manifest.json").read_text(encoding="utf-8")
    assert text.endswith("}\n]\n") and "\r" not in text
    manifest = json.loads(text)
    assert [e["id"] for e in manifest] == ["fig-actor-counts", "fig-commitments", "fig-evaluation"]
    entry = manifest[1]
    assert entry["notebook"] == "notebooks/03_commitments.ipynb"
    assert entry["title"] == FIGURES["fig-commitments"].title
    assert entry["caption"] == FIGURES["fig-commitments"].caption
    assert entry["version"] == __version__
    assert entry["matplotlib"] == matplotlib.__version__
    assert entry["commit"] == "unknown" or len(entry["commit"]) == 40
    assert isinstance(entry["source_modified"], bool)
    assert [i["path"] for i in entry["inputs"]] == sorted(f"inputs/{p.name}" for p in inputs)
    for item in entry["inputs"]:
        data = (tmp_path / item["path"]).read_bytes()
        assert item["sha256"] == hashlib.sha256(data).hexdigest()
    for item in entry["files"]:
        assert item["sha256"] == hashlib.sha256((folder / item["path"]).read_bytes()).hexdigest()
    # saving again replaces the figure's entry, keeps the others
    figures.save(draw("fig-commitments"), "fig-commitments", inputs[:1], folder, root=tmp_path)
    again = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in again] == [e["id"] for e in manifest]
    assert len(again[1]["inputs"]) == 1
    assert again[0] == manifest[0] and again[2] == manifest[2]


def test_save_rejects_unknown_id_and_missing_input(tmp_path):
    with pytest.raises(KeyError, match="fig-nope"):
        figures.save(draw("fig-commitments"), "fig-nope", [], tmp_path)
    with pytest.raises(FileNotFoundError, match="missing.csv"):
        figures.save(
            draw("fig-commitments"), "fig-commitments", [tmp_path / "missing.csv"], tmp_path
        )
    assert list(tmp_path.iterdir()) == []


def test_save_is_atomic_when_writing_fails(tmp_path, inputs, monkeypatch):
    folder = tmp_path / "figures"
    figures.save(draw("fig-commitments"), "fig-commitments", inputs, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    calls = {"n": 0}
    real_fsync = os.fsync

    def failing_fsync(fd):  # the second file fails halfway: its data is written, not synced
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(figures.os, "fsync", failing_fsync)
    other = commitments_table([("Canada", "CAN", "troops", "considers", False)])
    with pytest.raises(OSError, match="No space left"):
        figures.save(draw("fig-commitments", other), "fig-commitments", inputs, folder)
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert sorted(after) == sorted(before), "a temporary file was left behind"
    assert after["fig-commitments.svg"] == before["fig-commitments.svg"]
    assert after["fig-commitments.pdf"] == before["fig-commitments.pdf"]
    assert after["manifest.json"] == before["manifest.json"]
    png = after["fig-commitments.png"]  # the one file replaced before the failure is whole
    assert png.startswith(b"\x89PNG") and png.endswith(b"IEND\xaeB`\x82")


def test_empty_commitments_draw_an_informative_figure():
    empty = commitments_table().iloc[:0]
    fig = figures.commitments_figure(empty)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("No commitments" in t for t in texts)
    assert figures.render(fig, "png").startswith(b"\x89PNG")
    # also without the optional hedged column
    figures.commitments_figure(empty.drop(columns=["hedged"]))


@pytest.mark.parametrize("fig_id", sorted(FIGURES))
def test_every_figure_draws_from_an_empty_table(fig_id):
    fig = draw(fig_id, tables()[fig_id].iloc[:0])
    assert isinstance(fig, Figure)
    assert figures.render(fig, "svg")


def test_commitments_rows_columns_and_markers():
    fig = figures.commitments_figure(commitments_table())
    ax = fig.axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == ["Poland", "United States", "France", "Hungary"]  # by count, then name
    columns = [t.get_text() for t in ax.get_xticklabels()]
    assert columns[:5] == ["troops", "logistics", "sanctions", "arms", "intelligence"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["offers", "considers", "urges", "rules out", "opposes", "hedged (hollow)"]


def test_commitments_with_many_actors():
    rows = [
        (
            f"Actor {i:03d}",
            f"A{i:02d}",
            figures.COMMITMENT_TYPES[i % 9],
            figures.STANCES[i % 5],
            i % 2 == 0,
        )
        for i in range(150)
        for _ in range(1 + i % 3)
    ]
    fig = figures.commitments_figure(commitments_table(rows), max_actors=40)
    assert len(fig.axes[0].get_yticklabels()) == 40
    assert "40 most active of 150" in fig.axes[0].get_title(loc="left")
    assert (
        len(
            figures.commitments_figure(commitments_table(rows), max_actors=None)
            .axes[0]
            .get_yticks()
        )
        == 150
    )


def test_figure_functions_leave_global_style_alone():
    before = dict(matplotlib.rcParams)
    for fig_id in FIGURES:
        draw(fig_id)
    after = dict(matplotlib.rcParams)
    assert {k: v for k, v in after.items() if before.get(k) != v} == {}
    import matplotlib.pyplot as plt

    assert plt.get_fignums() == []  # nothing left open in pyplot


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="stance"):
        figures.commitments_figure(pd.DataFrame({"actor": [], "commitment": []}))


def test_save_table_is_deterministic(tmp_path):
    frame = pd.DataFrame({"actor": ["b", "a", "c"], "mean": [0.1, 1 / 3, -2.5], "n": [2, 1, 3]})
    first = figures.save_table(frame, "t", tmp_path / "x")
    second = figures.save_table(frame.sample(frac=1, random_state=1), "t", tmp_path / "y")
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == b"actor,mean,n\na,0.333333,1\nb,0.1,2\nc,-2.5,3\n"
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["t.csv"]
