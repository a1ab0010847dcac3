"""Worker processes of the pipeline: where they come from (start-up only, no analysis).

:func:`analysis.pipeline.run_pipeline` forks its workers from a ``forkserver`` that has
imported the package and warmed the stages up (:mod:`analysis._pipeline_warm`), so that
each worker starts ready. This module imports nothing heavy: the command line calls
:func:`start_server` before it imports pandas, so the server warms up on the second core
while the main process imports the package and reads the corpus.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import forkserver

PRELOAD = ["analysis.pipeline", "analysis._pipeline_warm"]
"""Modules the forkserver imports before it forks any worker."""


def start_server() -> None:
    """Start the warm forkserver now, if it is not running yet (returns at once; the
    server imports :data:`PRELOAD` in the background)."""
    multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
    forkserver.ensure_running()


def process_pool(jobs: int, initializer: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes forked from the warm forkserver."""
    start_server()
    context = multiprocessing.get_context("forkserver")
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer)
