"""Warm-up of the pipeline's worker processes (performance only).

:func:`analysis.pipeline.run_pipeline` starts its worker processes from a ``forkserver``
that imports this module first (``multiprocessing`` preload). Importing it builds what every
worker would otherwise build for itself: the Punkt and Treebank tokenizers, the VADER
lexicon, the gazetteer, the compiled cue lexicon, and the lazily compiled regular
expressions of every stage (one probe document goes through
:func:`analysis.pipeline.analyse`). Workers forked from the server inherit all of it.

Nothing here changes a result: the caches it fills are the stages' own, keyed by their
input. A failure is ignored here; the worker then meets it again and reports it as usual.
"""

from __future__ import annotations

try:
    from analysis.pipeline import warm_up

    warm_up()
except Exception:  # noqa: BLE001 - reported by the worker that runs into it again
    pass
