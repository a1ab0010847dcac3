"""Shared test setup: outputs go to a scratch folder, the project's Jupyter kernel exists."""

from __future__ import annotations

import os
import tempfile

# Before anything imports analysis.paths: notebooks run by nbval (and tests using the
# default folders) write figures, tables and reports below this scratch folder, never
# over the committed ones. Kernels started by nbval inherit the variable.
os.environ.setdefault(
    "UKRAINE_GUARANTEES_OUTPUT", tempfile.mkdtemp(prefix="ukraine-guarantees-test-")
)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives JupyterLab in headless Chromium (slow; skipped without it)"
    )


def pytest_sessionstart(session):
    # nbval and the notebook tests start the notebooks' kernel by name; register it in
    # this environment when missing (local and offline).
    from analysis.reproduce import ensure_kernel

    ensure_kernel()
