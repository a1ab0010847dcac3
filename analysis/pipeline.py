"""Pipeline: run every stage over a corpus of any size and write the tables as Parquet.

``run_pipeline`` streams documents from :func:`analysis.corpus.iter_documents` in chunks of
``chunk_size`` articles, runs :func:`analyse` (the per-document stages) on each chunk and
appends the results to one Parquet file per table, so peak memory does not grow with the
corpus. Corpus-wide tables (``actor_counts``, ``actor_sentiment``) are computed at the end
from small per-actor accumulators.

Engines
-------
``engine="local", jobs=1``
    Everything in the calling process.
``engine="local", jobs=N``
    Chunks go to a pool of N worker processes (:mod:`concurrent.futures`); at most 2N
    chunks are in flight, so memory stays bounded. The last ``N * chunk_size`` documents
    (all of a small corpus) are cut into 3N smaller chunks so that the workers finish
    together.
``engine="dask"``
    The same :func:`analyse` runs on Dask: each window of chunks becomes a ``dask.bag``
    (one partition per chunk). By default Dask's local scheduler is used (``synchronous``
    for ``jobs=1``, a pool of ``jobs`` processes otherwise). To use a cluster, start a
    scheduler and workers that can import this package (``dask scheduler`` /
    ``dask worker tcp://host:8786``, needs ``pip install distributed``) and pass
    ``scheduler="tcp://host:8786"`` (command line: ``--engine dask --scheduler
    tcp://host:8786``). Documents are read by the calling process and shipped to the
    workers in chunks.

Output
------
``out/<table>.parquet`` for every name in :data:`TABLES` plus ``out/pipeline.json`` (row
counts and inputs). Rows are in corpus order: files in :func:`~analysis.corpus.discover`
order, records in file order, then ``sentence_id`` (and ``start`` for mentions); for a
corpus whose files and records are ordered by ``doc_id`` (the synthetic benchmark corpus,
one-article-per-file folders) that is ``doc_id`` order, the order of
:func:`~analysis.corpus.load_documents`. The bytes written depend only on the input, not on
``jobs``, ``engine`` or ``chunk_size``: fixed row groups of :data:`ROW_GROUP_ROWS` rows,
fixed compression, no pandas metadata, no timestamps.

Writing is atomic: the tables are written into a temporary folder beside ``out`` and moved
into place only when every stage has succeeded. If ``out`` does not exist it appears whole
(one rename); if it exists, each table file is replaced by an atomic rename and other files
in it are left alone. On any error nothing is left behind and an existing ``out`` is
unchanged. Input files are only read.

Tables (columns documented in the stage modules)
------------------------------------------------
documents
    ``doc_id, title, source, published, language, path, characters, sentences``: the
    corpus metadata without the text (``characters`` is ``len(text)``; the text of every
    sentence is in ``sentences``).
sentences
    :mod:`analysis.tokens` ``sentences``.
token_counts
    ``doc_id, sentence_id, tokens``: number of NLTK Treebank word tokens in the sentence
    (``word_tokenize``-equivalent, typographic apostrophes read as straight ones, as in
    :func:`analysis.tokens.word_spans`). The full ``tokens`` table is not materialised.
mentions
    :mod:`analysis.actors` ``mentions``.
commitments
    :mod:`analysis.commitments` ``commitments``.
sentence_sentiment, actor_sentiment
    :mod:`analysis.sentiment`.
actor_counts
    :func:`analysis.actors.actor_counts` over the whole corpus.

Speed
-----
The per-document work is the same as the plain NLTK way (:func:`plain_tables`) and gives
identical tables, with these savings: each distinct sentence is tokenised and scored once per
worker (wire copies and stock sentences repeat; a bounded LRU cache); tokens are counted
rather than stored, and a sentence's count is the sum of cached counts of its
space-separated chunks (:func:`count_tokens`: the Treebank rules act within a chunk; the
few sentences where that may not hold are tokenised whole, by NLTK's rules run on Python's
``re`` engine, :class:`FastWordTokenizer`, same patterns); VADER's punctuation stripping is
done by direct lookups instead of building a dictionary of every word combined with every
punctuation mark for each sentence, and words outside its lexicon score 0 without the
per-word rule calls (:class:`FastVader`). The tests compare both with NLTK's on the corpus
and on random text. Punkt decides each candidate break's context once per process
(:func:`analysis.tokens.fast_sentence_tokenizer`). The commitments stage caches the
context-free analysis of repeated sentences (``extract_commitments(cache=True)``, a bounded
LRU per process); the plain side runs it with ``cache=False``. Around the stages: worker
processes are forked from a forkserver that has built the tokenizers, lexicons and
gazetteer once (:mod:`analysis._pipeline_warm`), they run Python's cyclic garbage
collector less often (:data:`GC_THRESHOLDS`), and the end of the corpus is cut into smaller
chunks so that they finish together.
"""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import string
import sys
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText
from nltk.tokenize import NLTKWordTokenizer

from analysis.corpus import DOCUMENT_COLUMNS, CorpusError, iter_documents, to_frame
from analysis.sentiment import (
    ACTOR_SENTIMENT_COLUMNS,
    SCORE_COLUMNS,
    SENTENCE_SENTIMENT_COLUMNS,
    analyzer,
    register_lexicon,
)
from analysis.tokens import fast_sentence_tokenizer, split_sentences, word_tokenizer

DOCUMENT_TABLE_COLUMNS: list[str] = [
    "doc_id",
    "title",
    "source",
    "published",
    "language",
    "path",
    "characters",
    "sentences",
]
TOKEN_COUNT_COLUMNS: list[str] = ["doc_id", "sentence_id", "tokens"]
STREAMED_TABLES: tuple[str, ...] = (
    "documents",
    "sentences",
    "token_counts",
    "mentions",
    "commitments",
    "sentence_sentiment",
)
SUMMARY_TABLES: tuple[str, ...] = ("actor_counts", "actor_sentiment")
TABLES: tuple[str, ...] = STREAMED_TABLES + SUMMARY_TABLES
ROW_GROUP_ROWS = 65_536
COMPRESSION = "zstd"
COMPRESSION_LEVEL = 3
CACHE_SIZE = 50_000
"""Distinct sentences remembered per process (about 25 MB); wire copies and stock sentences
recur within that window. Bounds the cache's memory whatever the corpus size."""
TAIL_CHUNKS_PER_WORKER = 3
"""Chunks per worker process that the end of the corpus (a small corpus: all of it) is cut
into (see ``_chunks``)."""
ACTOR_KEYS: list[str] = ["actor", "actor_code", "actor_type"]
MANIFEST = "pipeline.json"


# ---------------------------------------------------------------------------
# Per-sentence work, cached
# ---------------------------------------------------------------------------

_PUNCTUATION = frozenset(string.punctuation)
_DELETE_PUNCTUATION = dict.fromkeys(map(ord, string.punctuation))


class _FastSentiText(SentiText):
    """NLTK's ``SentiText`` with the same ``words_and_emoticons``, found without building
    the ``{punctuation + word: word}`` dictionary for every sentence.

    NLTK maps a token ``p + w`` or ``w + p`` (``p`` in ``PUNC_LIST``, ``w`` a word of two or
    more characters of the punctuation-stripped text) to ``w``. Words contain no ASCII
    punctuation and every ``p`` is only ASCII punctuation, so the split point is the edge of
    the token's leading or trailing run of punctuation, and a token cannot have both forms.
    """

    def _words_and_emoticons(self) -> list[str]:
        # REGEX_REMOVE_PUNCTUATION is the class of ``string.punctuation``: deleting those
        # characters with ``str.translate`` gives the same text (a test checks every code
        # point) without the ``regex`` engine and its timeout wrapper.
        no_punc_text = self.text.translate(_DELETE_PUNCTUATION)
        words_only = {w for w in no_punc_text.split() if len(w) > 1}
        punctuation = _punc_set(tuple(self.PUNC_LIST))
        wes = [we for we in self.text.split() if len(we) > 1]
        for i, we in enumerate(wes):
            if we[-1] in _PUNCTUATION:
                cut = len(we) - 1
                while cut > 0 and we[cut - 1] in _PUNCTUATION:
                    cut -= 1
                if we[cut:] in punctuation and we[:cut] in words_only:
                    wes[i] = we[:cut]
            elif we[0] in _PUNCTUATION:
                cut = 1
                while cut < len(we) and we[cut] in _PUNCTUATION:
                    cut += 1
                if we[:cut] in punctuation and we[cut:] in words_only:
                    wes[i] = we[cut:]
        return wes


@lru_cache(maxsize=4)
def _punc_set(punc_list: tuple[str, ...]) -> frozenset[str]:
    return frozenset(punc_list)


class FastVader(SentimentIntensityAnalyzer):
    """NLTK's VADER with :class:`_FastSentiText`; ``polarity_scores`` gives the same scores.

    The method body is NLTK's (3.9+), with the text object swapped and one shortcut: a word
    whose lower-cased form is not in the lexicon scores 0 without the call to
    ``sentiment_valence`` (which appends 0 for such a word; so does NLTK's booster and
    "kind of" branch, tried first there). The tests compare both analysers on the corpus
    sentences and on random text.
    """

    def polarity_scores(self, text: str) -> dict[str, float]:
        sentitext = _FastSentiText(
            text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION
        )
        sentiments: list = []
        words_and_emoticons = sentitext.words_and_emoticons
        lexicon = self.lexicon
        booster = self.constants.BOOSTER_DICT
        last = len(words_and_emoticons) - 1
        first_index: dict[str, int] = {}
        for idx, token in enumerate(words_and_emoticons):
            if token not in first_index:
                first_index[token] = idx
        for item in words_and_emoticons:
            lower = item.lower()
            if lower not in lexicon:
                sentiments.append(0)
                continue
            valence = 0
            i = first_index[item]
            if (
                i < last and lower == "kind" and words_and_emoticons[i + 1].lower() == "of"
            ) or lower in booster:
                sentiments.append(valence)
                continue
            sentiments = self.sentiment_valence(valence, sentitext, item, i, sentiments)
        sentiments = self._but_check(words_and_emoticons, sentiments)
        return self.score_valence(sentiments, text)


@lru_cache(maxsize=1)
def fast_vader() -> FastVader:
    """The fast analyser on the package's offline lexicon (built once per process)."""
    return FastVader(lexicon_file=register_lexicon())  # the lexicon of sentiment.analyzer()


def _stdlib_pattern(pattern: object) -> re.Pattern[str]:
    inner = getattr(pattern, "_rx", pattern)  # NLTK wraps ``regex`` patterns with a timeout
    flags = inner.flags & (re.IGNORECASE | re.UNICODE | re.MULTILINE | re.DOTALL | re.VERBOSE)
    return re.compile(inner.pattern, flags)


class FastWordTokenizer(NLTKWordTokenizer):
    """NLTK's ``NLTKWordTokenizer`` with its own regular expressions compiled by Python's
    ``re`` engine instead of the third-party ``regex`` engine behind a timeout wrapper:
    the same rules in the same order, about twice as fast; the tests compare the tokens.
    """

    _base = NLTKWordTokenizer
    STARTING_QUOTES = [(_stdlib_pattern(r), s) for r, s in _base.STARTING_QUOTES]
    PUNCTUATION = [(_stdlib_pattern(r), s) for r, s in _base.PUNCTUATION]
    PARENS_BRACKETS = (_stdlib_pattern(_base.PARENS_BRACKETS[0]), _base.PARENS_BRACKETS[1])
    CONVERT_PARENTHESES = [(_stdlib_pattern(r), s) for r, s in _base.CONVERT_PARENTHESES]
    DOUBLE_DASHES = (_stdlib_pattern(_base.DOUBLE_DASHES[0]), _base.DOUBLE_DASHES[1])
    ENDING_QUOTES = [(_stdlib_pattern(r), s) for r, s in _base.ENDING_QUOTES]
    CONTRACTIONS2 = [_stdlib_pattern(r) for r in _base.CONTRACTIONS2]
    CONTRACTIONS3 = [_stdlib_pattern(r) for r in _base.CONTRACTIONS3]


@lru_cache(maxsize=1)
def fast_word_tokenizer() -> FastWordTokenizer:
    """The :class:`FastWordTokenizer` (built once per process)."""
    return FastWordTokenizer()


@lru_cache(maxsize=1)
def _engines_differ() -> re.Pattern[str]:
    """Characters on which Python's ``re`` and the ``regex`` engine may disagree for the
    tokenizer's patterns: ``\\w``, ``\\s`` and ``\\d`` classes (e.g. "²" is a word
    character for ``re`` only, "\\x1c" a space for ``re`` only), case-insensitive matches
    of ASCII letters (e.g. the Kelvin sign), and everything outside the BMP."""
    import regex

    bmp = "".join(chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF)
    differ = {chr(code) for code in range(0xD800, 0xE000)}  # lone surrogates
    differ.update(
        char
        for char in bmp
        if not char.isascii()
        and any(c.isascii() for c in char.lower() + char.upper() + char.casefold())
    )
    for pattern in (r"\w", r"\s", r"\d"):  # each engine's members of the class
        differ.update(set(re.findall(pattern, bmp)) ^ set(regex.findall(pattern, bmp)))
    differ = sorted(differ)
    return re.compile("[" + "".join(map(re.escape, differ)) + "\U00010000-\U0010ffff]")


_OTHER_SPACE = re.compile(r"[^\S ]")
"""Whitespace other than the ASCII space (``re``'s ``\\s`` and ``str.isspace`` agree on
every code point; a test checks it)."""
_CLOSERS = "]})>\"'»”’"
"""The characters other than the space in the class of the tokenizer's first final-period
rule (``([^\\.])(\\.)([\\]\\)}>"\\'»”’ ]*+)\\s*$``), the one rule whose match can run
over spaces into earlier chunks."""
CHUNK_CACHE_SIZE = 50_000
"""Distinct space-free chunks whose token count is remembered per position and process."""


class _ChunkCounts(dict):
    """Token count of a space-free chunk at one position in a sentence, worked out once:
    the chunk is tokenised between the given neutral context (``"x "`` before it when it is
    not the first chunk, ``" x"`` after it when it is not the last) and the context's tokens
    are subtracted."""

    def __init__(self, before: str, after: str) -> None:
        super().__init__()
        self.before = before
        self.after = after
        self.context = bool(before) + bool(after)

    def __missing__(self, chunk: str) -> int:
        if len(self) >= CHUNK_CACHE_SIZE:  # bounded memory; the counts do not change
            self.clear()
        tokens = fast_word_tokenizer().tokenize(self.before + chunk + self.after)
        count = self[chunk] = len(tokens) - self.context
        return count


_ONLY = _ChunkCounts("", "")
_FIRST = _ChunkCounts("", " x")
_MIDDLE = _ChunkCounts("x ", " x")
_LAST = _ChunkCounts("x ", "")


def count_tokens(sentence: str) -> int:
    """Number of Treebank word tokens (``word_tokenize``-equivalent) in ``sentence``.

    Typographic apostrophes are read as straight ones, as in
    :func:`analysis.tokens.word_spans`. Sentences with a character the two regular
    expression engines may treat differently go through NLTK's own tokenizer.

    Otherwise the count is the sum of the counts of the sentence's space-separated chunks
    (cached per chunk and position): every rule of ``NLTKWordTokenizer`` matches within one
    chunk and sees at most that a neighbour is a space, except the rules anchored at the
    start (``^"``) or end (``$``) of the text, which the first and last chunk's context
    reproduces. Whole sentences go through the tokenizer when that does not hold: other
    whitespace than single or repeated ASCII spaces (tabs, newlines, ``\\s``-only
    characters before the ``$`` anchor), a leading or trailing space, or a last chunk made
    only of closing brackets and quotes (the one rule whose match can span chunks). The
    tests compare the counts with NLTK's on the corpora and on adversarial random text.
    """
    plain = sentence.replace("’", "'")
    if _engines_differ().search(plain):
        return len(word_tokenizer().tokenize(plain))
    chunks = plain.split()
    if (
        not chunks
        or plain[0] == " "
        or plain[-1] == " "
        or not chunks[-1].strip(_CLOSERS)
        or _OTHER_SPACE.search(plain)
    ):
        return len(fast_word_tokenizer().tokenize(plain))
    if len(chunks) == 1:
        return _ONLY[plain]
    return _FIRST[chunks[0]] + sum(map(_MIDDLE.__getitem__, chunks[1:-1])) + _LAST[chunks[-1]]


def full_count_tokens(sentence: str) -> int:
    """:func:`count_tokens` tokenising the whole sentence (no chunk counts)."""
    plain = sentence.replace("’", "'")
    if _engines_differ().search(plain):
        return len(word_tokenizer().tokenize(plain))
    return len(fast_word_tokenizer().tokenize(plain))


def plain_count_tokens(sentence: str) -> int:
    """:func:`count_tokens` with NLTK's own tokenizer (the reference)."""
    return len(word_tokenizer().tokenize(sentence.replace("’", "'")))


@lru_cache(maxsize=CACHE_SIZE)
def _sentence_features(sentence: str) -> tuple[int, float, float, float, float]:
    scores = fast_vader().polarity_scores(sentence)
    return (count_tokens(sentence), *(scores[c] for c in SCORE_COLUMNS))


# ---------------------------------------------------------------------------
# One chunk of documents
# ---------------------------------------------------------------------------


def _documents_frame(documents: pd.DataFrame | Iterable[dict]) -> pd.DataFrame:
    if isinstance(documents, pd.DataFrame):
        frame = documents.reset_index(drop=True)
        for column in DOCUMENT_COLUMNS:
            if column not in frame.columns:
                frame[column] = ""
        return frame
    rows = list(documents)
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS).astype(
        dict.fromkeys(DOCUMENT_COLUMNS, "str")
    )


def _in_order(table: pd.DataFrame, position: dict[str, int], keys: list[str]) -> pd.DataFrame:
    """``table`` sorted by document position (corpus order), then ``keys``, stably."""
    if table.empty:
        return table.reset_index(drop=True)
    order = table["doc_id"].map(position)
    sorter = pd.DataFrame({"_pos": order.to_numpy()}, index=table.index)
    for key in keys:
        sorter[key] = table[key].to_numpy()
    index = sorter.sort_values(["_pos", *keys], kind="stable").index
    return table.loc[index].reset_index(drop=True)


def analyse(documents: pd.DataFrame | Iterable[dict]) -> dict[str, pd.DataFrame]:
    """Run the per-document stages on a chunk of documents (rows of ``documents``).

    Returns
    -------
    dict[str, pandas.DataFrame]
        ``documents`` (metadata, see the module docstring), ``sentences``,
        ``token_counts``, ``mentions``, ``commitments`` and ``sentence_sentiment``, rows
        in the order of the given documents.
    """
    from analysis.actors import find_mentions
    from analysis.commitments import extract_commitments

    docs = _documents_frame(documents)
    doc_ids = docs["doc_id"].astype(str).tolist()
    texts = docs["text"].astype(str).tolist()
    sentences = split_sentences(docs)
    per_doc = sentences.groupby("doc_id", sort=False).size()
    meta = pd.DataFrame(
        {
            "doc_id": doc_ids,
            "title": docs["title"].astype(str).tolist(),
            "source": docs["source"].astype(str).tolist(),
            "published": docs["published"].astype(str).tolist(),
            "language": docs["language"].astype(str).tolist(),
            "path": docs["path"].astype(str).tolist(),
            "characters": [len(t) for t in texts],
            "sentences": [int(per_doc.get(d, 0)) for d in doc_ids],
        }
    ).astype({"characters": "int64", "sentences": "int64"})

    features = [_sentence_features(t) for t in sentences["text"].tolist()]
    matrix = (
        np.array([f[1:] for f in features], dtype="float64")
        if features
        else np.empty((0, 4), dtype="float64")
    )
    token_counts = pd.DataFrame(
        {
            "doc_id": sentences["doc_id"],
            "sentence_id": sentences["sentence_id"],
            "tokens": np.array([f[0] for f in features], dtype="int64"),
        }
    )
    sentiment = pd.DataFrame(
        {"doc_id": sentences["doc_id"], "sentence_id": sentences["sentence_id"]}
    )
    for index, column in enumerate(SCORE_COLUMNS):
        sentiment[column] = matrix[:, index]

    position = {doc_id: i for i, doc_id in enumerate(doc_ids)}
    mentions = _in_order(find_mentions(sentences), position, ["sentence_id", "start"])
    commitments = _in_order(extract_commitments(sentences, mentions), position, ["sentence_id"])
    return {
        "documents": meta,
        "sentences": sentences,
        "token_counts": token_counts,
        "mentions": mentions,
        "commitments": commitments,
        "sentence_sentiment": sentiment[SENTENCE_SENTIMENT_COLUMNS],
    }


_NOT_INPUT_ERRORS = (ImportError, MemoryError, OSError)
"""Failures of the environment, not of a document: re-raised as they are."""


_PROBE = {
    "doc_id": "probe",
    "title": "",
    "source": "",
    "published": "",
    "language": "en",
    "text": "Poland will not send troops to Ukraine, Polish Deputy Defense Minister Zalewski said.",
    "boilerplate": "",
    "path": "probe",
}


def _analyse_records(records: list[dict]) -> dict[str, pd.DataFrame] | tuple[str, str, str]:
    """Worker entry point: :func:`analyse`; a document a stage fails on is returned as
    ``("error", path, problem)`` naming its file (exceptions need not survive pickling).

    A failure that a plain, valid document reproduces (a missing module, a broken data
    file) is not the input's fault: it is raised as it is.
    """
    try:
        return analyse(records)
    except _NOT_INPUT_ERRORS:
        raise
    except Exception:
        analyse([_PROBE])  # raises if the failure is not the documents' fault
        for record in records:  # find the document that fails, name its file
            try:
                analyse([record])
            except _NOT_INPUT_ERRORS:
                raise
            except Exception as error:  # noqa: BLE001 - reported as a CorpusError
                problem = f"could not be analysed ({type(error).__name__}: {error})"
                return ("error", str(record.get("path", "")), problem)
        raise


def _check(result: dict | tuple) -> dict[str, pd.DataFrame]:
    if isinstance(result, tuple):
        _, path, problem = result
        raise CorpusError(path, problem)
    return result


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def _arrow_type(series: pd.Series) -> pa.DataType:
    kind = series.dtype.kind
    if kind in "iu":
        return pa.int64()
    if kind == "f":
        return pa.float64()
    if kind == "b":
        return pa.bool_()
    return pa.string()


def _to_arrow(frame: pd.DataFrame, schema: pa.Schema | None) -> pa.Table:
    if schema is None:
        schema = pa.schema([pa.field(c, _arrow_type(frame[c])) for c in frame.columns])
    arrays = []
    for field in schema:
        values = frame[field.name]
        if pa.types.is_string(field.type):
            if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
                # Arrow-backed strings (pandas' default): the same values, missing ones
                # null, without a Python object per cell
                arrays.append(pa.array(values, type=field.type))
                continue
            values = values.astype(object).where(values.notna(), None)
            arrays.append(pa.array(values.tolist(), type=field.type))
        else:
            arrays.append(pa.array(values.to_numpy(), type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


class _TableWriter:
    """Appends frames to one Parquet file in row groups of exactly ``ROW_GROUP_ROWS``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.schema: pa.Schema | None = None
        self.writer: pq.ParquetWriter | None = None
        self.buffer: list[pa.Table] = []
        self.buffered = 0
        self.rows = 0

    def append(self, frame: pd.DataFrame) -> None:
        if self.schema is None:
            self.schema = _to_arrow(frame.head(0), None).schema
            if frame.empty:
                self.schema = None
                self._empty = frame.head(0)
                return
        table = _to_arrow(frame, self.schema)
        if table.num_rows:
            self.buffer.append(table)
            self.buffered += table.num_rows
            self.rows += table.num_rows
        while self.buffered >= ROW_GROUP_ROWS:
            self._flush(ROW_GROUP_ROWS)

    def _flush(self, rows: int) -> None:
        table = pa.concat_tables(self.buffer)
        head, rest = table.slice(0, rows), table.slice(rows)
        # One contiguous array per column: the encoder's choices (e.g. when the dictionary
        # falls back to plain encoding) then do not depend on how rows arrived in chunks.
        self._writer().write_table(head.combine_chunks(), row_group_size=rows)
        self.buffer = [rest] if rest.num_rows else []
        self.buffered = rest.num_rows

    def _writer(self) -> pq.ParquetWriter:
        if self.writer is None:
            self.writer = pq.ParquetWriter(
                self.path,
                self.schema,
                compression=COMPRESSION,
                compression_level=COMPRESSION_LEVEL,
                store_schema=False,
            )
        return self.writer

    def close(self) -> None:
        if self.schema is None:  # no rows at all: an empty table with the right columns
            self.schema = _to_arrow(getattr(self, "_empty", pd.DataFrame()), None).schema
        if self.buffered:
            self._flush(self.buffered)
        self._writer().close()


def _write_frame(path: Path, frame: pd.DataFrame) -> None:
    writer = _TableWriter(path)
    writer.append(frame)
    writer.close()


# ---------------------------------------------------------------------------
# Corpus-wide tables
# ---------------------------------------------------------------------------


class _Summaries:
    """Accumulates what ``actor_counts`` and ``actor_sentiment`` need, chunk by chunk.

    Per actor: mention and document counts. Per distinct (sentence, actor) pair, in corpus
    order: an actor code and the sentence's compound score (12 bytes a pair).
    """

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str, str], list[int]] = {}
        self.codes: dict[tuple[str, str, str], int] = {}
        self.pair_codes: list[np.ndarray] = []
        self.pair_scores: list[np.ndarray] = []

    def add(self, mentions: pd.DataFrame, sentiment: pd.DataFrame) -> None:
        if mentions.empty:
            return
        from analysis.actors import actor_counts

        for actor, code, kind, n, docs in actor_counts(mentions).itertuples(index=False):
            entry = self.counts.setdefault((actor, code, kind), [0, 0])
            entry[0] += int(n)
            entry[1] += int(docs)
        keys = ["doc_id", "sentence_id"]
        pairs = mentions[keys + ACTOR_KEYS].drop_duplicates()
        scored = pairs.merge(sentiment[keys + ["compound"]], on=keys, how="inner")
        actors = zip(*(scored[c].tolist() for c in ACTOR_KEYS), strict=True)
        codes = [self.codes.setdefault(key, len(self.codes)) for key in actors]
        self.pair_codes.append(np.array(codes, dtype="int32"))
        self.pair_scores.append(scored["compound"].to_numpy(dtype="float64"))

    def actor_counts(self) -> pd.DataFrame:
        rows = [(*key, n, docs) for key, (n, docs) in self.counts.items()]
        table = pd.DataFrame(rows, columns=[*ACTOR_KEYS, "mentions", "documents"])
        table = table.astype(
            dict.fromkeys(ACTOR_KEYS, "str") | {"mentions": "int64", "documents": "int64"}
        )
        table = table.sort_values(["mentions", "actor"], ascending=[False, True], kind="stable")
        return table.reset_index(drop=True)

    def actor_sentiment(self) -> pd.DataFrame:
        # The same groupby as analysis.sentiment.actor_sentiment, over the same rows in
        # the same order (pandas' float sums depend on it), with actors as sorted codes.
        keys = sorted(self.codes)
        rank = np.empty(len(keys), dtype="int64")
        for position, key in enumerate(keys):
            rank[self.codes[key]] = position
        codes = np.concatenate(self.pair_codes) if self.pair_codes else np.empty(0, "int32")
        scores = np.concatenate(self.pair_scores) if self.pair_scores else np.empty(0)
        frame = pd.DataFrame({"k": rank[codes], "compound": scores})
        grouped = frame.groupby("k", sort=True)["compound"]
        agg = grouped.agg(n="count", mean="mean", spread="std", min="min", max="max")
        parts = [
            (*keys[k], *row) for k, row in zip(agg.index, agg.itertuples(index=False), strict=True)
        ]
        table = pd.DataFrame(parts, columns=ACTOR_SENTIMENT_COLUMNS)
        table = table.astype(
            dict.fromkeys(ACTOR_KEYS, "str")
            | {
                "n": "int64",
                "mean": "float64",
                "spread": "float64",
                "min": "float64",
                "max": "float64",
            }
        )
        table["spread"] = table["spread"].fillna(0.0)
        table = table.sort_values(["n", "actor"], ascending=[False, True], ignore_index=True)
        return table[ACTOR_SENTIMENT_COLUMNS]


# ---------------------------------------------------------------------------
# Running over a corpus
# ---------------------------------------------------------------------------


def _chunks(rows: Iterator[dict], size: int, workers: int = 1) -> Iterator[list[dict]]:
    """Consecutive chunks of ``size`` documents.

    With several ``workers``, the last ``workers * size`` documents (or fewer: the whole of
    a small corpus) are cut into ``TAIL_CHUNKS_PER_WORKER * workers`` nearly equal smaller
    chunks instead, so that the workers finish together and the last results to write are
    small. To know where the end is, ``workers * size`` documents are read ahead (memory
    stays bounded). Only the work split changes, not the tables.
    """
    if workers <= 1:
        chunk: list[dict] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk
        return
    tail = workers * size
    buffer: deque = deque()
    for row in rows:
        buffer.append(row)
        if len(buffer) >= tail + size:
            yield [buffer.popleft() for _ in range(size)]
    pieces = min(len(buffer), TAIL_CHUNKS_PER_WORKER * workers)
    for index in range(pieces):
        yield [buffer.popleft() for _ in range(len(buffer) // (pieces - index))]


def _warm_up() -> None:
    """Build the tokenizers, lexicon and gazetteer once per worker process."""
    from analysis.actors import find_mentions

    fast_sentence_tokenizer()
    word_tokenizer()
    fast_vader()
    fast_word_tokenizer()
    _engines_differ()
    find_mentions(
        pd.DataFrame({"doc_id": ["w"], "sentence_id": [0], "start": [0], "text": ["Kyiv"]})
    )


def warm_up() -> None:
    """:func:`_warm_up`, the cue lexicon, and one probe document through :func:`analyse`
    (compiles the stages' lazily built regular expressions). Run once in the forkserver
    that the worker processes are forked from (:mod:`analysis._pipeline_warm`)."""
    from analysis.commitments import load_cues

    _warm_up()
    load_cues()
    analyse([_PROBE])


GC_THRESHOLDS = (100_000, 50, 10)
"""Thresholds of Python's cyclic garbage collector while documents are analysed (Python's
defaults: 700, 10, 10). The stages allocate millions of short-lived containers; with the
defaults the collector ran about 3,000 times per 5,000 articles and took about 16% of the
CPU time, most of it re-scanning the long-lived caches. Reference counting still frees
everything at once; cycles are still collected, less often. Measured: same peak memory."""


def _worker_init() -> None:
    """Initializer of every worker process: the warm-up (a no-op when the forkserver did
    it already) and the collector thresholds (:data:`GC_THRESHOLDS`)."""
    _warm_up()
    gc.set_threshold(*GC_THRESHOLDS)


@contextmanager
def _collector_thresholds() -> Iterator[None]:
    """:data:`GC_THRESHOLDS` in the calling process for the duration (``jobs=1``)."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _process_pool(jobs: int):
    """A pool of ``jobs`` worker processes forked from the forkserver that has this module
    (pandas, NLTK, pyarrow) imported and the stages warmed up already
    (:mod:`analysis.workers`), so that workers start ready."""
    from analysis.workers import process_pool

    return process_pool(jobs, initializer=_worker_init)


def _local_results(chunks: Iterator[list[dict]], jobs: int) -> Iterator[dict | tuple]:
    if jobs <= 1:
        with _collector_thresholds():
            for chunk in chunks:
                yield _analyse_records(chunk)
        return
    with _process_pool(jobs) as pool:
        pending: deque = deque()
        try:
            for chunk in chunks:
                pending.append(pool.submit(_analyse_records, chunk))
                if len(pending) >= 2 * jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _dask_results(
    chunks: Iterator[list[dict]], jobs: int, scheduler: str | None
) -> Iterator[dict | tuple]:
    import dask
    import dask.bag as db

    window = max(2, 2 * jobs)
    client = None
    pool = None
    if scheduler:
        try:
            from distributed import Client
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise RuntimeError(
                "--scheduler needs the 'distributed' package (pip install distributed)"
            ) from error
        client = Client(scheduler)
        options: dict = {"scheduler": client}
        window = max(window, 2 * sum(client.nthreads().values()))
    elif jobs > 1:
        pool = _process_pool(jobs)
        options = {"scheduler": "processes", "pool": pool, "num_workers": jobs}
    else:
        options = {"scheduler": "synchronous"}
    try:
        batch: list[list[dict]] = []
        for chunk in chunks:
            batch.append(chunk)
            if len(batch) >= window:
                yield from _dask_window(db, dask, batch, options)
                batch = []
        if batch:
            yield from _dask_window(db, dask, batch, options)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if client is not None:
            client.close()


def _dask_window(db, dask, batch: list[list[dict]], options: dict) -> list:
    bag = db.from_sequence(batch, npartitions=len(batch)).map(_analyse_records)
    (results,) = dask.compute(bag, **options)
    return list(results)


def run_pipeline(
    paths: Iterable[Path | str] | Path | str | None,
    out: Path | str,
    jobs: int = 1,
    engine: str = "local",
    chunk_size: int = 500,
    scheduler: str | None = None,
    progress: bool = True,
) -> dict[str, Path]:
    """Run every stage over the articles under ``paths`` and write the tables to ``out``.

    Parameters
    ----------
    paths
        Article files (``.txt``, ``.jsonl``) or folders, as for
        :func:`analysis.corpus.discover`; ``None`` reads the default corpus.
    out
        Folder for ``<table>.parquet`` (see :data:`TABLES`) and ``pipeline.json``.
    jobs
        Worker processes (``engine="local"``) or Dask local workers.
    engine
        ``"local"`` or ``"dask"`` (see the module docstring).
    chunk_size
        Documents per chunk; memory grows with ``chunk_size * jobs``, not with the corpus.
    scheduler
        Dask only: address of a distributed scheduler, e.g. ``"tcp://host:8786"``.
    progress
        Show a tqdm progress bar (documents/s) on stderr.

    Returns
    -------
    dict[str, pathlib.Path]
        Table name to the Parquet file written.

    Raises
    ------
    CorpusError
        For an unreadable input, a duplicate ``doc_id`` or a document a stage cannot
        analyse; the message names the file. Nothing is written then.
    """
    from tqdm import tqdm

    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    if scheduler and engine != "dask":
        raise ValueError("a scheduler address needs engine='dask'")
    jobs = max(1, int(jobs))
    chunk_size = max(1, int(chunk_size))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        writers = {name: _TableWriter(temp / f"{name}.parquet") for name in STREAMED_TABLES}
        summaries = _Summaries()
        workers = jobs if engine == "local" else 1
        chunks = _chunks(iter_documents(paths), chunk_size, workers)
        if engine == "dask":
            results = _dask_results(chunks, jobs, scheduler)
        else:
            results = _local_results(chunks, jobs)
        bar = tqdm(
            desc="pipeline", unit="doc", file=sys.stderr, disable=not progress, smoothing=0.1
        )
        with bar:
            for result in results:
                tables = _check(result)
                for name in STREAMED_TABLES:
                    writers[name].append(tables[name])
                summaries.add(tables["mentions"], tables["sentence_sentiment"])
                bar.update(len(tables["documents"]))
        for writer in writers.values():
            writer.close()
        _write_frame(temp / "actor_counts.parquet", summaries.actor_counts())
        _write_frame(temp / "actor_sentiment.parquet", summaries.actor_sentiment())
        rows = {name: writers[name].rows for name in STREAMED_TABLES}
        rows["actor_counts"] = len(summaries.counts)
        rows["actor_sentiment"] = len(summaries.codes)
        manifest = {"tables": {name: f"{name}.parquet" for name in TABLES}, "rows": rows}
        (temp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        _publish(temp, out)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return {name: out / f"{name}.parquet" for name in TABLES}


def _publish(temp: Path, out: Path) -> None:
    """Move the finished tables from ``temp`` into ``out`` (atomic renames)."""
    if not out.exists():
        os.replace(temp, out)
        return
    if not out.is_dir():
        raise NotADirectoryError(f"{out}: exists and is not a folder")
    for item in sorted(temp.iterdir()):
        os.replace(item, out / item.name)
    temp.rmdir()


def read_table(out: Path | str, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """Read table ``name`` written by :func:`run_pipeline` into ``out`` (for notebooks).

    ``columns`` selects columns (Parquet reads only those). Strings come back as ``str``,
    counts and offsets as ``int64``, scores as ``float64``.
    """
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; tables: {', '.join(TABLES)}")
    table = pq.read_table(Path(out) / f"{name}.parquet", columns=columns)
    frame = table.to_pandas()
    strings = [
        f.name
        for f in table.schema
        if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)
    ]
    return frame.astype(dict.fromkeys(strings, "str"))


# ---------------------------------------------------------------------------
# The plain way (reference for tests and the benchmark)
# ---------------------------------------------------------------------------


def plain_tables(paths: Iterable[Path | str] | Path | str | None) -> dict[str, pd.DataFrame]:
    """Every table the plain NLTK way: the whole corpus in memory, one process, every
    sentence tokenised with ``NLTKWordTokenizer().tokenize`` and scored with NLTK's
    ``SentimentIntensityAnalyzer.polarity_scores``, no caching.

    The reference :func:`run_pipeline` must reproduce (tests) and beat (benchmark).
    """
    from analysis.actors import actor_counts, find_mentions
    from analysis.commitments import extract_commitments
    from analysis.sentiment import actor_sentiment

    documents = to_frame(iter_documents(paths))
    sentences = split_sentences(documents, cache=False)  # no caching
    tokenizer = word_tokenizer()
    scorer = analyzer()
    texts = sentences["text"].tolist()
    counts = [len(tokenizer.tokenize(t.replace("’", "'"))) for t in texts]  # plain_count_tokens
    scores = [scorer.polarity_scores(t) for t in texts]
    keys = sentences[["doc_id", "sentence_id"]].reset_index(drop=True)
    token_counts = keys.assign(tokens=np.array(counts, dtype="int64"))
    sentiment = pd.concat(
        [keys, pd.DataFrame(scores, columns=SCORE_COLUMNS, dtype="float64")], axis=1
    )
    mentions = find_mentions(sentences)
    commitments = extract_commitments(sentences, mentions, cache=False)  # no caching
    per_doc = sentences.groupby("doc_id", sort=False).size()
    meta = documents[[c for c in DOCUMENT_TABLE_COLUMNS if c in documents.columns]].copy()
    meta["characters"] = documents["text"].str.len().astype("int64")
    meta["sentences"] = documents["doc_id"].map(per_doc).fillna(0).astype("int64")
    return {
        "documents": meta,
        "sentences": sentences,
        "token_counts": token_counts,
        "mentions": mentions,
        "commitments": commitments,
        "sentence_sentiment": sentiment,
        "actor_counts": actor_counts(mentions),
        "actor_sentiment": actor_sentiment(sentiment, mentions),
    }


def write_tables(tables: dict[str, pd.DataFrame], out: Path | str) -> dict[str, Path]:
    """Write in-memory tables (e.g. :func:`plain_tables`) as ``out/<name>.parquet``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, frame in tables.items():
        _write_frame(out / f"{name}.parquet", frame.reset_index(drop=True))
        written[name] = out / f"{name}.parquet"
    return written
