"""Benchmark: the package pipeline against the plain NLTK way, on a synthetic corpus.

    python benchmarks/pipeline.py --articles 1000 --articles 10000 --articles 50000

For each N the script writes a seeded synthetic corpus of N articles (JSONL partitions of
1,000 articles, see ``benchmarks/synthetic.py``) into a temporary folder, then runs, each
in a fresh subprocess so that timings and memory are not shared:

* ``package``: the command ``python -m analysis pipeline CORPUS --out OUT --jobs N``
  (``analysis.cli.main``, which calls ``analysis.pipeline.run_pipeline``) end to end
  (load, sentences, token counts, actors, commitments, sentiment, Parquet tables);
* ``plain``: :func:`analysis.pipeline.plain_tables` (whole corpus in memory, one
  process, ``NLTKWordTokenizer().tokenize`` and ``SentimentIntensityAnalyzer
  .polarity_scores`` on every sentence, the same actor and commitment stages), writing
  the same tables as Parquet.

It prints one row per N: corpus size, wall and CPU seconds (user+system over the process
tree, from psutil), articles/s, MB/s (of raw JSONL), peak RSS of the process tree (sum over
the process and its workers, sampled every 50 ms with psutil; the largest single process
from ``getrusage`` when psutil is missing), the speed-up, and whether both runs wrote
identical tables. The plain run is skipped above ``--baseline-max`` articles; its time is
then extrapolated linearly from the largest measured size and the row says ``extrapolated``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _run_child(mode: str, corpus: Path, out: Path, jobs: int, engine: str, chunk: int) -> None:
    """Child process: run one side and print its timing as JSON."""
    started = time.perf_counter()
    if mode == "package":
        from analysis.cli import main  # what `python -m analysis pipeline ...` runs

        status = main(
            [
                "pipeline",
                str(corpus),
                "--out",
                str(out),
                f"--jobs={jobs}",
                f"--engine={engine}",
                f"--chunk-size={chunk}",
                "--quiet",
            ]
        )
        if status:
            raise SystemExit(status)
    else:
        from analysis.pipeline import plain_tables, write_tables

        write_tables(plain_tables([corpus]), out)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "maxrss_kib": max(own, children)}))


def _sample_tree(process, cpu: dict[int, float]) -> int:
    """Summed RSS of ``process`` and its descendants; records each one's CPU seconds."""
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except Exception:  # noqa: BLE001 - the process ended between samples
        return 0
    for member in members:
        try:
            with member.oneshot():
                total += member.memory_info().rss
                times = member.cpu_times()
                cpu[member.pid] = times.user + times.system
        except Exception:  # noqa: BLE001
            pass
    return total


def measure(mode: str, corpus: Path, out: Path, jobs: int, engine: str, chunk: int) -> dict:
    """Run one side in a subprocess; wall time, and peak RSS of its process tree."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        mode,
        "--corpus",
        str(corpus),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        "--engine",
        engine,
        "--chunk-size",
        str(chunk),
    ]
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil is optional
        psutil = None
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    peak = 0
    cpu: dict[int, float] = {}
    if psutil is not None:
        watched = psutil.Process(child.pid)
        while child.poll() is None:
            peak = max(peak, _sample_tree(watched, cpu))
            time.sleep(0.05)
    stdout, _ = child.communicate()
    wall = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"{mode} run failed with status {child.returncode}")
    report = json.loads(stdout.strip().splitlines()[-1])
    report["wall"] = wall
    report["cpu"] = sum(cpu.values()) if cpu else float("nan")
    report["peak_bytes"] = peak or report["maxrss_kib"] * 1024
    report["peak_kind"] = "tree" if peak else "max process"
    return report


def identical(left: Path, right: Path) -> bool:
    """Whether two output folders hold the same tables (values and dtypes)."""
    from analysis.pipeline import TABLES, read_table

    for name in TABLES:
        a, b = read_table(left, name), read_table(right, name)
        if list(a.columns) != list(b.columns) or not a.equals(b):
            return False
    return True


def distinct_share(out: Path) -> float:
    """Share of sentence occurrences whose text is distinct in the corpus."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    column = pq.read_table(out / "sentences.parquet", columns=["text"])["text"]
    return pc.count_distinct(column).as_py() / max(1, len(column))


def machine() -> str:
    """One line describing the machine."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        memory_text = f"{memory:.0f} GiB RAM"
    except (ValueError, OSError, AttributeError):
        memory_text = "RAM unknown"
    return (
        f"{model}, {os.cpu_count()} cores, {memory_text}, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (other jobs on a shared machine show here)."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except (OSError, AttributeError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--articles", type=int, action="append", help="corpus size (repeatable)", default=None
    )
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    parser.add_argument("--chunk-size", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--baseline-max",
        type=int,
        default=50_000,
        help="largest N the plain baseline is run on; beyond it the time is extrapolated",
    )
    parser.add_argument("--workdir", help="folder for corpora and outputs (default: a temp dir)")
    parser.add_argument("--child", choices=["package", "plain"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        _run_child(
            args.child, Path(args.corpus), Path(args.out), args.jobs, args.engine, args.chunk_size
        )
        return 0

    from benchmarks.synthetic import write_corpus

    sizes = args.articles or [1000]
    print(f"machine: {machine()}", flush=True)
    print(f"load average at start: {load_average()}", flush=True)
    print(
        f"package: python -m analysis pipeline --jobs {args.jobs} --engine {args.engine} "
        f"--chunk-size {args.chunk_size}; plain: one process, NLTK tokenize + VADER on every "
        "sentence",
        flush=True,
    )
    header = (
        f"{'N':>7} {'MB':>7} {'distinct':>8} | {'pkg s':>7} {'cpu s':>7} {'art/s':>7} "
        f"{'MB/s':>6} {'peak MiB':>8} | {'plain s':>8} {'cpu s':>7} {'art/s':>7} {'MB/s':>6} "
        f"{'peak MiB':>8} | "
        f"{'speed-up':>8} {'identical':>9}"
    )
    print(header, flush=True)
    rows = []
    baseline_rate: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory(prefix="pipeline-bench-", dir=args.workdir) as work:
        work = Path(work)
        for n in sizes:
            corpus = work / f"corpus-{n}"
            files = write_corpus(corpus, n, seed=args.seed)
            megabytes = sum(f.stat().st_size for f in files) / 1e6
            package = measure(
                "package", corpus, work / f"out-{n}", args.jobs, args.engine, args.chunk_size
            )
            share = distinct_share(work / f"out-{n}")
            if n <= args.baseline_max:
                plain = measure("plain", corpus, work / f"plain-{n}", 1, "local", args.chunk_size)
                plain_seconds = plain["wall"]
                plain_cpu = plain["cpu"]
                plain_peak = f"{plain['peak_bytes'] / 2**20:8.0f}"
                same = "yes" if identical(work / f"out-{n}", work / f"plain-{n}") else "NO"
                baseline_rate = (n, n / plain_seconds)
                note = ""
            elif baseline_rate is not None:
                plain_seconds = n / baseline_rate[1]
                plain_cpu = float("nan")
                plain_peak = f"{'-':>8}"
                same = "-"
                note = f"  (plain extrapolated from N={baseline_rate[0]})"
            else:
                plain_seconds = float("nan")
                plain_cpu = float("nan")
                plain_peak = f"{'-':>8}"
                same = "-"
                note = "  (plain not run)"
            seconds = package["wall"]
            row = (
                f"{n:>7} {megabytes:>7.1f} {share:>8.0%} | {seconds:>7.1f} "
                f"{package['cpu']:>7.1f} {n / seconds:>7.0f} "
                f"{megabytes / seconds:>6.2f} {package['peak_bytes'] / 2**20:>8.0f} | "
                f"{plain_seconds:>8.1f} {plain_cpu:>7.1f} {n / plain_seconds:>7.0f} "
                f"{megabytes / plain_seconds:>6.2f} {plain_peak} | "
                f"{plain_seconds / seconds:>7.2f}x {same:>9}{note}"
            )
            rows.append(row)
            print(row, flush=True)
    print(f"load average at end: {load_average()}", flush=True)
    print(
        "cpu s: user+system CPU seconds of the run's process tree; "
        "peak MiB: sum of the RSS of the run's process and its worker processes "
        f"({package['peak_kind']}); distinct: share of sentence occurrences with a text "
        "not seen before in the corpus",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
