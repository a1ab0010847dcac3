"""The commitments stage's speed-ups change nothing: the per-sentence cache (cold, warm,
disabled) and the prefix filter of the cue/term matcher give the same output as the plain
code paths.

The annotation texts (dev and held-out) are only run through the extractor here and the
outputs compared with each other; no text, gold or error of the held-out set is read or
shown.
"""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from analysis import commitments as cm
from analysis.actors import find_mentions
from analysis.corpus import load_documents
from analysis.evaluate import SEED_TEXT, annotation_texts
from analysis.tokens import split_sentences

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_corpus  # noqa: E402


def _inputs(documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    sentences = split_sentences(documents)
    return sentences, find_mentions(sentences)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    folder = tmp_path_factory.mktemp("synthetic")
    write_corpus(folder, 150)
    seed = load_documents([SEED_TEXT])
    copies = pd.concat(
        [seed.assign(doc_id=f"copy-{i}") for i in range(3)], ignore_index=True
    )  # the same article three times: cache hits with other doc_ids
    return {
        "annotations": _inputs(load_documents(annotation_texts("all"))),
        "seed": _inputs(seed),
        "seed copies": _inputs(copies),
        "synthetic": _inputs(load_documents([folder])),
    }


@pytest.mark.parametrize("name", ["annotations", "seed", "seed copies", "synthetic"])
def test_cache_cold_warm_and_disabled_agree(corpora, name):
    sentences, mentions = corpora[name]
    reference = cm.extract_commitments(sentences, mentions, cache=False)
    cm.clear_prepare_cache()
    cold = cm.extract_commitments(sentences, mentions)
    warm = cm.extract_commitments(sentences, mentions)
    pd.testing.assert_frame_equal(cold, reference)
    pd.testing.assert_frame_equal(warm, reference)
    assert len(reference) > 0


def test_cache_with_a_tiny_bound_agrees(corpora, monkeypatch):
    """Evictions in the middle of a document change nothing either."""
    sentences, mentions = corpora["synthetic"]
    reference = cm.extract_commitments(sentences, mentions, cache=False)
    monkeypatch.setattr(cm, "PREPARE_CACHE_SIZE", 7)
    cm.clear_prepare_cache()
    pd.testing.assert_frame_equal(cm.extract_commitments(sentences, mentions), reference)
    assert len(cm._prepare_cache) <= 7
    cm.clear_prepare_cache()


def test_cached_sentence_takes_its_own_paragraph():
    lex = cm.load_cues()
    cm.clear_prepare_cache()
    text = "Poland will send troops to Ukraine."
    raw = [(0, 6, "Poland", "POL", "state", "name", "")]
    first = cm._prepare_cached(text, 1, raw, lex)
    second = cm._prepare_cached(text, 5, raw, lex)
    assert (first.paragraph, second.paragraph) == (1, 5)
    assert second.terms is first.terms  # shared, read-only
    assert cm._prepare(text, 5, raw, lex) == second


def _loop(index: cm.FirstCharIndex) -> cm.FirstCharIndex:
    """The same index without the prefix filter (the plain word-start loop)."""
    return replace(index, prefixes=None, memo={})


def _matches(text: str, index: cm.FirstCharIndex) -> list:
    return cm._leftmost_longest(text, index, lambda m, r: (m.span(), id(r)))


def test_every_rule_is_analysed():
    lex = cm.load_cues()
    for index, rules in ((lex.term_index, lex.terms), (lex.cue_index, lex.cues)):
        assert all(index.prefixes[id(rule)] is not None for rule in rules)


def test_prefix_filter_agrees_on_corpora(corpora):
    lex = cm.load_cues()
    texts = [t for s, _ in corpora.values() for t in s["text"].tolist()]
    for index in (lex.term_index, lex.cue_index):
        plain = _loop(index)
        for text in texts:
            assert _matches(text, index) == _matches(text, plain), text


def test_prefix_filter_agrees_on_random_text():
    """Words of the lexicon in random case, glued with punctuation, digits and non-ASCII
    characters that fold to ASCII letters under re.IGNORECASE (Kelvin sign, long s)."""
    lex = cm.load_cues()
    rng = random.Random(5)
    words = (
        "offer offered troops boots on the ground peacekeepers air defence will could "
        "not rule out ruled send sending sanctions package logistics hubs funding fund "
        "train training pilots share intelligence ready to set up be part of a force "
        "deploy to Ukraine help with EU NATO $ 1.9 billion euros worth F-16s the and"
    ).split()
    glue = [" ", " ", " ", ", ", "-", "'", "’", "(", ") ", " — ", ".", "\u212a", "\u017f", "é", "İ"]
    plain = {id(i): _loop(i) for i in (lex.term_index, lex.cue_index)}
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 12)):
            word = rng.choice(words)
            word = "".join(c.upper() if rng.random() < 0.3 else c for c in word)
            if rng.random() < 0.1:
                cut = rng.randrange(len(word) + 1)
                word = word[:cut] + rng.choice(glue) + word[cut:]
            parts.append(word)
            parts.append(rng.choice(glue))
        text = "".join(parts)
        for index in (lex.term_index, lex.cue_index):
            assert _matches(text, index) == _matches(text, plain[id(index)]), text
