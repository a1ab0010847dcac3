"""Actors, commitments and tone in news text on Ukraine's post-war security guarantees.

One module per stage, data flowing one way::

    corpus -> tokens -> actors -> commitments -> sentiment -> figures

``pipeline`` runs the stages over a corpus and writes the tables; ``cli`` is the command
line (``python -m analysis ...``). Every stage function takes and returns pandas
DataFrames whose columns are documented in the stage module's docstring.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__: str = version("ukraine-guarantees-analysis")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
