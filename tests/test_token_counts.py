"""Token counts from per-chunk counts are NLTK's counts (``len(NLTKWordTokenizer().tokenize)``).

:func:`analysis.pipeline.count_tokens` adds up cached counts of the space-separated chunks
of a sentence instead of running the Treebank rules over the whole sentence. These tests
compare it with the reference (:func:`analysis.pipeline.plain_count_tokens`, NLTK's own
tokenizer on the whole sentence) on every sentence of the seed, the annotated texts and a
synthetic corpus, and on adversarial random text built from the characters and words the
rules react to.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import analysis.pipeline as pipeline
from analysis.corpus import iter_documents, to_frame
from analysis.paths import ANNOTATIONS_DIR, ROOT, SEEDS_DIR
from analysis.pipeline import count_tokens, full_count_tokens, plain_count_tokens
from analysis.tokens import split_sentences

sys.path.insert(0, str(ROOT))
from benchmarks.synthetic import write_corpus  # noqa: E402


def _fresh_caches(monkeypatch, size: int | None = None) -> None:
    """Empty chunk caches (optionally tiny), so that counts are worked out afresh."""
    for name in ("_ONLY", "_FIRST", "_MIDDLE", "_LAST"):
        old = getattr(pipeline, name)
        monkeypatch.setattr(pipeline, name, pipeline._ChunkCounts(old.before, old.after))
    if size is not None:
        monkeypatch.setattr(pipeline, "CHUNK_CACHE_SIZE", size)


def _uses_chunks(sentence: str) -> bool:
    """Whether :func:`count_tokens` adds up chunk counts for ``sentence`` (no fallback)."""
    plain = sentence.replace("’", "'")
    chunks = plain.split()
    return bool(
        chunks
        and not pipeline._engines_differ().search(plain)
        and plain == plain.strip(" ")
        and chunks[-1].strip(pipeline._CLOSERS)
        and not pipeline._OTHER_SPACE.search(plain)
    )


def test_split_and_the_rules_agree_on_what_is_whitespace():
    # str.split() cuts the chunks; the rules' \s, and _OTHER_SPACE, use re's \s.
    space = re.compile(r"\s")
    assert all(chr(c).isspace() == bool(space.match(chr(c))) for c in range(sys.maxunicode + 1))


@pytest.fixture(scope="module")
def corpus_sentences(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("synthetic")
    write_corpus(folder, 300, seed=11, per_file=100)
    paths = [SEEDS_DIR, ANNOTATIONS_DIR / "dev" / "texts", folder]
    documents = to_frame(iter_documents(paths))
    return list(dict.fromkeys(split_sentences(documents, cache=False)["text"]))


def test_counts_equal_nltk_on_every_corpus_sentence(corpus_sentences, monkeypatch):
    _fresh_caches(monkeypatch)
    assert len(corpus_sentences) > 5_000
    wrong = [s for s in corpus_sentences if count_tokens(s) != plain_count_tokens(s)]
    assert wrong == []
    # and the chunk path is what ran for (nearly) all of them
    assert sum(map(_uses_chunks, corpus_sentences)) / len(corpus_sentences) > 0.99


def test_counts_equal_nltk_with_a_tiny_cache(corpus_sentences, monkeypatch):
    _fresh_caches(monkeypatch, size=3)
    sample = corpus_sentences[:2_000]
    assert [count_tokens(s) for s in sample] == [plain_count_tokens(s) for s in sample]
    assert all(len(getattr(pipeline, n)) <= 3 for n in ("_ONLY", "_FIRST", "_MIDDLE", "_LAST"))


# What the Treebank rules react to: quotes of every kind, brackets, the final-period and
# comma/colon rules, clitics and the MacIntyre contractions, dashes, digits, non-ASCII
# letters; plus characters the regex engines disagree on (those sentences go through
# NLTK's tokenizer), and whitespace other than the space (whole-sentence fallback).
ATOMS = [
    *"abZé.,;:!?'\"`-—–‒―()[]{}<>«»“”‘’„*@#$%&_10/",
    *["n't", "N'T", "'s", "'S", "'m", "'d", "'ll", "'LL", "'re", "'ve", "'VE", "'", "''"],
    *["``", "...", "..", "--", "can", "not", "cannot", "CanNot", "gimme", "gonna", "gotta"],
    *["lemme", "wanna", "more'n", "d'ye", "'t", "'tis", "'twas", "is", "was", "'T", "IS"],
    *["U.S.", "Mr.", "x", "i", "t", "n", "3.88", "3,36", ":3", ",a"],
]
RARE = ["\t", "\n", "\r", "\x0b", "\x1c", "\xa0", "\u2028", "\u3000", "²", "İ", "K", "ſ", "🇺🇦"]
CHUNK = st.lists(st.sampled_from(ATOMS), min_size=1, max_size=5).map("".join)
CLOSING = st.lists(st.sampled_from([*"]})>\"'»”’", "''"]), min_size=1, max_size=3).map("".join)
# a chunk of closing brackets and quotes only: the final-period rule can reach over it
SPACES = st.sampled_from([" ", " ", " ", "  ", "   "])


@st.composite
def sentences(draw, rare: bool = False) -> str:
    """Chunks of atoms joined by spaces; sometimes leading/trailing or other whitespace."""
    chunks = draw(st.lists(st.one_of(CHUNK, CHUNK.map(lambda c: c + "."), CLOSING), max_size=8))
    text = ""
    for i, chunk in enumerate(chunks):
        text += (draw(SPACES) if i else "") + chunk
    if rare:
        for _ in range(draw(st.integers(0, 2))):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(RARE + [" "])) + text[at:]
    return text


@settings(max_examples=3_000, deadline=None)
@given(sentences())
@example("He left. )")  # the period rule's match runs over the space (fallback)
@example("Mr. Smith said. '")
@example("“We will go. ”")
@example('"Nobody will," he said. ""')
@example("a' 'b")
@example("x , ,y:")
@example("'tis 'Tis 'twas")
@example("I can't, won't and cannot go; gonna wanna.")
def test_counts_equal_nltk_on_adversarial_sentences(text):
    assert count_tokens(text) == plain_count_tokens(text) == full_count_tokens(text)


@settings(max_examples=1_500, deadline=None)
@given(st.one_of(sentences(rare=True), st.text(max_size=60)))
def test_counts_equal_nltk_on_any_text(text):
    assert count_tokens(text) == plain_count_tokens(text)


def test_the_closing_tail_needs_the_whole_sentence():
    """Why the fallback exists: summed chunk counts would be wrong on this sentence."""
    text = "He left. )"
    chunks = text.split()
    summed = pipeline._FIRST[chunks[0]] + pipeline._MIDDLE[chunks[1]] + pipeline._LAST[chunks[2]]
    assert summed == 3 != plain_count_tokens(text) == 4 == count_tokens(text)
    assert not _uses_chunks(text)


def test_engine_differences_are_found_char_by_char():
    """The set-based ``_engines_differ`` is the character-by-character definition."""
    import regex

    classes = [(re.compile(p), regex.compile(p)) for p in (r"\w", r"\s", r"\d")]
    differ = []
    for code in range(0x10000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or (
            not char.isascii()
            and any(c.isascii() for c in char.lower() + char.upper() + char.casefold())
        ):
            differ.append(char)
        elif any(bool(a.match(char)) != bool(b.match(char)) for a, b in classes):
            differ.append(char)
    expected = "[" + "".join(map(re.escape, differ)) + "\U00010000-\U0010ffff]"
    assert pipeline._engines_differ().pattern == expected
