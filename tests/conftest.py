"""Shared test setup: the project's Jupyter kernel, the ``browser`` marker."""

from __future__ import annotations


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives JupyterLab in headless Chromium (slow; skipped without it)"
    )


def pytest_sessionstart(session):
    # nbval and the notebook tests start the notebooks' kernel by name; register it in
    # this environment when missing (local and offline).
    from analysis.reproduce import ensure_kernel

    ensure_kernel()
