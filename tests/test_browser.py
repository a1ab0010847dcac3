"""Run every notebook in JupyterLab in a real (headless) browser.

JupyterLab is started on 127.0.0.1 with a free port and token authentication, rooted at
the project; Debian's Chromium (``/usr/bin/chromium``, or ``$CHROMIUM``) is driven by
Playwright's Python package (never ``playwright install``: it downloads browsers). Each
``notebooks/NN_*.ipynb`` is opened, all cells run, the test waits for the kernel to go idle
and asserts no error output and that the notebook's figures (``analysis.figures.FIGURES``)
render as images. A screenshot per notebook is kept in ``test-artifacts/browser/``.
JupyterLab's autosave is switched off, so the stored notebooks are not changed.

A small generated notebook is run the same way in a temporary folder, so the harness is
checked even before the project has notebooks. Without Chromium or Playwright the tests
are skipped with the reason (``.ci/install-browser`` installs both).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis.figures import FIGURES
from analysis.paths import NOTEBOOKS_DIR, ROOT
from analysis.reproduce import KERNEL_NAME, discover

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
RUN_TIMEOUT_S = 600
NOTEBOOKS = discover(NOTEBOOKS_DIR)

# JupyterLab user settings for the test: no autosave (the stored notebooks stay as they
# are), no news or update checks (no network).
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "checkForUpdates": False,
        "fetchNews": "false",
    },
}


def _missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (run .ci/install-browser or apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (run .ci/install-browser)"
    return None


def _skip_if_missing() -> None:
    reason = _missing()
    if reason:
        print(f"browser test skipped: {reason}")
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def jupyterlab(root: Path, home: Path):
    """A JupyterLab server on loopback rooted at ``root``; yields ``(base_url, token)``."""
    port, token = _free_port(), secrets.token_hex(24)
    settings = home / "lab-settings"
    for name, value in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
    )
    log_path = home / "jupyterlab.log"
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.open_browser=False",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.allow_root=True",  # CI runs as root
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.extension_manager=readonly",  # no PyPI look-ups
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root)
        try:
            deadline = time.monotonic() + 90
            while True:
                if server.poll() is not None:
                    raise RuntimeError(f"JupyterLab exited: {log_path.read_text()[-2000:]}")
                try:
                    with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                        break
                except OSError as error:
                    if time.monotonic() > deadline:
                        raise RuntimeError(
                            f"JupyterLab did not start: {log_path.read_text()}"
                        ) from error
                    time.sleep(0.3)
            yield base, token
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    _skip_if_missing()
    from playwright.sync_api import sync_playwright

    profile = Path(os.environ.get("TMPDIR", "/tmp")) / f"chromium-profile-{secrets.token_hex(6)}"
    profile.mkdir()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),  # an empty user-data dir
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def project_lab(tmp_path_factory):
    _skip_if_missing()
    with jupyterlab(ROOT, tmp_path_factory.mktemp("lab-project")) as server:
        yield server


_OPEN_AND_RUN = """
async (path) => {
  const app = window.jupyterapp;
  const widget = app.shell.currentWidget;
  if (!widget || !widget.context || widget.context.path !== path) {
    return {error: `the notebook ${path} is not the current widget`};
  }
  await widget.context.ready;
  await widget.sessionContext.ready;
  const kernel = widget.sessionContext.session && widget.sessionContext.session.kernel;
  if (!kernel) { return {error: 'no kernel started'}; }
  const ok = await app.commands.execute('notebook:run-all-cells');
  return {ok: ok, kernel: kernel.name};
}
"""

_IDLE = """
() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const kernel = widget.sessionContext.session && widget.sessionContext.session.kernel;
  const busy = [...document.querySelectorAll('.jp-InputArea-prompt')]
    .some(p => p.textContent.includes('*'));
  const images = [...document.querySelectorAll('.jp-OutputArea-output img')];
  return kernel && kernel.status === 'idle' && !busy
    && images.every(i => i.complete && i.naturalWidth > 0);
}
"""

_ERRORS = """
() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const found = [];
  const cells = widget.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    for (let j = 0; j < cell.outputs.length; j++) {
      const out = cell.outputs.get(j).toJSON();
      if (out.output_type === 'error') found.push(`cell ${i + 1}: ${out.ename}: ${out.evalue}`);
    }
  }
  for (const node of document.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) {
    if (node.textContent.includes('Traceback')) found.push(node.textContent.slice(0, 300));
  }
  return found;
}
"""


def run_in_lab(context, server, relpath: str, screenshot: Path) -> dict:
    """Open ``relpath`` in JupyterLab, run all cells, wait for idle; report what rendered."""
    base, token = server
    page = context.new_page()
    console = []
    page.on("pageerror", lambda error: console.append(str(error)))
    try:
        page.goto(f"{base}/lab/tree/{relpath}?token={token}&reset", wait_until="load")
        page.wait_for_function(
            "(p) => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.context"
            " && window.jupyterapp.shell.currentWidget.context.path === p",
            arg=relpath,
            timeout=120_000,
        )
        result = page.evaluate(_OPEN_AND_RUN, relpath)
        page.wait_for_function(_IDLE, timeout=RUN_TIMEOUT_S * 1000, polling=250)
        errors = page.evaluate(_ERRORS)
        images = page.locator(".jp-OutputArea-output img").count()
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot))
        return {**result, "errors": errors, "images": images, "page_errors": console}
    finally:
        page.close()


def _expected_figures(name: str) -> list[str]:
    return sorted(k for k, spec in FIGURES.items() if Path(spec.notebook).name == name)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_in_jupyterlab(browser, project_lab, notebook):
    relpath = notebook.relative_to(ROOT).as_posix()
    shot = ARTIFACTS / f"{notebook.stem}.png"
    outcome = run_in_lab(browser, project_lab, relpath, shot)
    assert "error" not in outcome, outcome.get("error")
    assert outcome["kernel"] == KERNEL_NAME
    assert outcome["errors"] == [], f"{relpath}: error output, see {shot}"
    assert outcome["ok"], f"{relpath}: running all cells stopped early, see {shot}"
    expected = _expected_figures(notebook.name)
    assert outcome["images"] >= len(expected), (
        f"{relpath}: {outcome['images']} image(s) rendered, expected {expected}; see {shot}"
    )


def test_harness_runs_a_generated_notebook(browser, tmp_path_factory):
    """The same harness on a small notebook: a figure renders, an error is caught."""
    root = tmp_path_factory.mktemp("lab-smoke")
    cells = [
        new_markdown_cell("# Browser smoke test"),
        new_code_cell("import analysis\nfrom analysis import figures\nprint(analysis.__version__)"),
        new_code_cell(
            "import pandas as pd\n"
            "figures.content_words_figure(pd.DataFrame({'word': ['troops'], 'count': [3]}))"
        ),
    ]
    nb = new_notebook(
        cells=cells,
        metadata={"kernelspec": {"name": KERNEL_NAME, "display_name": "x", "language": "python"}},
    )
    nbformat.write(nb, root / "00_smoke.ipynb")
    nb.cells.append(new_code_cell("raise ValueError('planted')"))
    nbformat.write(nb, root / "00_broken.ipynb")
    with jupyterlab(root, tmp_path_factory.mktemp("lab-smoke-home")) as server:
        good = run_in_lab(browser, server, "00_smoke.ipynb", ARTIFACTS / "00_smoke.png")
        bad = run_in_lab(browser, server, "00_broken.ipynb", ARTIFACTS / "00_broken.png")
    assert good["kernel"] == KERNEL_NAME
    assert good["ok"] and good["errors"] == [] and good["images"] == 1
    assert not bad["ok"]
    assert any("ValueError: planted" in e for e in bad["errors"])
