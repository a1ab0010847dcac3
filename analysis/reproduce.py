"""Rerun the analysis: execute every notebook in order, write them back and export HTML.

``python -m analysis reproduce`` (and ``make reproduce``) calls :func:`reproduce`. Each
``notebooks/NN_*.ipynb`` runs, in numeric order, with nbclient in a fresh kernel of the
project's kernelspec (:data:`KERNEL_NAME`, registered by :func:`install_kernel`), with the
notebook's folder as working directory. nbclient rather than papermill: the notebooks take
no parameters, nbclient is what nbconvert and nbval build on already, and its cell hooks
give the per-cell progress bar and the failing cell's number without papermill's extra
metadata (timestamps, parameters) that would then have to be stripped again.

After a successful run the notebook is written back in place, so the outputs nbval compares
stay current, and exported to ``reports/NN_name.html``. Both are deterministic: the
kernel runs with ``PYTHONHASHSEED=0`` and ``TQDM_DISABLE=1``, execution timestamps are not
recorded, kernel and language version details are dropped from the metadata, cell ids are
kept (or made from the cell's position when missing), and files are only rewritten when
their bytes change. A failing cell stops the run with a :class:`NotebookError` naming the
notebook, the cell and the error; that notebook and its report are left as they were.

Notebooks are paired with ``py:percent`` text files by jupytext (``jupytext.toml``): the
``.py`` beside each notebook is what a reviewer reads in a diff, the ``.ipynb`` keeps the
outputs for nbval. A pair whose cells differ is refused before anything runs.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import nbformat

from analysis.paths import NOTEBOOKS_DIR, REPORTS_DIR, ROOT

KERNEL_NAME = "ukraine-guarantees"
KERNEL_DISPLAY_NAME = "Python (ukraine-guarantees)"
CELL_TIMEOUT = 600
"""Seconds a single cell may run before the notebook counts as failed."""
KERNEL_ENV: dict[str, str] = {"PYTHONHASHSEED": "0", "TQDM_DISABLE": "1"}
_NOTEBOOK = re.compile(r"^(\d+)_.+\.ipynb$")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_CELL_FRAME = re.compile(r"Cell In\[\d*\], line (\d+)")
_VOLATILE_CELL_METADATA = ("execution", "ExecuteTime", "papermill", "collapsed", "scrolled")
_VOLATILE_NOTEBOOK_METADATA = ("papermill", "widgets", "toc-autonumbering")


class NotebookError(RuntimeError):
    """A notebook could not be run; ``str()`` is one line naming notebook, cell and error."""

    def __init__(
        self,
        notebook: Path | str,
        message: str,
        *,
        cell: int | None = None,
        ename: str = "",
        evalue: str = "",
        line: str = "",
    ) -> None:
        self.notebook = _display(Path(notebook))
        self.cell = cell
        self.ename = ename
        self.evalue = evalue
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.notebook + (f", cell {self.cell}" if self.cell is not None else "")
        text = f"{where}: {self.message}"
        if self.line:
            text += f" (at: {self.line})"
        return " ".join(text.split())


def _display(path: Path) -> str:
    path = Path(os.path.abspath(path))
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


# --------------------------------------------------------------------------- kernel


def kernel_spec_dir(prefix: str | Path = sys.prefix) -> Path:
    """Where :func:`install_kernel` puts the kernelspec."""
    return Path(prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME


def kernel_installed() -> bool:
    """True when this environment's kernelspec exists and starts this Python."""
    spec = kernel_spec_dir() / "kernel.json"
    try:
        argv = json.loads(spec.read_text(encoding="utf-8"))["argv"]
    except (OSError, ValueError, KeyError):
        return False
    return bool(argv) and os.path.abspath(argv[0]) == os.path.abspath(sys.executable)


def install_kernel() -> str:
    """Register the ``ukraine-guarantees`` kernel in ``sys.prefix``; returns its folder.

    The kernel runs this environment's Python, where ``analysis`` is installed, so
    notebooks import it without path hacks. Local and offline; safe to call again.
    """
    from ipykernel.kernelspec import install

    return install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY_NAME, prefix=sys.prefix)


def ensure_kernel() -> None:
    """Install the kernel unless :func:`kernel_installed`."""
    if not kernel_installed():
        install_kernel()


# --------------------------------------------------------------------------- notebooks


def discover(folder: Path | str = NOTEBOOKS_DIR) -> list[Path]:
    """``NN_*.ipynb`` in ``folder``, in numeric order of ``NN`` (then by name)."""
    found = [p for p in Path(folder).glob("*.ipynb") if _NOTEBOOK.match(p.name)]
    return sorted(found, key=lambda p: (int(_NOTEBOOK.match(p.name).group(1)), p.name))


def resolve(names: Iterable[Path | str], folder: Path | str = NOTEBOOKS_DIR) -> list[Path]:
    """Paths for notebook arguments (a path, a file name or a stem such as ``02_actors``)."""
    folder = Path(folder)
    paths = []
    for name in names:
        candidates = [Path(name), folder / str(name), folder / f"{name}.ipynb"]
        path = next((c for c in candidates if c.suffix == ".ipynb" and c.is_file()), None)
        if path is None:
            raise NotebookError(name, "no such notebook")
        paths.append(path.resolve())

    def order(p: Path) -> tuple[int, str]:
        match = _NOTEBOOK.match(p.name)
        return (int(match.group(1)) if match else sys.maxsize, p.name)

    return sorted(dict.fromkeys(paths), key=order)


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what changes between runs and machines (in place; returns ``nb``).

    Execution timestamps and other volatile cell metadata, the kernel's and language's
    version details; the kernelspec becomes the project's; missing cell ids are derived
    from the cell's position. Outputs, tags (nbval's markers) and sources are kept.
    """
    for key in _VOLATILE_NOTEBOOK_METADATA:
        nb.metadata.pop(key, None)
    nb.metadata["kernelspec"] = nbformat.from_dict(
        {"display_name": KERNEL_DISPLAY_NAME, "language": "python", "name": KERNEL_NAME}
    )
    language = nb.metadata.get("language_info")
    if language is not None:
        language.pop("version", None)
    nb.nbformat, nb.nbformat_minor = 4, max(int(nb.get("nbformat_minor", 5)), 5)
    for index, cell in enumerate(nb.cells):
        for key in _VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if not cell.get("id"):
            cell["id"] = f"cell-{index}"
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.get("output_type") == "execute_result":
                    output.setdefault("metadata", {})
    return nb


def notebook_bytes(nb: nbformat.NotebookNode) -> bytes:
    """The notebook as written to disk: nbformat's JSON (sorted keys), LF, final newline."""
    text = nbformat.writes(nb)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    from analysis.figures import _atomic_write

    _atomic_write(path, data)
    return True


def html_report(nb: nbformat.NotebookNode, title: str) -> bytes:
    """The notebook as a self-contained HTML page (nbconvert's lab template)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    body = "\n".join(line.rstrip() for line in body.splitlines()) + "\n"
    return body.encode("utf-8")


def paired_text(path: Path) -> Path:
    """The jupytext ``py:percent`` file paired with a notebook (it may not exist)."""
    return path.with_suffix(".py")


def check_pair(path: Path, nb: nbformat.NotebookNode | None = None) -> None:
    """Raise :class:`NotebookError` when the notebook and its ``.py`` pair have other cells."""
    text = paired_text(path)
    if not text.exists():
        return
    try:
        import jupytext
    except ImportError:  # pairing is a review aid; without jupytext there is nothing to check
        return
    nb = nb if nb is not None else nbformat.read(path, as_version=4)
    paired = jupytext.read(text, fmt="py:percent")

    def cells(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
        return [(c.cell_type, c.source.strip()) for c in notebook.cells]

    if cells(nb) != cells(paired):
        raise NotebookError(
            path,
            f"its cells differ from {_display(text)}; run `jupytext --sync {_display(path)}` "
            "(the newer file wins) and check the result",
        )


def _error_line(nb: nbformat.NotebookNode, cell_index: int, traceback: Sequence[str]) -> str:
    """The source line of the cell where the error was raised, if the traceback says."""
    text = _ANSI.sub("", "\n".join(traceback))
    frames = _CELL_FRAME.findall(text)
    if not frames:
        return ""
    lines = nb.cells[cell_index].source.splitlines()
    number = int(frames[-1])
    return lines[number - 1].strip() if 0 < number <= len(lines) else ""


def execute(
    path: Path | str,
    *,
    progress: bool = True,
    timeout: int = CELL_TIMEOUT,
    kernel_name: str = KERNEL_NAME,
) -> nbformat.NotebookNode:
    """Run one notebook in a fresh kernel (cwd = its folder); returns it normalised.

    Raises :class:`NotebookError` naming the cell (1-based, as counted in the notebook)
    and the error when a cell fails.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from tqdm.auto import tqdm

    path = Path(path)
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as error:  # noqa: BLE001 - any unreadable notebook is one clear error
        raise NotebookError(path, f"cannot read the notebook: {error}") from error
    check_pair(path, nb)
    current = {"index": None}
    bar = tqdm(
        total=sum(c.cell_type == "code" for c in nb.cells),
        desc=path.stem,
        unit="cell",
        disable=not progress,
        leave=True,
        file=sys.stderr,
    )

    def started(cell, cell_index, **_):
        current["index"] = cell_index

    def executed(cell, cell_index, execute_reply=None, **_):
        bar.update(1)

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        resources={"metadata": {"path": str(path.parent.resolve())}},
        record_timing=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        allow_errors=False,
        on_cell_start=started,
        on_cell_executed=executed,
    )
    env = dict(os.environ, **KERNEL_ENV)
    try:
        client.execute(env=env)
    except CellExecutionError as error:
        index = current["index"]
        line = _error_line(nb, index, error.traceback.splitlines()) if index is not None else ""
        message = f"{error.ename}: {error.evalue}" if error.ename else str(error).splitlines()[0]
        raise NotebookError(
            path,
            message,
            cell=None if index is None else index + 1,
            ename=error.ename,
            evalue=error.evalue,
            line=line,
        ) from error
    except CellTimeoutError as error:
        index = current["index"]
        raise NotebookError(
            path,
            f"timed out after {timeout} s",
            cell=None if index is None else index + 1,
        ) from error
    except DeadKernelError as error:
        index = current["index"]
        raise NotebookError(
            path, "the kernel died", cell=None if index is None else index + 1
        ) from error
    except Exception as error:
        from jupyter_client.kernelspec import NoSuchKernel

        if isinstance(error, NoSuchKernel):
            raise NotebookError(
                path, f"no kernel named {kernel_name!r}; run `python -m analysis kernel`"
            ) from error
        raise
    finally:
        bar.close()
    return normalise(nb)


def reproduce(
    notebooks: Sequence[Path | str] | None = None,
    progress: bool = True,
    *,
    folder: Path | str = NOTEBOOKS_DIR,
    reports: Path | str = REPORTS_DIR,
) -> list[tuple[Path, Path]]:
    """Execute the notebooks (default: every ``NN_*.ipynb``) in numeric order.

    Each is written back with its fresh outputs and exported to ``reports/<name>.html``.
    Stops at the first failing notebook with a :class:`NotebookError`. Returns the
    ``(notebook, report)`` paths in the order run.
    """
    paths = discover(folder) if not notebooks else resolve(notebooks, folder)
    ensure_kernel()
    reports = Path(reports)
    done = []
    for path in paths:
        nb = execute(path, progress=progress)
        report = reports / f"{path.stem}.html"
        _write_if_changed(path, notebook_bytes(nb))
        _write_if_changed(report, html_report(nb, path.stem))
        done.append((path, report))
    return done


def normalise_file(path: Path | str) -> bool:
    """Normalise a stored notebook without running it; True when the file changed."""
    path = Path(path)
    if not path.is_file():
        raise NotebookError(path, "no such notebook")
    nb = normalise(nbformat.read(path, as_version=4))
    return _write_if_changed(path, notebook_bytes(nb))
