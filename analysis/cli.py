"""Command line: ``python -m analysis COMMAND ...``.

Commands
--------
commitments PATH [PATH ...] [--format csv|tsv|jsonl]
    Extract commitments from article files or folders and print the table to stdout.
pipeline PATH [PATH ...] --out DIR [--jobs N] [--engine local|dask]
    Run every stage and write the tables to DIR as Parquet.
reproduce [NOTEBOOK ...]
    Execute the notebooks in numeric order, write figures, tables and HTML reports.
kernel
    Register the project's Jupyter kernel in the current environment.

Errors in the input (unreadable, empty, binary, non-UTF-8 files, duplicate ids) end the
command with a one-line message naming the file and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from analysis import __version__


def _commitments(args: argparse.Namespace) -> int:
    from analysis.actors import find_mentions
    from analysis.commitments import COMMITMENT_COLUMNS, extract_commitments
    from analysis.corpus import load_documents
    from analysis.tokens import split_sentences

    documents = load_documents(args.paths)
    sentences = split_sentences(documents)
    table = extract_commitments(sentences, find_mentions(sentences))[COMMITMENT_COLUMNS]
    if args.format == "jsonl":
        table.to_json(sys.stdout, orient="records", lines=True, force_ascii=False)
    else:
        table.to_csv(
            sys.stdout, index=False, sep="," if args.format == "csv" else "\t", lineterminator="\n"
        )
    return 0


def _pipeline(args: argparse.Namespace) -> int:
    from analysis.pipeline import run_pipeline

    written = run_pipeline(
        args.paths,
        args.out,
        jobs=args.jobs,
        engine=args.engine,
        chunk_size=args.chunk_size,
        scheduler=args.scheduler,
        progress=not args.quiet,
    )
    for name, path in written.items():
        print(f"{name}\t{path}")
    return 0


def _reproduce(args: argparse.Namespace) -> int:
    from analysis.reproduce import NotebookError, reproduce

    try:
        reproduce(args.notebooks or None, progress=not args.quiet)
    except NotebookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def _kernel(args: argparse.Namespace) -> int:
    from analysis.reproduce import install_kernel

    print(install_kernel())
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", required=True)

    c = commands.add_parser("commitments", help="print the commitments table of articles")
    c.add_argument("paths", nargs="+", help="article files (.txt, .jsonl) or folders")
    c.add_argument("--format", choices=["csv", "tsv", "jsonl"], default="csv")
    c.set_defaults(run=_commitments)

    p = commands.add_parser("pipeline", help="run every stage, write Parquet tables")
    p.add_argument("paths", nargs="+", help="article files (.txt, .jsonl) or folders")
    p.add_argument("--out", required=True, help="folder for the tables")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--engine", choices=["local", "dask"], default="local")
    p.add_argument("--chunk-size", type=int, default=500, help="documents per chunk")
    p.add_argument(
        "--scheduler",
        default=None,
        help="dask: address of a distributed scheduler (tcp://host:8786)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=_pipeline)

    r = commands.add_parser("reproduce", help="execute the notebooks, write figures/reports")
    r.add_argument("notebooks", nargs="*", help="notebooks to run (default: all, in order)")
    r.add_argument("--quiet", action="store_true", help="no progress bars")
    r.set_defaults(run=_reproduce)

    k = commands.add_parser("kernel", help="register the project's Jupyter kernel")
    k.set_defaults(run=_kernel)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "pipeline" and args.jobs > 1 and args.scheduler is None:
        from analysis.workers import start_server

        start_server()  # the workers' server warms up on another core while pandas loads
    from analysis.corpus import CorpusError

    try:
        return args.run(args)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        return 0
