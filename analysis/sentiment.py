"""Sentiment stage: VADER tone of every sentence, and of every actor over its sentences.

NLTK's ``SentimentIntensityAnalyzer`` is used with the lexicon shipped by the
``vaderSentiment`` package on PyPI: its folder is registered in ``nltk.data.path`` (current
NLTK only loads resources from there), so nothing is downloaded. Identical sentences
(wire copies repeat whole paragraphs) are scored once.

Columns of ``sentence_sentiment``
---------------------------------
doc_id : str
sentence_id : int
neg, neu, pos : float
    VADER's proportions of negative, neutral and positive text.
compound : float
    VADER's normalised score in [-1, 1]; by VADER's convention >= 0.05 reads as positive,
    <= -0.05 as negative, anything between as neutral.

Columns of ``actor_sentiment``
------------------------------
actor, actor_code, actor_type : str
    As in ``mentions``.
n : int
    Number of distinct sentences that mention the actor.
mean : float
    Mean compound score of those sentences.
spread : float
    Sample standard deviation of those scores (0.0 when n == 1).
min, max : float
    Lowest and highest compound score.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import nltk
import pandas as pd
import vaderSentiment
from nltk.sentiment.vader import SentimentIntensityAnalyzer

SENTENCE_SENTIMENT_COLUMNS: list[str] = ["doc_id", "sentence_id", "neg", "neu", "pos", "compound"]
ACTOR_SENTIMENT_COLUMNS: list[str] = [
    "actor",
    "actor_code",
    "actor_type",
    "n",
    "mean",
    "spread",
    "min",
    "max",
]
SCORE_COLUMNS: list[str] = ["neg", "neu", "pos", "compound"]
LEXICON_DIR = Path(vaderSentiment.__file__).resolve().parent
LEXICON_FILE = "vader_lexicon.txt"


def register_lexicon() -> str:
    """Put the ``vaderSentiment`` folder on ``nltk.data.path`` (once); returns the name
    under which NLTK then finds the lexicon."""
    if str(LEXICON_DIR) not in nltk.data.path:
        nltk.data.path.append(str(LEXICON_DIR))
    return LEXICON_FILE


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    """NLTK's VADER analyser on the lexicon shipped by ``vaderSentiment`` (built once)."""
    return SentimentIntensityAnalyzer(lexicon_file=register_lexicon())


def polarity(texts: pd.Series) -> pd.DataFrame:
    """VADER scores for each text, computing each distinct text once."""
    scorer = analyzer()
    unique = pd.unique(texts)
    scores = {text: scorer.polarity_scores(text) for text in unique}
    return pd.DataFrame([scores[text] for text in texts], columns=SCORE_COLUMNS)


def sentence_sentiment(sentences: pd.DataFrame) -> pd.DataFrame:
    """Score every sentence (see ``sentence_sentiment`` above)."""
    scores = (
        polarity(sentences["text"])
        if len(sentences)
        else pd.DataFrame(columns=SCORE_COLUMNS, dtype="float64")
    )
    frame = pd.concat([sentences[["doc_id", "sentence_id"]].reset_index(drop=True), scores], axis=1)
    return frame.astype({c: "float64" for c in SCORE_COLUMNS})


def actor_sentiment(sentence_sentiment: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Aggregate sentence tone per actor over the distinct sentences that mention it.

    Sorted by ``n`` (descending), then ``actor``.
    """
    keys = ["doc_id", "sentence_id"]
    actors = ["actor", "actor_code", "actor_type"]
    pairs = mentions[keys + actors].drop_duplicates()
    scored = pairs.merge(sentence_sentiment[keys + ["compound"]], on=keys, how="inner")
    grouped = scored.groupby(actors, sort=True)["compound"]
    table = grouped.agg(n="count", mean="mean", spread="std", min="min", max="max")
    table = table.reset_index()
    table["spread"] = table["spread"].fillna(0.0)
    table = table.sort_values(["n", "actor"], ascending=[False, True], ignore_index=True)
    return table.astype({"n": "int64"})[ACTOR_SENTIMENT_COLUMNS]
