"""Tokens stage: split documents into sentences and word tokens with NLTK, offline.

Sentences come from NLTK's Punkt sentence tokenizer with a fixed, shipped parameter set
(the abbreviations in ``data/abbreviations.txt``: "Mr.", "U.S.", "Dec." ...), so nothing
is downloaded. Paragraphs (lines of ``documents.text``) are split separately: a sentence
never crosses a line break. Word tokens come from NLTK's Treebank-style
``NLTKWordTokenizer`` (the tokenizer behind ``word_tokenize``), which needs no model.

Columns of ``sentences``
------------------------
doc_id : str
sentence_id : int
    0-based position of the sentence in its document.
paragraph_id : int
    0-based line (paragraph) of ``documents.text`` the sentence is in.
start, end : int
    Character offsets of the sentence in ``documents.text``.
text : str
    The sentence, ``documents.text[start:end]``.

Columns of ``tokens``
---------------------
doc_id : str
sentence_id : int
token_id : int
    0-based position of the token in its sentence.
start, end : int
    Character offsets of the token in ``documents.text``.
token : str
    ``documents.text[start:end]``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd
from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from analysis.paths import DATA_DIR

SENTENCE_COLUMNS: list[str] = ["doc_id", "sentence_id", "paragraph_id", "start", "end", "text"]
TOKEN_COLUMNS: list[str] = ["doc_id", "sentence_id", "token_id", "start", "end", "token"]
ABBREVIATIONS = DATA_DIR / "abbreviations.txt"
PARAGRAPH_CACHE_SIZE = 20_000
"""Distinct paragraphs whose sentence spans are remembered per process (wire copies repeat
whole paragraphs); bounds the cache's memory whatever the corpus size."""
CONTEXT_CACHE_SIZE = 50_000
"""Distinct candidate-break contexts whose Punkt decision is remembered per process."""
STOPWORDS = DATA_DIR / "stopwords_en.txt"
_WORD = re.compile(r"\w", re.UNICODE)


def _read_word_list(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip().lower() for s in lines if s.strip() and not s.startswith("#"))


def _punkt_parameters() -> PunktParameters:
    parameters = PunktParameters()
    parameters.abbrev_types = set(_read_word_list(ABBREVIATIONS))
    return parameters


@lru_cache(maxsize=1)
def sentence_tokenizer() -> PunktSentenceTokenizer:
    """The Punkt tokenizer with the project's abbreviation list (built once)."""
    return PunktSentenceTokenizer(_punkt_parameters())


class _RememberingPunkt(PunktSentenceTokenizer):
    """NLTK's Punkt tokenizer that decides each candidate break's context once.

    ``span_tokenize`` asks ``text_contains_sentbreak`` about the short context of every
    candidate break (the word before a period, the period, the next word: "said. The").
    The answer depends only on that string and the fixed parameters (nothing is trained
    while tokenizing), so it is remembered in a bounded dict; the spans are the same.
    """

    def __init__(self, parameters: PunktParameters) -> None:
        super().__init__(parameters)
        self._decided: dict[str, bool] = {}

    def text_contains_sentbreak(self, text: str) -> bool:
        found = self._decided.get(text)
        if found is None:
            if len(self._decided) >= CONTEXT_CACHE_SIZE:  # bounded memory, same answers
                self._decided.clear()
            found = self._decided[text] = super().text_contains_sentbreak(text)
        return found


@lru_cache(maxsize=1)
def fast_sentence_tokenizer() -> PunktSentenceTokenizer:
    """:func:`sentence_tokenizer` remembering its break decisions (same spans, faster)."""
    return _RememberingPunkt(_punkt_parameters())


@lru_cache(maxsize=1)
def word_tokenizer() -> NLTKWordTokenizer:
    """NLTK's Treebank-style word tokenizer (no model needed)."""
    return NLTKWordTokenizer()


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English stop words shipped in ``data/stopwords_en.txt`` (NLTK's list)."""
    return _read_word_list(STOPWORDS)


@lru_cache(maxsize=PARAGRAPH_CACHE_SIZE)
def paragraph_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every sentence in one paragraph (a line), computed once per text."""
    return tuple(fast_sentence_tokenizer().span_tokenize(paragraph))


def sentence_spans(text: str, cache: bool = True) -> list[tuple[int, int, int]]:
    """(paragraph_id, start, end) of every sentence in ``text``, in order.

    ``cache=False`` splits every paragraph afresh with NLTK's own Punkt tokenizer (the
    plain reference of the benchmark); otherwise paragraphs and break decisions already
    seen are remembered (:func:`paragraph_spans`, :func:`fast_sentence_tokenizer`).
    """
    split = paragraph_spans if cache else sentence_tokenizer().span_tokenize
    spans: list[tuple[int, int, int]] = []
    offset = 0
    for paragraph_id, line in enumerate(text.split("\n")):
        for start, end in split(line):
            spans.append((paragraph_id, offset + start, offset + end))
        offset += len(line) + 1
    return spans


def split_sentences(documents: pd.DataFrame, cache: bool = True) -> pd.DataFrame:
    """One row per sentence of every document (see ``sentences`` above).

    Paragraphs already seen are not split again unless ``cache=False``.
    """
    rows = [
        (doc_id, sentence_id, paragraph_id, start, end, text[start:end])
        for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True)
        for sentence_id, (paragraph_id, start, end) in enumerate(sentence_spans(text, cache))
    ]
    return _typed(pd.DataFrame(rows, columns=SENTENCE_COLUMNS))


def word_spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each word token in ``sentence``."""
    # The Treebank rules know the straight apostrophe only; the typographic one has the
    # same length, so spans found on the substituted text are valid on the original.
    plain = sentence.replace("’", "'")
    try:
        return list(word_tokenizer().span_tokenize(plain))
    except ValueError:
        # The Treebank tokenizer rewrites quotes and can fail to align them back on
        # unusual quote sequences; fall back to a plain word/punctuation split.
        return [m.span() for m in re.finditer(r"\w+(?:[’'-]\w+)*|[^\w\s]", sentence)]


def word_tokens(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per word token of every sentence (see ``tokens`` above)."""
    rows = [
        (doc_id, sentence_id, token_id, offset + start, offset + end, text[start:end])
        for doc_id, sentence_id, offset, text in zip(
            sentences["doc_id"],
            sentences["sentence_id"],
            sentences["start"],
            sentences["text"],
            strict=True,
        )
        for token_id, (start, end) in enumerate(word_spans(text))
    ]
    return _typed(pd.DataFrame(rows, columns=TOKEN_COLUMNS))


def content_word_counts(tokens: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Frequency of content words: lower-cased tokens with a letter, not stop words.

    Returns columns ``word, count``, sorted by count (descending) then word.
    """
    stop = stopwords()
    counts = Counter(
        word
        for word in tokens["token"].str.lower()
        if _WORD.search(word) and word not in stop and not word.isdigit() and len(word) > 1
    )
    frame = pd.DataFrame(
        sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])), columns=["word", "count"]
    )
    return frame.head(top) if top is not None else frame


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    types = {
        c: ("int64" if c.endswith("_id") and c != "doc_id" or c in ("start", "end") else "str")
        for c in frame.columns
    }
    return frame.astype(types)
