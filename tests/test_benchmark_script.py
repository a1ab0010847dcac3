"""The benchmark script runs on a tiny corpus and prints its table (not a timed test)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis.paths import ROOT

pytest.importorskip("analysis.commitments")


def test_benchmark_runs_on_a_tiny_corpus(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "pipeline.py"), "--articles", "20",
         "--articles", "30", "--baseline-max", "20", "--jobs", "2", "--workdir", str(tmp_path)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("machine:")
    assert any("art/s" in line and "speed-up" in line for line in lines)
    row20 = next(line for line in lines if line.split()[:1] == ["20"])
    assert row20.rstrip().endswith("yes")  # identical tables
    row30 = next(line for line in lines if line.split()[:1] == ["30"])
    assert "extrapolated" in row30
    assert list(tmp_path.iterdir()) == []
