"""The Dask engine runs the same per-document functions and writes the same tables."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from analysis.paths import ROOT
from analysis.pipeline import TABLES, read_table, run_pipeline

sys.path.insert(0, str(ROOT))
from benchmarks.synthetic import write_corpus  # noqa: E402

pytest.importorskip("dask.bag")
pytest.importorskip("analysis.commitments")


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def local(tmp_path_factory) -> tuple[Path, Path]:
    corpus = tmp_path_factory.mktemp("corpus")
    write_corpus(corpus, 40, seed=11, per_file=15)
    out = tmp_path_factory.mktemp("local") / "out"
    run_pipeline([corpus], out, progress=False)
    return corpus, out


@pytest.mark.parametrize("jobs", [1, 2], ids=["synchronous", "processes"])
def test_dask_and_local_give_identical_tables(local, tmp_path, jobs):
    corpus, expected = local
    run_pipeline(
        [corpus], tmp_path / "dask", engine="dask", jobs=jobs, chunk_size=6, progress=False
    )
    for name in TABLES:
        assert read_table(tmp_path / "dask", name).equals(read_table(expected, name)), name
    assert digest(tmp_path / "dask") == digest(expected)


def test_distributed_scheduler_address(local, tmp_path):
    distributed = pytest.importorskip("distributed")
    corpus, expected = local
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        run_pipeline(
            [corpus], tmp_path / "dist", engine="dask", scheduler=cluster.scheduler_address,
            chunk_size=10, progress=False,
        )  # fmt: skip
    assert digest(tmp_path / "dist") == digest(expected)


def test_scheduler_needs_the_dask_engine(local, tmp_path):
    with pytest.raises(ValueError, match="dask"):
        run_pipeline([local[0]], tmp_path / "x", scheduler="tcp://127.0.0.1:1", progress=False)
    assert not (tmp_path / "x").exists()
