"""Sentences and word tokens: offline NLTK, offsets that round-trip."""

from __future__ import annotations

import pandas as pd

from analysis.corpus import load_documents
from analysis.paths import SEEDS_DIR
from analysis.tokens import (
    SENTENCE_COLUMNS,
    TOKEN_COLUMNS,
    content_word_counts,
    split_sentences,
    word_tokens,
)


def documents(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})


def test_no_break_on_abbreviations_or_quotes():
    text = (
        "Mr. Smith met U.S. officials on Dec. 5 in Washington. "
        '"We will not send troops," he said. “Never,” she added. The E.U. agreed.'
    )
    sentences = split_sentences(documents(text))
    assert list(sentences["text"]) == [
        "Mr. Smith met U.S. officials on Dec. 5 in Washington.",
        '"We will not send troops," he said.',
        "“Never,” she added.",
        "The E.U. agreed.",
    ]


def test_sentences_never_cross_paragraphs_and_offsets_round_trip():
    text = "First paragraph without stop\nSecond one. Two sentences."
    sentences = split_sentences(documents(text))
    assert list(sentences.columns) == SENTENCE_COLUMNS
    assert list(sentences["paragraph_id"]) == [0, 1, 1]
    for start, end, sentence in zip(
        sentences["start"], sentences["end"], sentences["text"], strict=True
    ):
        assert text[start:end] == sentence


def test_seed_sentences():
    docs = load_documents([SEEDS_DIR])
    sentences = split_sentences(docs)
    assert len(sentences) == 17
    assert sentences["text"].iloc[-5] == (
        "Those include Australia, Belgium, Canada, Estonia, France, Lithuania and the "
        "United Kingdom."
    )


def test_word_tokens_keep_offsets_and_split_curly_possessives():
    text = "Poland’s offer – “cannot spare” troops, Zalewski's view."
    sentences = split_sentences(documents(text))
    tokens = word_tokens(sentences)
    assert list(tokens.columns) == TOKEN_COLUMNS
    assert all(
        text[a:b] == t
        for a, b, t in zip(tokens["start"], tokens["end"], tokens["token"], strict=True)
    )
    assert list(tokens["token"][:3]) == ["Poland", "’s", "offer"]
    assert "Zalewski" in set(tokens["token"])


def test_content_word_counts_drop_stopwords_and_punctuation():
    sentences = split_sentences(documents("The troops and the troops, and Poland's troops."))
    counts = content_word_counts(word_tokens(sentences))
    assert counts.to_dict("records") == [
        {"word": "troops", "count": 3},
        {"word": "poland", "count": 1},
    ]


def test_empty_documents_give_typed_empty_tables():
    sentences = split_sentences(documents())
    assert list(sentences.columns) == SENTENCE_COLUMNS and sentences.empty
    assert word_tokens(sentences).empty
