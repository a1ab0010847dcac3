"""The ``python -m analysis commitments`` command, run as a subprocess."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from analysis.evaluate import SEED_TEXT

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = "doc_id,sentence_id,actor,actor_code,commitment,stance,cameo,hedged,sentence"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", "commitments", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_seed_csv():
    done = _run(str(SEED_TEXT), "--format", "csv")
    assert done.returncode == 0, done.stderr
    header = done.stdout.split("\n", 1)[0].split(",")
    assert set(REQUIRED.split(",")) <= set(header) and header[0] == "doc_id"
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {r["doc_id"] for r in rows} == {SEED_TEXT.stem}
    triples = {(r["actor_code"], r["commitment"], r["stance"]) for r in rows}
    assert ("POL", "troops", "rules_out") in triples
    assert ("USA", "intelligence", "offers") in triples
    assert all(r["cameo"] for r in rows)


def test_folder_with_two_texts(tmp_path: Path):
    (tmp_path / "alpha.txt").write_text("Britain has refused to send troops to Ukraine.\n")
    (tmp_path / "beta.txt").write_text(
        "Hungary vetoed new EU sanctions. Denmark pledged more air defence systems.\n"
    )
    done = _run(str(tmp_path), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    got = {(r["doc_id"], r["actor_code"], r["commitment"], r["stance"]) for r in rows}
    assert got == {
        ("alpha", "GBR", "troops", "rules_out"),
        ("beta", "HUN", "sanctions", "rules_out"),
        ("beta", "DNK", "arms", "offers"),
    }


def test_empty_file_is_an_error(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    done = _run(str(empty), "--format", "csv")
    assert done.returncode == 2
    message = done.stderr.strip()
    assert "empty.txt" in message and len(message.splitlines()) == 1
