"""Score extracted commitments against the hand-annotated gold standard.

The gold standard lives in ``data/annotations/gold/<doc_id>.csv`` (one file per
document, columns :data:`GOLD_COLUMNS`); the annotation rules are in
``data/annotations/GUIDELINE.md``.

Scoring unit
------------
Per document, the *set* of triples ``(actor_code, commitment, polarity)`` where
polarity is ``"+"`` for ``offers``, ``considers`` and ``urges`` and ``"-"`` for
``rules_out``. Rows with stance ``opposes`` (an actor objecting to someone
else's support) are left out of the main score and scored separately on the pair
``(actor_code, commitment)`` by :func:`score_opposes`. Sentences, hedging,
speaker and CAMEO codes are not scored here.

Counts are micro-averaged: true positives, false positives and false negatives
are summed over the scored documents before precision, recall and F1 are
computed.

Zero-denominator conventions
----------------------------
* precision = tp / (tp + fp); when nothing was predicted (tp + fp == 0) it is
  1.0 if there was also nothing to find (fn == 0), else 0.0.
* recall = tp / (tp + fn); when there was nothing to find (tp + fn == 0) it is
  1.0 if nothing was predicted either (fp == 0), else 0.0.
* f1 = 2 * P * R / (P + R); 0.0 when P + R == 0.

So an empty prediction for an empty gold set scores 1.0 everywhere, and any
mismatch involving an empty side scores 0.0.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.commitments import COMMITMENTS, STANCES
from analysis.paths import ANNOTATIONS_DIR, SEEDS_DIR

GOLD_DIR = ANNOTATIONS_DIR / "gold"
SEED_TEXT = SEEDS_DIR / "000_c415b0ac414dcec2.txt"
"""The seed article; its gold counts as part of the dev split."""

GOLD_COLUMNS: list[str] = [
    "doc_id",
    "sentence",
    "actor",
    "actor_code",
    "commitment",
    "stance",
    "hedged",
    "speaker",
    "cameo",
    "note",
]
"""Columns every gold CSV must carry, in this order."""

POLARITY: dict[str, str] = {"offers": "+", "considers": "+", "urges": "+", "rules_out": "-"}
"""Polarity of each scored stance; ``opposes`` has none and is scored apart."""

TRIPLE_COLUMNS: list[str] = ["doc_id", "actor_code", "commitment", "polarity"]
OPPOSES_COLUMNS: list[str] = ["doc_id", "actor_code", "commitment"]
SCORE_COLUMNS: list[str] = ["tp", "fp", "fn", "precision", "recall", "f1"]
SPLITS: tuple[str, ...] = ("dev", "test", "all")

_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f", ""}


# --------------------------------------------------------------------------- gold


def _check_gold_file(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Validate one gold CSV and return it with typed columns.

    Row numbers in error messages are 1-based data rows; the file line is the
    row number plus one (the header).
    """
    missing = [c for c in GOLD_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path.name}: missing column(s) {missing}; expected {GOLD_COLUMNS}")
    frame = frame[GOLD_COLUMNS].copy()
    for col in GOLD_COLUMNS:
        frame[col] = frame[col].astype(str).str.strip()
    hedged: list[bool] = []
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        where = f"{path.name}, row {i} (line {i + 1})"
        if row.doc_id != path.stem:
            raise ValueError(
                f"{where}: doc_id {row.doc_id!r} does not match file name {path.stem!r}"
            )
        if row.commitment not in COMMITMENTS:
            raise ValueError(
                f"{where}: unknown commitment {row.commitment!r}; allowed {list(COMMITMENTS)}"
            )
        if row.stance not in STANCES:
            raise ValueError(f"{where}: unknown stance {row.stance!r}; allowed {list(STANCES)}")
        if not row.actor_code:
            raise ValueError(f"{where}: empty actor_code")
        if not row.sentence:
            raise ValueError(f"{where}: empty sentence")
        flag = row.hedged.lower()
        if flag not in _TRUE | _FALSE:
            raise ValueError(f"{where}: hedged must be true/false, got {row.hedged!r}")
        hedged.append(flag in _TRUE)
    frame["hedged"] = pd.Series(hedged, index=frame.index, dtype=bool)
    return frame


def load_gold(folder: Path | str | None = None) -> pd.DataFrame:
    """Read and validate every gold CSV of a folder.

    Parameters
    ----------
    folder : Path, str or None
        Folder holding ``<doc_id>.csv`` files. Defaults to the project's
        ``data/annotations/gold``.

    Returns
    -------
    pandas.DataFrame
        All rows, columns :data:`GOLD_COLUMNS`; ``hedged`` is bool, every other
        column a string (``cameo`` keeps its leading zeros, empty cells are
        ``""``). ``attrs["documents"]`` lists the doc_id of every file read,
        including files with a header but no rows (documents with nothing to
        find); pass it as ``documents=`` to :func:`score` to score those too.

    Raises
    ------
    FileNotFoundError
        If the folder does not exist.
    ValueError
        Naming the file (and row) for a missing column, an unknown commitment
        or stance, a bad ``hedged`` value, an empty actor code or sentence, or a
        ``doc_id`` that differs from the file name.
    """
    folder = GOLD_DIR if folder is None else Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"gold folder not found: {folder}")
    frames = []
    documents = []
    for path in sorted(folder.glob("*.csv")):
        try:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path.name}: cannot be parsed as UTF-8 CSV: {exc}") from exc
        frames.append(_check_gold_file(raw, path))
        documents.append(path.stem)
    if frames:
        gold = pd.concat(frames, ignore_index=True)
    else:
        gold = pd.DataFrame(
            {c: pd.Series(dtype=bool if c == "hedged" else str) for c in GOLD_COLUMNS}
        )
    gold.attrs["documents"] = documents
    return gold


# ------------------------------------------------------------------------ triples


def _normalised(commitments: pd.DataFrame) -> pd.DataFrame:
    """Select and clean the scoring columns of a commitments table."""
    needed = ["doc_id", "actor_code", "commitment", "stance"]
    missing = [c for c in needed if c not in commitments.columns]
    if missing:
        raise ValueError(f"commitments table lacks column(s) {missing}")
    out = commitments[needed].astype(object).fillna("").astype(str)
    out = out.assign(
        doc_id=out["doc_id"].str.strip(),
        actor_code=out["actor_code"].str.strip().str.upper(),
        commitment=out["commitment"].str.strip().str.lower(),
        stance=out["stance"].str.strip().str.lower(),
    )
    unknown = sorted(set(out["stance"]) - set(STANCES))
    if unknown:
        raise ValueError(f"unknown stance value(s) {unknown}; allowed {list(STANCES)}")
    return out


def triples(commitments: pd.DataFrame) -> pd.DataFrame:
    """Reduce a commitments table to the scored set of triples per document.

    Parameters
    ----------
    commitments : pandas.DataFrame
        Needs at least ``doc_id, actor_code, commitment, stance`` (the gold
        frame and the extractor's commitments table both qualify). Codes are
        stripped and upper-cased, commitment and stance lower-cased.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, actor_code, commitment, polarity`` with polarity
        ``"+"`` (offers, considers, urges) or ``"-"`` (rules_out); ``opposes``
        rows are dropped; deduplicated, sorted, fresh index.

    Raises
    ------
    ValueError
        If a column is missing or a stance is not one of :data:`STANCES`.
    """
    rows = _normalised(commitments)
    rows = rows[rows["stance"] != "opposes"]
    out = rows.assign(polarity=rows["stance"].map(POLARITY))[TRIPLE_COLUMNS]
    return out.drop_duplicates().sort_values(TRIPLE_COLUMNS).reset_index(drop=True)


def opposes_pairs(commitments: pd.DataFrame) -> pd.DataFrame:
    """Return the deduplicated ``(doc_id, actor_code, commitment)`` of opposes rows.

    Parameters
    ----------
    commitments : pandas.DataFrame
        As for :func:`triples`.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, actor_code, commitment``, sorted, fresh index.
    """
    rows = _normalised(commitments)
    rows = rows[rows["stance"] == "opposes"][OPPOSES_COLUMNS]
    return rows.drop_duplicates().sort_values(OPPOSES_COLUMNS).reset_index(drop=True)


# ------------------------------------------------------------------------ scoring


def _documents(gold: pd.DataFrame, documents: Iterable[str] | None) -> list[str]:
    """Documents to score: the explicit list if given, else the gold's doc_ids.

    ``gold.attrs`` is deliberately not used: pandas copies attrs onto filtered
    frames, so a gold frame cut down to one split would otherwise still score
    the documents of the other split.
    """
    if documents is not None:
        return sorted({str(d).strip() for d in documents})
    if "doc_id" not in gold.columns:
        raise ValueError("gold table lacks column 'doc_id'")
    return sorted(set(gold["doc_id"].astype(str).str.strip()))


def _matched(
    pred: pd.DataFrame, gold: pd.DataFrame, keys: list[str], docs: list[str]
) -> pd.DataFrame:
    """Outer-join two key sets restricted to ``docs`` and label each key tp/fp/fn."""
    pred = pred[pred["doc_id"].isin(docs)]
    gold = gold[gold["doc_id"].isin(docs)]
    if pred.empty and gold.empty:  # e.g. an empty split: nothing to join (pandas/arrow
        return pd.DataFrame({k: pd.Series(dtype=object) for k in [*keys, "outcome"]})
    merged = pred.merge(gold, on=keys, how="outer", indicator=True)
    outcome = (
        merged["_merge"].astype(str).map({"both": "tp", "left_only": "fp", "right_only": "fn"})
    )
    return merged[keys].assign(outcome=outcome.to_numpy())


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 with the module's zero-denominator conventions."""
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _score_table(matched: pd.DataFrame, by: str | None, docs: list[str]) -> pd.DataFrame:
    """Aggregate labelled keys into a tp/fp/fn/P/R/F1 table."""
    if by is None:
        groups: dict[str, pd.DataFrame] = {"all": matched}
    elif by == "doc_id":
        groups = {d: matched[matched["doc_id"] == d] for d in docs}
    elif by == "commitment":
        present = set(matched["commitment"])
        order = [c for c in COMMITMENTS if c in present] + sorted(present - set(COMMITMENTS))
        groups = {c: matched[matched["commitment"] == c] for c in order}
    else:
        raise ValueError(f"by must be None, 'doc_id' or 'commitment', got {by!r}")
    records = []
    for key, part in groups.items():
        counts = part["outcome"].value_counts()
        tp, fp, fn = (int(counts.get(k, 0)) for k in ("tp", "fp", "fn"))
        precision, recall, f1 = _prf(tp, fp, fn)
        records.append(
            {"key": key, "tp": tp, "fp": fp, "fn": fn}
            | {"precision": precision, "recall": recall, "f1": f1}
        )
    table = pd.DataFrame.from_records(records, columns=["key", *SCORE_COLUMNS])
    table = table.astype({"tp": "int64", "fp": "int64", "fn": "int64"})
    table = table.astype({"precision": "float64", "recall": "float64", "f1": "float64"})
    if by is None:
        return table[SCORE_COLUMNS].reset_index(drop=True)
    return table.rename(columns={"key": by}).reset_index(drop=True)


def score(
    predicted: pd.DataFrame,
    gold: pd.DataFrame,
    by: str | None = None,
    documents: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Micro precision, recall and F1 of predicted against gold triples.

    Parameters
    ----------
    predicted : pandas.DataFrame
        Commitments table from the extractor (needs ``doc_id, actor_code,
        commitment, stance``). Rows for documents that are not scored are
        ignored.
    gold : pandas.DataFrame
        Gold rows, e.g. from :func:`load_gold`.
    by : {None, "doc_id", "commitment"}
        ``None``: one row, the overall micro score. ``"doc_id"``: one row per
        scored document (documents with no triples on either side included,
        scoring 1.0). ``"commitment"``: one row per commitment type present in
        prediction or gold.
    documents : iterable of str, optional
        Documents to score. Default: the doc_ids present in ``gold``. Pass it
        explicitly (e.g. ``load_gold().attrs["documents"]``) to also score
        documents whose gold file has no rows.

    Returns
    -------
    pandas.DataFrame
        Columns ``[by,] tp, fp, fn, precision, recall, f1``. See the module
        docstring for the zero-denominator conventions.
    """
    docs = _documents(gold, documents)
    matched = _matched(triples(predicted), triples(gold), TRIPLE_COLUMNS, docs)
    return _score_table(matched, by, docs)


def score_opposes(
    predicted: pd.DataFrame,
    gold: pd.DataFrame,
    by: str | None = None,
    documents: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Score ``opposes`` rows on ``(doc_id, actor_code, commitment)`` pairs.

    Parameters and return value as for :func:`score`; only rows with stance
    ``opposes`` are used.
    """
    docs = _documents(gold, documents)
    matched = _matched(opposes_pairs(predicted), opposes_pairs(gold), OPPOSES_COLUMNS, docs)
    return _score_table(matched, by, docs)


def errors(
    predicted: pd.DataFrame,
    gold: pd.DataFrame,
    opposes: bool = False,
    documents: Iterable[str] | None = None,
) -> pd.DataFrame:
    """List every false positive and false negative.

    Parameters
    ----------
    predicted, gold : pandas.DataFrame
        As for :func:`score`.
    opposes : bool, default False
        If True, list errors on the ``opposes`` pairs instead of the main
        triples.
    documents : iterable of str, optional
        As for :func:`score`.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, actor_code, commitment, polarity, kind`` (no
        ``polarity`` when ``opposes=True``) with kind ``"false positive"`` or
        ``"false negative"``, sorted by document, kind and triple.
    """
    docs = _documents(gold, documents)
    if opposes:
        keys = OPPOSES_COLUMNS
        matched = _matched(opposes_pairs(predicted), opposes_pairs(gold), keys, docs)
    else:
        keys = TRIPLE_COLUMNS
        matched = _matched(triples(predicted), triples(gold), keys, docs)
    wrong = matched[matched["outcome"] != "tp"]
    kind = wrong["outcome"].map({"fp": "false positive", "fn": "false negative"})
    out = wrong[keys].assign(kind=kind.to_numpy())
    order = ["doc_id", "kind", *keys[1:]]
    return out.sort_values(order).reset_index(drop=True)[[*keys, "kind"]]


# -------------------------------------------------------------------------- texts


def annotation_texts(split: str) -> list[Path]:
    """Text files of an annotation split.

    Parameters
    ----------
    split : {"dev", "test", "all"}
        ``"dev"``: the seed article plus ``data/annotations/dev/texts/*.txt``
        (the extractor may be tuned on these). ``"test"``: the held-out
        ``data/annotations/test/texts/*.txt``. ``"all"``: dev then test.

    Returns
    -------
    list of Path
        Absolute paths; the doc_id of each is its file stem.

    Raises
    ------
    ValueError
        For any other split name.
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {list(SPLITS)}, got {split!r}")
    dev = [SEED_TEXT, *sorted((ANNOTATIONS_DIR / "dev" / "texts").glob("*.txt"))]
    test = sorted((ANNOTATIONS_DIR / "test" / "texts").glob("*.txt"))
    return {"dev": dev, "test": test, "all": dev + test}[split]


def compare(
    systems: dict[str, pd.DataFrame],
    gold: pd.DataFrame,
    by: str | None = None,
    splits: Iterable[str] = ("dev", "test"),
) -> pd.DataFrame:
    """Score several systems on each annotation split, side by side.

    Parameters
    ----------
    systems : dict of str to pandas.DataFrame
        System name (e.g. ``"extractor"``, ``"baseline"``) to its commitments table.
    gold : pandas.DataFrame
        Gold rows, e.g. from :func:`load_gold`.
    by : {None, "doc_id", "commitment"}
        As for :func:`score`.
    splits : iterable of str
        Splits of :func:`annotation_texts` to score separately (``"all"`` for both).

    Returns
    -------
    pandas.DataFrame
        Columns ``split, system, [by,] tp, fp, fn, precision, recall, f1``, in the order
        of ``splits`` and ``systems``.
    """
    tables = []
    for split in splits:
        documents = split_documents(split)
        part = gold[gold["doc_id"].isin(documents)]
        for name, predicted in systems.items():
            table = score(predicted, part, by=by, documents=documents)
            tables.append(table.assign(split=split, system=name))
    frame = pd.concat(tables, ignore_index=True)
    return frame[["split", "system", *[c for c in frame.columns if c not in ("split", "system")]]]


def split_documents(split: str) -> list[str]:
    """The doc_ids of an annotation split (``"dev"``, ``"test"`` or ``"all"``)."""
    return [path.stem for path in annotation_texts(split)]
