"""The streaming pipeline: same tables as the plain NLTK way, deterministic, atomic."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.corpus import CorpusError, load_documents
from analysis.paths import ROOT, SEEDS_DIR
from analysis.pipeline import (
    TABLES,
    analyse,
    count_tokens,
    fast_vader,
    plain_count_tokens,
    plain_tables,
    read_table,
    run_pipeline,
)
from analysis.sentiment import analyzer
from analysis.tokens import split_sentences

sys.path.insert(0, str(ROOT))
from benchmarks.synthetic import write_corpus  # noqa: E402

pytest.importorskip("analysis.commitments")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 60, seed=3, per_file=25)
    return folder


@pytest.fixture(scope="module")
def plain(corpus) -> dict[str, pd.DataFrame]:
    return plain_tables([corpus])


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_fast_path_gives_the_plain_tables(corpus, plain, tmp_path):
    written = run_pipeline([corpus], tmp_path / "out", chunk_size=7, progress=False)
    assert set(written) == set(TABLES)
    for name in TABLES:
        table = read_table(tmp_path / "out", name)
        pd.testing.assert_frame_equal(table, plain[name].reset_index(drop=True), check_exact=True)
    manifest = json.loads((tmp_path / "out" / "pipeline.json").read_text())
    assert manifest["rows"]["documents"] == 60


def test_same_bytes_whatever_the_jobs_and_chunks(corpus, tmp_path):
    run_pipeline([corpus], tmp_path / "a", jobs=1, chunk_size=500, progress=False)
    run_pipeline([corpus], tmp_path / "b", jobs=2, chunk_size=9, progress=False)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_analyse_matches_the_stage_functions():
    documents = load_documents([SEEDS_DIR])
    tables = analyse(documents)
    sentences = split_sentences(documents)
    pd.testing.assert_frame_equal(tables["sentences"], sentences)
    assert tables["documents"]["sentences"].tolist() == [len(sentences)]
    assert list(tables["token_counts"].columns) == ["doc_id", "sentence_id", "tokens"]
    assert (tables["token_counts"]["tokens"] > 0).all()


def test_fast_vader_and_tokenizer_agree_with_nltk_on_the_corpus(plain):
    texts = plain["sentences"]["text"].tolist()
    nltk_vader, vader = analyzer(), fast_vader()
    assert all(nltk_vader.polarity_scores(t) == vader.polarity_scores(t) for t in texts)
    assert all(count_tokens(t) == plain_count_tokens(t) for t in texts)


TRICKY = st.lists(
    st.sampled_from(
        list("ab Zé.,;:!?'\"`-—()[]{}<>«»“”‘’*@#$%&_ 1\t")
        + ["n't", "'s", "GOOD", "²", "\x1c", "ſ", "K", "İ", "١", "\u2028", "🇺🇦"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(TRICKY, st.text(max_size=40)))
def test_fast_vader_and_tokenizer_agree_with_nltk_on_any_text(text):
    assert fast_vader().polarity_scores(text) == analyzer().polarity_scores(text)
    assert count_tokens(text) == plain_count_tokens(text)


VADER_WORDS = st.sampled_from(
    ["good", "GOOD", "Good", "bad", "BAD", "hate", "love", "kind", "Kind", "of", "OF", "sort"]
    + ["very", "VERY", "extremely", "barely", "not", "isn't", "never", "NEVER", "so", "this"]
    + ["least", "at", "but", "BUT", "the", "bomb", "kiss", "death", "yeah", "right", "cut"]
    + ["mustard", "hand", "to", "mouth", "troops", "peace", "war", "no", "without", ":)", ":("]
    + list(".,!?;:'\"-")
    + ["!!", "?!?", "good!", "(bad)", "'good'", "good,", ",bad", "a"]
)


@settings(max_examples=1_000, deadline=None)
@given(st.lists(VADER_WORDS, max_size=25).map(" ".join))
def test_fast_vader_agrees_with_nltk_on_sentiment_laden_text(text):
    assert fast_vader().polarity_scores(text) == analyzer().polarity_scores(text)


def test_punctuation_deletion_is_vaders_regex():
    from analysis.pipeline import _DELETE_PUNCTUATION

    regex = analyzer().constants.REGEX_REMOVE_PUNCTUATION
    text = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert regex.sub("", text) == text.translate(_DELETE_PUNCTUATION)


def test_error_leaves_no_output_and_keeps_an_old_one(corpus, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.txt").write_text("Poland will send troops.", encoding="utf-8")
    (bad / "b.txt").write_bytes(b"\xff\xfe broken")
    out = tmp_path / "out"
    with pytest.raises(CorpusError, match="b.txt"):
        run_pipeline([bad], out, progress=False)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "out"][:1]

    run_pipeline([corpus], out, progress=False)
    before = digest(out)
    with pytest.raises(CorpusError):
        run_pipeline([bad], out, jobs=2, chunk_size=1, progress=False)
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "out"]


def test_interrupt_cleans_up(corpus, tmp_path, monkeypatch):
    import analysis.pipeline as pipeline

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "_publish", boom)
    with pytest.raises(KeyboardInterrupt):
        run_pipeline([corpus], tmp_path / "out", progress=False)
    assert list(tmp_path.iterdir()) == []


def test_existing_out_keeps_other_files(corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    run_pipeline([corpus], out, progress=False)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert {f"{name}.parquet" for name in TABLES} <= {p.name for p in out.iterdir()}


def test_progress_bar_shows_documents_per_second(corpus, tmp_path, capsys):
    run_pipeline([corpus], tmp_path / "out", progress=True)
    assert "doc/s" in capsys.readouterr().err
    run_pipeline([corpus], tmp_path / "out2", progress=False)
    assert capsys.readouterr().err == ""


def test_cli_pipeline(corpus, tmp_path, capsys):
    from analysis.cli import main

    assert main(["pipeline", str(corpus), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "sentences\t" in printed and "actor_sentiment\t" in printed
    assert main(["pipeline", str(tmp_path / "missing"), "--out", str(tmp_path / "x")]) == 2
    # with workers (started from the warm server before pandas is imported): same bytes
    out = tmp_path / "jobs2"
    assert main(["pipeline", str(corpus), "--out", str(out), "--jobs", "2", "--quiet"]) == 0
    assert digest(out) == digest(tmp_path / "out")


def test_cli_imports_stay_light():
    """`python -m analysis` parses its arguments (and starts the pipeline's worker server)
    before pandas, and loads nbformat only for `reproduce`."""
    import subprocess

    probe = "import sys, analysis.cli; print(sorted({'pandas', 'nbformat'} & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"


def test_read_table_rejects_unknown_names(tmp_path):
    with pytest.raises(ValueError, match="unknown table"):
        read_table(tmp_path, "nope")


def test_stage_failure_names_the_document_but_environment_errors_stay(tmp_path, monkeypatch):
    import analysis.commitments as commitments

    original = commitments.extract_commitments

    def fails_on_boom(sentences, mentions):
        if sentences["text"].str.contains("BOOM").any():
            raise RuntimeError("stage bug")
        return original(sentences, mentions)

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Poland will send troops.", encoding="utf-8")
    (corpus / "b.txt").write_text("France will not. BOOM.", encoding="utf-8")
    monkeypatch.setattr(commitments, "extract_commitments", fails_on_boom)
    with pytest.raises(CorpusError, match=r"b\.txt.*RuntimeError: stage bug"):
        run_pipeline([corpus], tmp_path / "out", progress=False)

    def always_fails(sentences, mentions):
        raise ValueError("broken cue file")

    monkeypatch.setattr(commitments, "extract_commitments", always_fails)
    with pytest.raises(ValueError, match="broken cue file") as raised:
        run_pipeline([corpus], tmp_path / "out", progress=False)
    assert not isinstance(raised.value, CorpusError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


def test_forkserver_warm_up_never_fails_the_import(monkeypatch):
    import importlib

    import analysis._pipeline_warm as warm
    import analysis.pipeline as pipeline

    def broken():
        raise ValueError("broken cue file")

    monkeypatch.setattr(pipeline, "warm_up", broken)
    importlib.reload(warm)  # the worker meets the error again and reports it


@pytest.mark.parametrize(
    ("n", "size", "workers"), [(0, 5, 2), (7, 500, 2), (1000, 500, 2), (2499, 500, 2), (53, 4, 3)]
)
def test_chunks_keep_order_and_cut_the_tail_small(n, size, workers):
    from analysis.pipeline import TAIL_CHUNKS_PER_WORKER, _chunks

    chunks = list(_chunks(iter(range(n)), size, workers))
    assert [x for chunk in chunks for x in chunk] == list(range(n))
    assert all(0 < len(chunk) <= size for chunk in chunks)
    tail = [len(c) for c in chunks if len(c) < size]
    assert len(tail) <= TAIL_CHUNKS_PER_WORKER * workers
    assert not tail or max(tail) - min(tail) <= 1
    assert [len(c) for c in _chunks(iter(range(n)), size)] == [size] * (n // size) + (
        [n % size] if n % size else []
    )


def test_collector_thresholds_in_workers_and_restored_in_the_caller(corpus, tmp_path):
    import gc

    from analysis.pipeline import GC_THRESHOLDS, _process_pool

    before = gc.get_threshold()
    run_pipeline([corpus], tmp_path / "out", jobs=1, progress=False)
    assert gc.get_threshold() == before
    with _process_pool(1) as pool:
        assert pool.submit(gc.get_threshold).result() == GC_THRESHOLDS
