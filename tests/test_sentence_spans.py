"""Punkt with remembered break decisions gives NLTK's Punkt spans.

The package splits paragraphs with :func:`analysis.tokens.fast_sentence_tokenizer`, which
answers ``text_contains_sentbreak`` for a candidate break's context ("said. The") once and
remembers it; the plain reference (``split_sentences(cache=False)``) uses NLTK's Punkt
tokenizer as it is. These tests compare the spans on every paragraph of the seed, the
annotated texts and a synthetic corpus, and on adversarial random paragraphs.
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import analysis.tokens as tokens
from analysis.corpus import iter_documents, to_frame
from analysis.paths import ANNOTATIONS_DIR, ROOT, SEEDS_DIR
from analysis.tokens import fast_sentence_tokenizer, sentence_tokenizer, split_sentences

sys.path.insert(0, str(ROOT))
from benchmarks.synthetic import write_corpus  # noqa: E402


def spans(tokenizer, paragraph: str) -> list[tuple[int, int]]:
    return list(tokenizer.span_tokenize(paragraph))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    write_corpus(folder, 300, seed=13, per_file=100)
    return to_frame(iter_documents([SEEDS_DIR, ANNOTATIONS_DIR / "dev" / "texts", folder]))


def test_same_spans_on_every_corpus_paragraph(corpus):
    paragraphs = list(dict.fromkeys(line for text in corpus["text"] for line in text.split("\n")))
    assert len(paragraphs) > 3_000
    fresh = tokens._RememberingPunkt(tokens._punkt_parameters())
    plain = sentence_tokenizer()
    assert [spans(fresh, p) for p in paragraphs] == [spans(plain, p) for p in paragraphs]
    assert len(fresh._decided) > 100  # the decisions were remembered and reused


def test_split_sentences_is_the_same_with_and_without_caches(corpus):
    assert split_sentences(corpus).equals(split_sentences(corpus, cache=False))


def test_same_spans_with_a_tiny_cache(corpus, monkeypatch):
    monkeypatch.setattr(tokens, "CONTEXT_CACHE_SIZE", 2)
    fresh = tokens._RememberingPunkt(tokens._punkt_parameters())
    paragraphs = [line for text in corpus["text"][:60] for line in text.split("\n")]
    assert [spans(fresh, p) for p in paragraphs] == [
        spans(sentence_tokenizer(), p) for p in paragraphs
    ]
    assert len(fresh._decided) <= 2


# What Punkt reacts to: sentence-final marks, abbreviations of the project's list (and
# words that are not), initials, numbers and ordinals, ellipses, capitalised and lower-case
# next words, quotes and brackets around the break, and odd whitespace.
WORDS = [
    *["Mr.", "mr.", "Dr.", "Gen.", "U.S.", "U.K.", "E.U.", "Dec.", "Jan.", "St.", "etc."],
    *["No.", "vs.", "Inc.", "Ltd.", "J.", "A.", "a.", "5.", "1945.", "3.5", "ii.", "iv."],
    *["He", "he", "The", "the", "Kyiv", "kyiv", "said.", "said", "troops.", "NATO.", "I"],
    *["...", "..", ".", "!", "?", "?!", ".)", '."', ".”", "”", "“", '"', "'", "’", "(", ")"],
    *["[", "]", "Yes!", "no?", "1.", "2)", "-", "—", ";", ":", ",", "e.g.", "i.e.", "p.m."],
]
JOINERS = st.sampled_from([" ", " ", " ", "  ", "", "\t", "\u00a0"])


@st.composite
def paragraphs(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), max_size=14))
    text = ""
    for word in words:
        text += draw(JOINERS) + word
    return text


@settings(max_examples=2_000, deadline=None)
@given(paragraphs())
@example("Mr. Smith met U.S. officials on Dec. 5 in Washington. He left.")
@example('"We will not send troops," he said. “Never,” she added. (The E.U. agreed.) Yes.')
@example("Very bad acting!!! I promise. No. 5 is next... and then? Nothing.")
def test_same_spans_on_adversarial_paragraphs(paragraph):
    assert spans(fast_sentence_tokenizer(), paragraph) == spans(sentence_tokenizer(), paragraph)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_same_spans_on_any_text(paragraph):
    assert spans(fast_sentence_tokenizer(), paragraph) == spans(sentence_tokenizer(), paragraph)
