"""Figures: one function per figure, saved byte-for-byte reproducibly and listed in a manifest.

Every figure function takes the stage tables (columns as documented in the stage modules)
and returns a :class:`matplotlib.figure.Figure`. The style is set inside each function
(``seaborn.axes_style`` + ``matplotlib.rc_context``), so nothing leaks into global state,
and an empty table draws an informative empty figure instead of failing.

=====================  ============================  ==================================
id                     function                      source notebook
=====================  ============================  ==================================
fig-content-words      :func:`content_words_figure`  ``notebooks/01_corpus.ipynb``
fig-actor-counts       :func:`actor_counts_figure`   ``notebooks/02_actors.ipynb``
fig-commitments        :func:`commitments_figure`    ``notebooks/03_commitments.ipynb``
fig-actor-sentiment    :func:`actor_sentiment_figure` ``notebooks/04_sentiment.ipynb``
fig-evaluation         :func:`evaluation_figure`     ``notebooks/05_evaluation.ipynb``
=====================  ============================  ==================================

Saving
------
:func:`save` writes ``<id>.png`` (300 dpi), ``<id>.svg`` and ``<id>.pdf`` into
``figures/``. The bytes depend only on the tables and on the matplotlib version: dates,
creator strings and the SVG hash salt are fixed, text is drawn with the DejaVu Sans font
matplotlib ships (SVG text as paths), nothing random is drawn. Files are written to a
temporary file in the same folder and moved into place with :func:`os.replace`, so a
failed run never leaves a half-written figure.

Manifest
--------
``figures/manifest.json`` is a JSON list with one object per figure, sorted by ``id``
(keys sorted, two-space indent, LF, trailing newline, no timestamps)::

    {
      "caption": "...",
      "commit": "<git rev-parse HEAD, or 'unknown'>",
      "files": [{"path": "fig-commitments.pdf", "sha256": "..."}, ...],
      "id": "fig-commitments",
      "inputs": [{"path": "data/processed/commitments.csv", "sha256": "..."}],
      "matplotlib": "3.11.2",
      "notebook": "notebooks/03_commitments.ipynb",
      "source_modified": false,
      "title": "...",
      "version": "0.1.0"
    }

``files`` paths are relative to the manifest's folder, ``inputs`` paths relative to the
project root (absolute only for files outside it). ``source_modified`` is true when the
tracked sources (``analysis/``, ``data/`` except ``data/processed/``, ``seeds/``,
``pyproject.toml``) differed from the commit when the figure was made: such a figure
cannot be regenerated from the commit alone. Cite a figure by id, version and commit, e.g.
``fig-commitments (ukraine-guarantees-analysis 0.1.0, commit 1a2b3c4)``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.commitments import COMMITMENTS
from analysis.paths import FIGURES_DIR, PROCESSED_DIR, ROOT

MANIFEST_NAME = "manifest.json"
FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
DPI = 300

STANCES: tuple[str, ...] = ("offers", "considers", "urges", "rules_out", "opposes")
"""Stances in legend order: support first, refusals last."""
REFUSALS: frozenset[str] = frozenset({"rules_out", "opposes"})
COMMITMENT_TYPES: tuple[str, ...] = COMMITMENTS
"""Support types in the column order of the commitments figure (the extractor's order)."""
ACTOR_TYPES: tuple[str, ...] = ("state", "institution", "coalition", "region")

# Okabe-Ito / seaborn "colorblind" colours, fixed per category so a colour means the same
# thing in every corpus and every figure.
STANCE_COLORS: dict[str, str] = {
    "offers": "#009E73",
    "considers": "#56B4E9",
    "urges": "#E69F00",
    "rules_out": "#D55E00",
    "opposes": "#CC79A7",
}
ACTOR_TYPE_COLORS: dict[str, str] = {
    "state": "#0072B2",
    "institution": "#E69F00",
    "coalition": "#009E73",
    "region": "#CC79A7",
}
SYSTEM_COLORS: dict[str, str] = {"extractor": "#0072B2", "baseline": "#BBBBBB"}
OTHER_COLOR = "#777777"
STANCE_LABELS: dict[str, str] = {
    "offers": "offers",
    "considers": "considers",
    "urges": "urges",
    "rules_out": "rules out",
    "opposes": "opposes",
}

_RC: dict[str, object] = {
    "font.family": "DejaVu Sans",  # shipped with matplotlib: same glyphs on every machine
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "legend.fontsize": 8,
    "legend.title_fontsize": 8,
    "svg.fonttype": "path",
    "svg.hashsalt": "ukraine-guarantees",
    "pdf.fonttype": 42,
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "savefig.facecolor": "white",
    "path.simplify": True,
}


@contextlib.contextmanager
def _style() -> Iterator[None]:
    """The project's figure style, active only inside the ``with`` block."""
    with plt.rc_context(), sns.axes_style("whitegrid"), sns.plotting_context("paper"):
        matplotlib.rcParams.update(_RC)
        yield


def _new_figure(width: float, height: float, **kwargs) -> tuple[Figure, object]:
    # Made through pyplot (so Jupyter's inline backend is set up and shows a returned
    # figure), then closed at once: pyplot keeps no reference, nothing accumulates across
    # calls, and the notebook shows the figure once, as the cell's result.
    fig = plt.figure(figsize=(width, height), layout="constrained")
    plt.close(fig)
    ax = fig.subplots(**kwargs)
    return fig, ax


def _empty(ax, message: str) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    ax.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        transform=ax.transAxes,
        color=OTHER_COLOR,
        wrap=True,
    )


def _require(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}")


def _order(values: Iterable[str], canonical: Iterable[str]) -> list[str]:
    """``canonical`` values first (in that order), then any others alphabetically."""
    present = list(dict.fromkeys(str(v) for v in values))
    canonical = list(canonical)
    return [v for v in canonical if v in present] + sorted(v for v in present if v not in canonical)


# --------------------------------------------------------------------------- figures


def commitments_figure(commitments: pd.DataFrame, *, max_actors: int | None = 60) -> Figure:
    """Who commits to what: actors (rows) × support type (columns), marked by stance.

    One marker per (actor, support type, stance), coloured by stance; refusals (rules out,
    opposes) are drawn as ×, hedged statements (every evidence sentence hedged) as hollow
    markers, and a small number gives the count of evidence sentences when above one.
    Rows are ordered by number of commitments (then by name); all nine support types are
    shown as columns so the figure reads the same for every corpus. With more than
    ``max_actors`` actors only the most active ones are drawn (the title says so).
    """
    _require(commitments, ["actor", "commitment", "stance"], "commitments")
    table = commitments.copy()
    if "hedged" not in table.columns:
        table["hedged"] = False
    table["actor"] = table["actor"].astype(str)
    table["commitment"] = table["commitment"].astype(str)
    table["stance"] = table["stance"].astype(str)
    table["hedged"] = table["hedged"].fillna(False).astype(bool)

    per_actor = table.groupby("actor").size().reset_index(name="n")
    per_actor = per_actor.sort_values(["n", "actor"], ascending=[False, True], kind="stable")
    n_actors = len(per_actor)
    if max_actors is not None and n_actors > max_actors:
        per_actor = per_actor.head(max_actors)
        table = table[table["actor"].isin(per_actor["actor"])]
    actors = per_actor["actor"].tolist()
    columns = _order(table["commitment"], COMMITMENT_TYPES)
    columns = list(COMMITMENT_TYPES) + [c for c in columns if c not in COMMITMENT_TYPES]
    stances = _order(table["stance"], STANCES)

    cells = (
        table.groupby(["actor", "commitment", "stance"], sort=False)
        .agg(n=("hedged", "size"), hedged=("hedged", "all"))
        .reset_index()
    )
    row = {a: i for i, a in enumerate(actors)}
    col = {c: j for j, c in enumerate(columns)}
    stance_rank = {s: k for k, s in enumerate(stances)}
    cells["y"] = cells["actor"].map(row).astype("int64")
    cells["x0"] = cells["commitment"].map(col).astype("int64")
    cells["rank"] = cells["stance"].map(stance_rank).astype("int64")
    cells = cells.sort_values(["y", "x0", "rank"], kind="stable").reset_index(drop=True)
    # spread the stances of one cell side by side inside the cell
    cells["k"] = cells.groupby(["y", "x0"]).cumcount()
    cells["m"] = cells.groupby(["y", "x0"])["k"].transform("size")
    cells["x"] = cells["x0"] + (cells["k"] - (cells["m"] - 1) / 2) * 0.26

    with _style():
        height = 1.9 + 0.3 * max(len(actors), 3)
        width = 1.6 + 0.72 * len(columns) + 1.7
        fig, ax = _new_figure(width, height)
        title = "Who offers, considers or rules out which support"
        if max_actors is not None and n_actors > max_actors:
            title += f"\n(the {max_actors} most active of {n_actors} actors)"
        ax.set_title(title, loc="left")
        ax.set_xlim(-0.5, len(columns) - 0.5)
        ax.set_xticks(range(len(columns)), columns, rotation=35, ha="left")
        ax.xaxis.tick_top()
        ax.set_xlabel("support type")
        ax.xaxis.set_label_position("top")
        ax.grid(False)
        for j in range(len(columns) + 1):
            ax.axvline(j - 0.5, color="#DDDDDD", linewidth=0.6, zorder=1)
        if not actors:
            ax.set_ylim(-0.5, 2.5)
            ax.set_yticks([])
            ax.set_ylabel("actor")
            ax.text(
                (len(columns) - 1) / 2,
                1,
                "No commitments found in this corpus:\n"
                "no sentence names an actor offering, considering,\n"
                "urging, ruling out or opposing support.",
                ha="center",
                va="center",
                color=OTHER_COLOR,
            )
        else:
            ax.set_ylim(len(actors) - 0.5, -0.5)
            ax.set_yticks(range(len(actors)), actors)
            ax.set_ylabel("")
            for i in range(0, len(actors), 2):
                ax.axhspan(i - 0.5, i + 0.5, color="#F3F3F3", zorder=0, linewidth=0)
            for stance in stances:
                color = STANCE_COLORS.get(stance, OTHER_COLOR)
                for hedged in (False, True):
                    part = cells[(cells["stance"] == stance) & (cells["hedged"] == hedged)]
                    if part.empty:
                        continue
                    refusal = stance in REFUSALS
                    sns.scatterplot(
                        x=part["x"].to_numpy(),
                        y=part["y"].to_numpy(),
                        ax=ax,
                        marker="X" if refusal else "o",
                        s=90 if refusal else 70,
                        color=color if not hedged else "none",
                        edgecolor=color if hedged else "white",
                        linewidth=1.6 if hedged else 0.5,
                        legend=False,
                        zorder=3,
                    )
            for x, y, n in cells.loc[cells["n"] > 1, ["x", "y", "n"]].itertuples(index=False):
                ax.annotate(
                    str(n),
                    (x, y),
                    xytext=(5, 4),
                    textcoords="offset points",
                    fontsize=6,
                    color="#333333",
                    zorder=4,
                )
        handles = [
            Line2D(
                [],
                [],
                linestyle="none",
                marker="X" if s in REFUSALS else "o",
                markersize=8,
                markerfacecolor=STANCE_COLORS.get(s, OTHER_COLOR),
                markeredgecolor="white",
                label=STANCE_LABELS.get(s, s),
            )
            for s in (list(STANCES) + [s for s in stances if s not in STANCES])
        ]
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markersize=7,
                markerfacecolor="none",
                markeredgecolor="#444444",
                markeredgewidth=1.4,
                label="hedged (hollow)",
            )
        )
        ax.legend(
            handles=handles,
            title="stance",
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
        )
    return fig


def actor_counts_figure(actor_counts: pd.DataFrame, top: int = 20) -> Figure:
    """Most mentioned actors: horizontal bars of mentions, coloured by actor type."""
    _require(actor_counts, ["actor", "actor_type", "mentions"], "actor_counts")
    table = actor_counts.copy()
    table["actor"] = table["actor"].astype(str)
    table["actor_type"] = table["actor_type"].astype(str)
    table = table.sort_values(["mentions", "actor"], ascending=[False, True], kind="stable")
    shown = table.head(top)
    types = _order(shown["actor_type"], ACTOR_TYPES)
    with _style():
        fig, ax = _new_figure(6.4, 1.6 + 0.26 * max(len(shown), 4))
        ax.set_title(
            f"Most mentioned actors (top {min(top, len(table))} of {len(table)})", loc="left"
        )
        if shown.empty:
            _empty(ax, "No actor mentions in this corpus.")
        else:
            sns.barplot(
                data=shown,
                x="mentions",
                y="actor",
                hue="actor_type",
                hue_order=types,
                order=shown["actor"].tolist(),
                palette={t: ACTOR_TYPE_COLORS.get(t, OTHER_COLOR) for t in types},
                dodge=False,
                errorbar=None,
                saturation=1.0,
                ax=ax,
            )
            ax.set_xlabel("mentions")
            ax.set_ylabel("")
            ax.legend(title="actor type", loc="lower right", frameon=True)
            if "documents" in shown.columns:
                for y, (m, d) in enumerate(
                    shown[["mentions", "documents"]].itertuples(index=False)
                ):
                    ax.annotate(
                        f"{d} doc" + ("s" if d != 1 else ""),
                        (m, y),
                        xytext=(3, 0),
                        textcoords="offset points",
                        va="center",
                        fontsize=6,
                        color="#444444",
                    )
            ax.margins(x=0.12)
    return fig


def actor_sentiment_figure(actor_sentiment: pd.DataFrame, min_n: int = 1) -> Figure:
    """Tone by actor: mean VADER compound of the sentences naming it, ± spread (s.d.)."""
    _require(actor_sentiment, ["actor", "actor_type", "n", "mean", "spread"], "actor_sentiment")
    table = actor_sentiment[actor_sentiment["n"] >= min_n].copy()
    table["actor"] = table["actor"].astype(str)
    table["actor_type"] = table["actor_type"].astype(str)
    table = table.sort_values(["mean", "actor"], ascending=[True, True], kind="stable")
    table = table.reset_index(drop=True)
    types = _order(table["actor_type"], ACTOR_TYPES)
    with _style():
        fig, ax = _new_figure(6.4, 1.7 + 0.26 * max(len(table), 4))
        suffix = f" (actors in at least {min_n} sentences)" if min_n > 1 else ""
        ax.set_title("Tone of the sentences naming each actor" + suffix, loc="left")
        if table.empty:
            _empty(ax, f"No actor is named in {min_n} or more sentences.")
        else:
            y = np.arange(len(table))
            for t in types:
                part = table[table["actor_type"] == t]
                ax.errorbar(
                    part["mean"],
                    part.index,
                    xerr=part["spread"].fillna(0.0),
                    fmt="none",
                    ecolor=ACTOR_TYPE_COLORS.get(t, OTHER_COLOR),
                    elinewidth=1.0,
                    capsize=2,
                    alpha=0.6,
                    zorder=2,
                )
            sns.scatterplot(
                data=table.assign(y=y),
                x="mean",
                y="y",
                hue="actor_type",
                hue_order=types,
                palette={t: ACTOR_TYPE_COLORS.get(t, OTHER_COLOR) for t in types},
                s=40,
                zorder=3,
                ax=ax,
            )
            ax.axvline(0, color="#333333", linewidth=0.8, zorder=1)
            ax.set_xlim(-1.05, 1.05)
            ax.set_ylim(len(table) - 0.5, -0.5)
            ax.set_yticks(
                y, [f"{a}  (n={n})" for a, n in zip(table["actor"], table["n"], strict=True)]
            )
            ax.set_xlabel("mean VADER compound (−1 negative … +1 positive), bars: ± s.d.")
            ax.set_ylabel("")
            # outside the axes: scores near +1 sit in the lower right corner
            ax.legend(
                title="actor type", loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False
            )
    return fig


def content_words_figure(word_counts: pd.DataFrame, top: int = 20) -> Figure:
    """Most frequent content words (stopwords and punctuation removed)."""
    _require(word_counts, ["word", "count"], "word_counts")
    table = word_counts.copy()
    table["word"] = table["word"].astype(str)
    table = table.sort_values(["count", "word"], ascending=[False, True], kind="stable").head(top)
    with _style():
        fig, ax = _new_figure(6.0, 1.6 + 0.24 * max(len(table), 4))
        ax.set_title(f"Most frequent content words (top {len(table)})", loc="left")
        if table.empty:
            _empty(ax, "No content words: the corpus is empty.")
        else:
            sns.barplot(
                data=table,
                x="count",
                y="word",
                order=table["word"].tolist(),
                color="#0072B2",
                errorbar=None,
                saturation=1.0,
                ax=ax,
            )
            ax.set_xlabel("occurrences")
            ax.set_ylabel("")
    return fig


def evaluation_figure(scores: pd.DataFrame) -> Figure:
    """Precision, recall and F1 of the extractor against the baseline.

    ``scores`` has ``system`` and ``precision``, ``recall``, ``f1`` and one key column,
    ``commitment`` (preferred) or ``doc_id`` (without either, each system's rows count as
    one overall score); one panel per measure, bars for each system.
    """
    _require(scores, ["system", "precision", "recall", "f1"], "scores")
    key = next((c for c in ("commitment", "doc_id") if c in scores.columns), None)
    table = scores.copy()
    if key is None:  # one overall score per system
        key = "scope"
        table[key] = "all"
    table[key] = table[key].astype(str)
    table["system"] = table["system"].astype(str)
    keys = _order(table[key], list(COMMITMENT_TYPES) + ["all", "micro", "macro"])
    systems = _order(table["system"], SYSTEM_COLORS)
    long = table.melt(
        id_vars=[key, "system"],
        value_vars=["precision", "recall", "f1"],
        var_name="measure",
        value_name="score",
    )
    with _style():
        fig, axes = _new_figure(8.4, 1.8 + 0.3 * max(len(keys), 3), ncols=3, sharey=True)
        fig.suptitle(
            f"Extractor against baseline, by {key.replace('_', ' ')}",
            fontweight="bold",
            x=0.01,
            ha="left",
        )
        for ax, measure in zip(axes, ["precision", "recall", "f1"], strict=True):
            ax.set_title(measure if measure != "f1" else "F1", fontweight="normal")
            part = long[long["measure"] == measure]
            if part.empty:
                _empty(ax, "no scores")
                continue
            sns.barplot(
                data=part,
                x="score",
                y=key,
                hue="system",
                order=keys,
                hue_order=systems,
                palette={s: SYSTEM_COLORS.get(s, OTHER_COLOR) for s in systems},
                errorbar=None,
                saturation=1.0,
                ax=ax,
                legend=measure == "f1",
            )
            ax.set_xlim(0, 1)
            ax.set_xlabel("")
            ax.set_ylabel(key.replace("_", " ") if measure == "precision" else "")
        if axes[-1].get_legend() is not None:
            sns.move_legend(
                axes[-1], "upper left", bbox_to_anchor=(1.02, 1.0), title="system", frameon=False
            )
    return fig


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class FigureSpec:
    """A figure's stable id, its description and where it is made."""

    id: str
    title: str
    caption: str
    notebook: str
    function: Callable[..., Figure]


FIGURES: dict[str, FigureSpec] = {
    spec.id: spec
    for spec in (
        FigureSpec(
            "fig-commitments",
            "Who offers, considers or rules out which support",
            "Actors (rows, most commitments first) by support type (columns). Marker colour "
            "gives the stance (offers, considers, urges, rules out, opposes); refusals are "
            "drawn as ×, hedged statements as hollow markers; a number gives the count of "
            "evidence sentences when above one.",
            "notebooks/03_commitments.ipynb",
            commitments_figure,
        ),
        FigureSpec(
            "fig-actor-counts",
            "Most mentioned actors",
            "Mentions of each actor (states, institutions, coalitions, regions standing for a "
            "state) over the corpus, most mentioned first, coloured by actor type; the label "
            "gives the number of documents naming the actor.",
            "notebooks/02_actors.ipynb",
            actor_counts_figure,
        ),
        FigureSpec(
            "fig-actor-sentiment",
            "Tone of the sentences naming each actor",
            "Mean VADER compound score of the sentences that mention each actor, with one "
            "standard deviation as error bar; n is the number of sentences. The score rates "
            "the sentence, not the actor's own position.",
            "notebooks/04_sentiment.ipynb",
            actor_sentiment_figure,
        ),
        FigureSpec(
            "fig-content-words",
            "Most frequent content words",
            "Occurrences of the most frequent words in the analysed text, stopwords and "
            "punctuation removed, boilerplate lines excluded.",
            "notebooks/01_corpus.ipynb",
            content_words_figure,
        ),
        FigureSpec(
            "fig-evaluation",
            "Extractor against baseline",
            "Precision, recall and F1 of the commitment extractor and of the baseline against "
            "the hand-annotated gold standard, on the held-out texts (not read while the "
            "extractor was developed), by commitment type: micro scores over "
            "(actor, commitment, polarity) triples per document.",
            "notebooks/05_evaluation.ipynb",
            evaluation_figure,
        ),
    )
}


# --------------------------------------------------------------------------- saving


def sha256_file(path: Path | str) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder + os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _metadata(fmt: str) -> dict[str, object]:
    if fmt == "png":
        return {"Software": None}
    if fmt == "svg":
        return {"Date": None, "Creator": None}
    if fmt == "pdf":
        return {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None}
    return {}


def render(fig: Figure, fmt: str) -> bytes:
    """The figure's bytes in ``fmt`` (png, svg or pdf), without dates or creator strings."""
    buffer = io.BytesIO()
    with plt.rc_context(_RC):
        fig.savefig(buffer, format=fmt, dpi=DPI, metadata=_metadata(fmt), facecolor="white")
    return buffer.getvalue()


def _display(path: Path, root: Path) -> str:
    path = Path(os.path.abspath(path))
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


SOURCE_PATHSPECS: tuple[str, ...] = (
    "analysis",
    "seeds",
    "data",
    ":(exclude)data/processed",
    ":(glob)notebooks/*.py",
    "pyproject.toml",
)
"""What the figures are made from: code, inputs, knowledge files, notebook sources."""


@lru_cache(maxsize=1)
def provenance() -> tuple[str, bool]:
    """``(commit, source_modified)`` of the checkout; ``("unknown", False)`` outside git.

    ``commit`` is the last commit that changed the sources (:data:`SOURCE_PATHSPECS`), not
    ``HEAD``: a later commit that only adds outputs (figures, tables, executed notebooks)
    does not change it, so a fresh clone reproduces the committed manifest byte for byte.
    ``source_modified`` says whether the working tree's sources differ from it. Computed
    once per process, so every figure of one run records the same values.
    """
    commit = _git("log", "-1", "--format=%H", "--", *SOURCE_PATHSPECS)
    if not commit:
        return "unknown", False
    status = _git("status", "--porcelain", "--untracked-files=no", "--", *SOURCE_PATHSPECS)
    return commit, bool(status)


def read_manifest(folder: Path | str = FIGURES_DIR) -> list[dict]:
    """The manifest's entries (empty when there is none yet)."""
    path = Path(folder) / MANIFEST_NAME
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def _write_manifest(folder: Path, entries: list[dict]) -> Path:
    entries = sorted(entries, key=lambda e: e["id"])
    text = json.dumps(entries, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    path = folder / MANIFEST_NAME
    _atomic_write(path, text.encode("utf-8"))
    return path


def save(
    fig: Figure,
    fig_id: str,
    inputs: Iterable[Path | str] = (),
    folder: Path | str = FIGURES_DIR,
    *,
    root: Path | str = ROOT,
) -> list[Path]:
    """Write ``fig`` as ``<fig_id>.png/.svg/.pdf`` into ``folder`` and record it.

    ``inputs`` are the files the figure was drawn from (their SHA-256 goes into the
    manifest). Returns the written paths (png, svg, pdf); the manifest entry for
    ``fig_id`` is replaced, the others are kept.
    """
    if fig_id not in FIGURES:
        raise KeyError(f"unknown figure id {fig_id!r}; known: {', '.join(sorted(FIGURES))}")
    spec = FIGURES[fig_id]
    folder = Path(folder)
    root = Path(os.path.abspath(root))
    inputs = sorted({Path(p) for p in inputs}, key=lambda p: _display(p, root))
    for path in inputs:
        if not path.is_file():
            raise FileNotFoundError(f"{fig_id}: input file {path} does not exist")
    blobs = {fmt: render(fig, fmt) for fmt in FORMATS}  # render all before writing any
    written = []
    for fmt, data in blobs.items():
        path = folder / f"{fig_id}.{fmt}"
        _atomic_write(path, data)
        written.append(path)
    from analysis import __version__

    commit, modified = provenance()
    entry = {
        "id": spec.id,
        "title": spec.title,
        "caption": spec.caption,
        "notebook": spec.notebook,
        "files": [
            {"path": p.name, "sha256": hashlib.sha256(blobs[p.suffix[1:]]).hexdigest()}
            for p in sorted(written, key=lambda p: p.name)
        ],
        "inputs": [{"path": _display(p, root), "sha256": sha256_file(p)} for p in inputs],
        "version": __version__,
        "matplotlib": matplotlib.__version__,
        "commit": commit,
        "source_modified": modified,
    }
    entries = [e for e in read_manifest(folder) if e.get("id") != fig_id] + [entry]
    _write_manifest(folder, entries)
    return written


def save_table(
    frame: pd.DataFrame,
    name: str,
    folder: Path | str = PROCESSED_DIR,
    *,
    sort_by: list[str] | None = None,
    float_format: str = "%.6g",
) -> Path:
    """Write ``frame`` as ``<name>.csv`` deterministically and atomically; returns the path.

    Rows are sorted by ``sort_by`` (default: every column, left to right) with a stable
    sort, the index is dropped, line endings are LF, floats use ``float_format``.
    """
    table = frame.reset_index(drop=True)
    keys = sort_by if sort_by is not None else list(table.columns)
    if keys and len(table):
        table = table.sort_values(keys, kind="stable", na_position="last")
    text = table.to_csv(index=False, lineterminator="\n", float_format=float_format)
    path = Path(folder) / f"{name}.csv"
    _atomic_write(path, text.encode("utf-8"))
    return path
