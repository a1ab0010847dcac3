"""Hostile input: every loader and stage either works or raises one CorpusError naming the
file; raw files are never modified and no partial output is ever left behind."""

from __future__ import annotations

import codecs
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus import CorpusError, load_documents
from analysis.pipeline import TABLES, analyse, run_pipeline
from analysis.sentiment import actor_sentiment, sentence_sentiment
from analysis.tokens import split_sentences, word_tokens

pytest.importorskip("analysis.commitments")

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

WORDS = [
    "Poland", "ruled", "out", "sending", "troops", "to", "Ukraine", "Mr.", "U.S.", "Macron",
    "will", "not", "could", "“", "”", "’s", '"', "'", "--", "...", "(", ")", "Kyiv", "NATO",
    "the", "Kremlin", "said", ".", ",", "!", "?", "@Kyivpost", "Read also:", "Advertisement",
    "\t", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\u200b", "\ufeff", "é", "Ω",
    "🇺🇦", "\x7f", "\x01",
]  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=60).map(
    lambda parts: " ".join(parts)
)
lines = st.lists(texts, max_size=8)


@st.composite
def raw_bytes(draw) -> bytes:
    """Article bytes: text with CRLF/CR/LF, a BOM, a huge line, truncated or mis-encoded
    parts, or plain random bytes."""
    kind = draw(st.sampled_from(["text", "text", "random", "empty"]))
    if kind == "random":
        return draw(st.binary(max_size=300))
    if kind == "empty":
        return draw(st.sampled_from([b"", b"   ", b"\n\r\n", codecs.BOM_UTF8]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    body = newline.join(draw(lines))
    if draw(st.booleans()):
        body += newline + "Poland will send troops. " * draw(st.integers(200, 2000))  # huge line
    data = body.encode("utf-8")
    if draw(st.booleans()):
        data = codecs.BOM_UTF8 + data
    mangle = draw(st.sampled_from(["none", "truncate", "latin1", "utf16"]))
    if mangle == "truncate" and data:
        data = data[: draw(st.integers(0, len(data)))]
    elif mangle == "latin1":
        data += "Zalewski: “Poland’s” café".encode("latin-1", errors="replace")
    elif mangle == "utf16":
        data = body.encode("utf-16")
    return data


@st.composite
def jsonl_bytes(draw) -> bytes:
    """JSONL with good records, duplicates, non-objects, missing fields, truncation."""
    records = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["good", "good", "dup", "noid", "notext", "array", "junk"]))
        if kind == "good":
            doc_id = draw(st.text(min_size=1, max_size=6))
            records.append(json.dumps({"id": doc_id, "text": draw(texts) or "x", "title": None}))
        elif kind == "dup":
            records.append(json.dumps({"id": "same", "text": "Poland will send troops."}))
        elif kind == "noid":
            records.append(json.dumps({"text": "No id here."}))
        elif kind == "notext":
            records.append(json.dumps({"id": "t", "text": draw(st.sampled_from([None, 5, ""]))}))
        elif kind == "array":
            records.append("[1, 2, 3]")
        else:
            records.append(draw(st.text(max_size=20)))
    data = "\n".join(records).encode("utf-8")
    if draw(st.booleans()) and data:
        data = data[: draw(st.integers(0, len(data)))]
    return data


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write_corpus(folder: Path, files: list[tuple[str, bytes]]) -> Path:
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    for name, data in files:
        (corpus / name).write_bytes(data)
    return corpus


def run_every_stage(documents) -> None:
    from analysis.actors import find_mentions
    from analysis.commitments import extract_commitments

    sentences = split_sentences(documents)
    word_tokens(sentences)
    mentions = find_mentions(sentences)
    extract_commitments(sentences, mentions)
    actor_sentiment(sentence_sentiment(sentences), mentions)
    analyse(documents)


corpus_files = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["a.txt", "b.txt", "c.TXT"]), raw_bytes()),
        st.tuples(st.sampled_from(["d.jsonl", "e.jsonl"]), jsonl_bytes()),
    ),
    min_size=1,
    max_size=4,
    unique_by=lambda item: item[0].lower(),
)


@SETTINGS
@given(files=corpus_files)
def test_loader_and_stages_work_or_name_the_file(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("hostile")
    corpus = write_corpus(folder, files)
    before = snapshot(corpus)
    try:
        documents = load_documents([corpus])
    except CorpusError as error:
        assert any(name in str(error) for name, _ in files), error
    else:
        run_every_stage(documents)
    assert snapshot(corpus) == before


@SETTINGS
@given(files=corpus_files, jobs=st.sampled_from([1, 2]), old_output=st.booleans())
def test_pipeline_is_complete_or_leaves_nothing(tmp_path_factory, files, jobs, old_output):
    folder = tmp_path_factory.mktemp("hostile")
    corpus = write_corpus(folder, files)
    out = folder / "out"
    if old_output:
        out.mkdir()
        (out / "documents.parquet").write_bytes(b"old")
    before, old = snapshot(corpus), snapshot(out) if old_output else None
    try:
        run_pipeline([corpus], out, jobs=jobs, chunk_size=2, progress=False)
    except CorpusError as error:
        assert any(name in str(error) for name, _ in files), error
        assert (snapshot(out) if old_output else None) == old
        assert not out.exists() or old_output
    else:
        assert {f"{name}.parquet" for name in TABLES} <= {p.name for p in out.iterdir()}
    assert sorted(p.name for p in folder.iterdir()) in (["corpus"], ["corpus", "out"])
    assert snapshot(corpus) == before


def test_duplicate_ids_across_files_name_both(tmp_path):
    corpus = write_corpus(
        tmp_path,
        [
            ("a.jsonl", b'{"id": "x", "text": "Poland will send troops."}\n'),
            ("b.jsonl", b'{"id": "x", "text": "France will not."}\n'),
        ],
    )
    with pytest.raises(CorpusError, match=r"b\.jsonl:1.*a\.jsonl:1"):
        run_pipeline([corpus], tmp_path / "out", jobs=2, progress=False)
    assert not (tmp_path / "out").exists()
