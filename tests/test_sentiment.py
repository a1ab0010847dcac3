"""VADER tone from the offline lexicon, per sentence and per actor."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.sentiment import (
    ACTOR_SENTIMENT_COLUMNS,
    SENTENCE_SENTIMENT_COLUMNS,
    actor_sentiment,
    analyzer,
    sentence_sentiment,
)


def sentences(*texts: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"doc_id": "d", "sentence_id": range(len(texts)), "start": 0, "end": 0, "text": texts}
    )


def test_lexicon_is_loaded_offline_and_scores_polarity():
    scores = analyzer().polarity_scores("a great and welcome sign")
    assert scores["compound"] > 0.5
    assert analyzer().polarity_scores("a terrible, deadly threat")["compound"] < -0.5


def test_sentence_sentiment_columns_and_repeated_sentences():
    table = sentence_sentiment(sentences("Good news.", "Bad news.", "Good news."))
    assert list(table.columns) == SENTENCE_SENTIMENT_COLUMNS
    assert table["compound"][0] == table["compound"][2] > 0 > table["compound"][1]


def test_actor_sentiment_counts_each_sentence_once():
    scored = pd.DataFrame(
        {
            "doc_id": "d",
            "sentence_id": [0, 1, 2],
            "neg": 0.0,
            "neu": 0.0,
            "pos": 0.0,
            "compound": [0.5, -0.5, 0.1],
        }
    )
    mentions = pd.DataFrame(
        {
            "doc_id": "d",
            "sentence_id": [0, 0, 1, 2],
            "actor": ["Poland", "Poland", "Poland", "Russia"],
            "actor_code": ["POL", "POL", "POL", "RUS"],
            "actor_type": "state",
        }
    )
    table = actor_sentiment(scored, mentions)
    assert list(table.columns) == ACTOR_SENTIMENT_COLUMNS
    poland, russia = table.to_dict("records")
    assert poland["actor"] == "Poland" and poland["n"] == 2 and poland["mean"] == 0.0
    assert poland["spread"] == pytest.approx(0.7071, abs=1e-4)
    assert russia["n"] == 1 and russia["spread"] == 0.0


def test_empty_input():
    assert sentence_sentiment(sentences()).empty
