"""Shared test setup: outputs go to a scratch folder, the project's Jupyter kernel exists."""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile

# Before anything imports analysis.paths: notebooks run by nbval (and tests using the
# default folders) write figures, tables and reports below this scratch folder, never
# over the committed ones. Kernels started by nbval inherit the variable.
os.environ.setdefault(
    "UKRAINE_GUARANTEES_OUTPUT", tempfile.mkdtemp(prefix="ukraine-guarantees-test-")
)


_connect = socket.socket.connect


def _loopback_only(self, address):
    """Refuse connections off this machine: nothing may download at test time."""
    if isinstance(address, tuple) and self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        try:
            remote = not ipaddress.ip_address(host).is_loopback
        except ValueError:  # a host name: only localhost is allowed
            remote = host != "localhost"
        if remote:
            raise OSError(f"network access to {host!r} during the tests (offline required)")
    return _connect(self, address)


def pytest_configure(config):
    # The test process may talk to the kernels, JupyterLab and Dask it starts on loopback,
    # and to nothing else (a test below checks that the guard is in place).
    socket.socket.connect = _loopback_only
    config.addinivalue_line(
        "markers", "browser: drives JupyterLab in headless Chromium (slow; skipped without it)"
    )


def pytest_sessionstart(session):
    # nbval and the notebook tests start the notebooks' kernel by name; register it in
    # this environment when missing (local and offline).
    from analysis.reproduce import ensure_kernel

    ensure_kernel()
