"""Corpus stage: read article files into one ``documents`` table.

Formats
-------
``.txt``
    One article per file, UTF-8 (a BOM is accepted, CRLF is normalised). ``doc_id`` is the
    file name without extension. Metadata may come from an optional YAML front-matter
    header (a first line ``---``, ``key: value`` lines, a closing ``---``) or from a
    sidecar file ``<stem>.meta.yaml`` beside the text; the raw file is never changed.
``.jsonl``
    One article per line, a JSON object with ``id``, ``title``, ``source``, ``date`` and
    ``text`` (only ``id`` and ``text`` are required).

Boilerplate lines that are not the article (social promotions, related-article teaser
blocks) are found with the rules in ``data/boilerplate.csv``, taken out of ``text`` and
kept visible in ``boilerplate``.

Columns of ``documents``
------------------------
doc_id : str
    Stable identifier, unique in the corpus.
title : str
    Headline from the metadata, else the first sentence-like line (at most 120 chars).
source : str
    Outlet, "" when unknown.
published : str
    Publication date as given (ISO 8601 preferred), "" when unknown.
language : str
    Language code, "en" when not given.
text : str
    The article text analysed downstream: boilerplate lines removed, ``\\n`` between
    paragraphs. Sentence and mention offsets refer to this string.
boilerplate : str
    The removed lines, ``\\n``-joined, in their original order.
path : str
    The file the document came from, relative to the project root when inside it
    (``file.jsonl:LINE`` for JSONL records).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from analysis.paths import DATA_DIR, DEFAULT_CORPUS, ROOT

DOCUMENT_COLUMNS: list[str] = [
    "doc_id",
    "title",
    "source",
    "published",
    "language",
    "text",
    "boilerplate",
    "path",
]
TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
BOILERPLATE_RULES = DATA_DIR / "boilerplate.csv"
_META_KEYS = {"title", "source", "published", "date", "language", "url", "id"}


class CorpusError(ValueError):
    """An input file that cannot be read as an article; the message names the file."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def __reduce__(self):  # picklable, so worker processes can send it back
        return (type(self), (self.path, self.problem))


@dataclass(frozen=True)
class BoilerplateRule:
    """A line pattern that marks boilerplate, and how many following lines go with it."""

    pattern: re.Pattern[str]
    kind: str
    following_lines: int


@lru_cache(maxsize=8)
def load_boilerplate_rules(path: Path = BOILERPLATE_RULES) -> tuple[BoilerplateRule, ...]:
    """Read the boilerplate rules (columns ``pattern, kind, following_lines, note``)."""
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        detail = str(error).strip().splitlines()[-1]
        raise CorpusError(path, f"not a valid UTF-8 CSV table ({detail})") from None
    missing = {"pattern", "kind", "following_lines"} - set(table.columns)
    if missing:
        raise CorpusError(path, f"missing columns {sorted(missing)}")
    rules = []
    for row_number, row in enumerate(table.itertuples(index=False), start=2):
        try:
            rules.append(
                BoilerplateRule(re.compile(row.pattern), row.kind, int(row.following_lines or 0))
            )
        except (re.error, ValueError) as error:
            raise CorpusError(path, f"row {row_number}: {error}") from None
    return tuple(rules)


def split_boilerplate(text: str, rules: Iterable[BoilerplateRule] | None = None) -> tuple[str, str]:
    """Split ``text`` into (article, boilerplate), line by line.

    A line matching a rule is boilerplate, and so are the ``following_lines`` non-empty
    lines after it (a teaser header takes its teaser headline and summary with it).
    """
    rules = tuple(load_boilerplate_rules() if rules is None else rules)
    kept: list[str] = []
    dropped: list[str] = []
    carry = 0
    for line in text.split("\n"):
        if carry and line.strip():
            dropped.append(line)
            carry -= 1
            continue
        rule = next((r for r in rules if r.pattern.search(line)), None)
        if rule is None:
            kept.append(line)
        else:
            dropped.append(line)
            carry = rule.following_lines
    article = "\n".join(line for line in kept if line.strip())
    return article, "\n".join(dropped)


def discover(paths: Iterable[Path | str] | Path | str | None = None) -> list[Path]:
    """List the article files under ``paths`` (files or folders, recursively), sorted.

    Folders contribute their ``.txt`` and ``.jsonl`` files; hidden files, ``README*`` and
    ``*.meta.yaml`` sidecars are skipped. A named file that does not exist is an error.
    """
    if paths is None:
        paths = DEFAULT_CORPUS
    elif isinstance(paths, str | Path):
        paths = [paths]
    found: list[Path] = []
    for entry in map(Path, paths):
        if entry.is_dir():
            for candidate in sorted(entry.rglob("*")):
                if (
                    candidate.is_file()
                    and candidate.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES
                    and not candidate.name.startswith((".", "README"))
                ):
                    found.append(candidate)
        elif entry.is_file():
            found.append(entry)
        else:
            raise CorpusError(entry, "no such file or folder")
    return found


def _decode(path: Path, raw: bytes) -> str:
    if not raw.strip():
        raise CorpusError(path, "file is empty")
    if b"\x00" in raw:
        raise CorpusError(path, "looks like a binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CorpusError(
            path,
            f"is not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "re-save it as UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_meta(path: Path, text: str) -> tuple[dict, str]:
    meta: dict = {}
    sidecar = path.with_name(path.stem + ".meta.yaml")
    if sidecar.exists():
        meta.update(_parse_yaml(sidecar, sidecar.read_text(encoding="utf-8")))
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end == -1:
            raise CorpusError(path, "metadata header opened with '---' is never closed")
        meta.update(_parse_yaml(path, text[4:end]))
        text = text[end + 5 :]
    return meta, text


def _parse_yaml(path: Path, text: str) -> dict:
    try:
        meta = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise CorpusError(path, f"metadata is not valid YAML ({error})") from None
    if not isinstance(meta, dict):
        raise CorpusError(path, "metadata must be 'key: value' lines")
    return meta


def _as_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def make_document(
    doc_id: str, text: str, meta: dict, path: str, rules: Iterable[BoilerplateRule] | None = None
) -> dict:
    """Build one ``documents`` row from raw text and metadata (boilerplate split off)."""
    article, boilerplate = split_boilerplate(text, rules)
    if not article.strip():
        raise CorpusError(path, "has no article text once boilerplate is removed")
    title = _as_text(meta.get("title"))
    if not title:
        first = article.split("\n", 1)[0]
        title = first if len(first) <= 120 else first[:117].rstrip() + "..."
    return {
        "doc_id": doc_id,
        "title": title,
        "source": _as_text(meta.get("source")),
        "published": _as_text(meta.get("published", meta.get("date"))),
        "language": _as_text(meta.get("language")) or "en",
        "text": article,
        "boilerplate": boilerplate,
        "path": path,
    }


def display_path(path: Path) -> str:
    """``path`` relative to the project root when inside it (stable across clones)."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def read_text_file(path: Path, rules: Iterable[BoilerplateRule] | None = None) -> dict:
    """Read one ``.txt`` article into a ``documents`` row."""
    text = _decode(path, path.read_bytes())
    meta, text = _read_meta(path, text)
    doc_id = _as_text(meta.get("id")) or path.stem
    return make_document(doc_id, text, meta, display_path(path), rules)


def read_jsonl_file(path: Path, rules: Iterable[BoilerplateRule] | None = None) -> Iterator[dict]:
    """Yield one ``documents`` row per JSON line of ``path``."""
    text = _decode(path, path.read_bytes())
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{display_path(path)}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusError(where, f"not a JSON object ({error.msg})") from None
        if not isinstance(record, dict):
            raise CorpusError(where, "not a JSON object")
        doc_id = _as_text(record.get("id"))
        body = record.get("text")
        if not doc_id:
            raise CorpusError(where, "record has no 'id'")
        if not isinstance(body, str) or not body.strip():
            raise CorpusError(where, f"record {doc_id!r} has no 'text'")
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        meta = {k: v for k, v in record.items() if k in _META_KEYS}
        yield make_document(doc_id, body, meta, where, rules)


def iter_documents(
    paths: Iterable[Path | str] | Path | str | None = None,
    rules: Iterable[BoilerplateRule] | None = None,
) -> Iterator[dict]:
    """Yield ``documents`` rows one at a time (constant memory), checking id uniqueness.

    Raises
    ------
    CorpusError
        For an unreadable file or a ``doc_id`` already seen, naming both files.
    """
    seen: dict[str, str] = {}
    for path in discover(paths):
        if path.suffix.lower() in JSONL_SUFFIXES:
            rows: Iterable[dict] = read_jsonl_file(path, rules)
        else:
            rows = [read_text_file(path, rules)]
        for row in rows:
            first = seen.setdefault(row["doc_id"], row["path"])
            if first != row["path"]:
                raise CorpusError(
                    row["path"], f"duplicate doc_id {row['doc_id']!r} (already read from {first})"
                )
            yield row


def to_frame(rows: Iterable[dict]) -> pd.DataFrame:
    """Turn ``documents`` rows into the documented table, sorted by ``doc_id``."""
    frame = pd.DataFrame(list(rows), columns=DOCUMENT_COLUMNS)
    return frame.astype(dict.fromkeys(DOCUMENT_COLUMNS, "str")).sort_values(
        "doc_id", ignore_index=True
    )


def load_documents(
    paths: Iterable[Path | str] | Path | str | None = None,
    rules: Iterable[BoilerplateRule] | None = None,
) -> pd.DataFrame:
    """Load every article under ``paths`` (default: ``seeds/`` and ``data/corpus/``).

    Returns
    -------
    pandas.DataFrame
        The ``documents`` table (see the module docstring), one row per article,
        sorted by ``doc_id``.
    """
    return to_frame(iter_documents(paths, rules))
