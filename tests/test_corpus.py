"""Corpus loading: formats, metadata, boilerplate, and one clear error per bad file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from analysis.corpus import DOCUMENT_COLUMNS, CorpusError, load_documents, split_boilerplate
from analysis.paths import CORPUS_DIR, SEEDS_DIR

SEED = SEEDS_DIR / "000_c415b0ac414dcec2.txt"
SHARED_SEED = SEEDS_DIR.parent.parent / "shared" / "seeds" / SEED.name


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_seed_is_the_provided_article_byte_for_byte():
    if not SHARED_SEED.exists():
        pytest.skip(f"{SHARED_SEED} not present beside this clone")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_loads_with_sidecar_metadata_and_boilerplate_split():
    documents = load_documents([SEEDS_DIR])
    assert list(documents.columns) == DOCUMENT_COLUMNS
    seed = documents.set_index("doc_id").loc["000_c415b0ac414dcec2"]
    assert seed["source"] == "Kyiv Post"
    assert seed["language"] == "en"
    assert seed["path"] == "seeds/000_c415b0ac414dcec2.txt"
    # promotion and the whole teaser block (header, headline, summary) are boilerplate
    assert "Follow our coverage" in seed["boilerplate"]
    assert "Other Topics of Interest" in seed["boilerplate"]
    assert "Patriots to Starlink" in seed["boilerplate"]
    assert "welcome sign from Washington" in seed["boilerplate"]
    for marker in ("Follow our", "Other Topics", "Patriots to Starlink", "welcome sign"):
        assert marker not in seed["text"]
    # the article resumes right after the teaser
    assert "Zalewski added that participants" in seed["text"]
    # nothing is lost: every raw line is in text or boilerplate
    raw_lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    kept = seed["text"].split("\n") + seed["boilerplate"].split("\n")
    assert sorted(raw_lines) == sorted(kept)


def test_default_corpus_reads_seeds_and_user_corpus():
    assert CORPUS_DIR.is_dir()
    documents = load_documents()
    assert "000_c415b0ac414dcec2" in set(documents["doc_id"])


def test_front_matter_jsonl_and_crlf(tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(
        b"\xef\xbb\xbf---\r\ntitle: Paris weighs troops\r\nsource: Test Wire\r\n"
        b"published: 2025-09-04\r\n---\r\nFrance is weighing troops.\r\nREAD MORE\r\n"
        b"Teaser headline\r\nTeaser summary.\r\nBerlin said no.\r\n"
    )
    records = [
        {"id": "j1", "title": "T1", "source": "S", "date": "2025-01-01", "text": "Rome waits."},
        {"id": "j2", "text": "Madrid\r\nis silent."},
    ]
    (tmp_path / "b.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8"
    )
    documents = load_documents([tmp_path]).set_index("doc_id")
    assert list(documents.index) == ["a", "j1", "j2"]
    assert documents.loc["a", "title"] == "Paris weighs troops"
    assert documents.loc["a", "published"] == "2025-09-04"
    assert documents.loc["a", "text"] == "France is weighing troops.\nBerlin said no."
    assert documents.loc["a", "boilerplate"] == "READ MORE\nTeaser headline\nTeaser summary."
    assert documents.loc["j1", "published"] == "2025-01-01"
    assert documents.loc["j2", "text"] == "Madrid\nis silent."
    assert documents.loc["j2", "title"] == "Madrid"


def test_split_boilerplate_keeps_order():
    article, boilerplate = split_boilerplate(
        "One.\nFollow our coverage on X.\nTwo.\nOther Topics of Interest\nH\nS\nThree."
    )
    assert article == "One.\nTwo.\nThree."
    assert boilerplate == "Follow our coverage on X.\nOther Topics of Interest\nH\nS"


BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\n", "empty"),
    "latin1.txt": ("Poland’s offer, café".encode("cp1252"), "not valid UTF-8"),
    "binary.txt": (bytes(range(256)) * 4, "binary"),
    "bad.jsonl": (b'{"id": "x", "text": "ok"}\n{not json\n', "bad.jsonl:2"),
    "noid.jsonl": (b'{"text": "ok"}\n', "no 'id'"),
    "onlypromo.txt": (b"Follow our coverage of the war on X.\n", "no article text"),
    "open.txt": (b"---\ntitle: x\nNo closing line.\n", "never closed"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_one_clear_error_naming_it(tmp_path: Path, name: str):
    content, expected = BAD_FILES[name]
    good = tmp_path / "good.txt"
    good.write_text("Poland offers logistics.\n", encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(content)
    before = {p.name: digest(p) for p in tmp_path.iterdir()}
    with pytest.raises(CorpusError) as caught:
        load_documents([tmp_path])
    message = str(caught.value)
    assert name in message and expected in message
    assert "\n" not in message
    assert {p.name: digest(p) for p in tmp_path.iterdir()} == before


def test_duplicate_ids_name_both_files(tmp_path: Path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "same.txt").write_text("First.\n", encoding="utf-8")
    (tmp_path / "two" / "same.txt").write_text("Second.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"two/same\.txt: duplicate doc_id 'same'.*one/same"):
        load_documents([tmp_path])


def test_missing_path_is_an_error(tmp_path: Path):
    with pytest.raises(CorpusError, match="no such file"):
        load_documents([tmp_path / "nowhere"])


def test_corpus_error_survives_pickling():
    import pickle

    error = pickle.loads(pickle.dumps(CorpusError("f.txt", "is empty")))
    assert isinstance(error, CorpusError) and str(error) == "f.txt: is empty"
    assert error.path == "f.txt" and error.problem == "is empty"
