"""Generate ``data/actors/states.csv``: one gazetteer row per surface form of a sovereign state.

Run from anywhere with the project's venv::

    .venv/bin/python scripts/build_gazetteer.py          # writes data/actors/states.csv
    .venv/bin/python scripts/build_gazetteer.py --check  # exit 1 if the file is stale

The source is the ``countryinfo`` package (optional dependency group ``gazetteer``), which
ships its country data as JSON inside the wheel, so nothing is downloaded. We do not use
``country_converter``: version 1.3.2 crashes on import with pandas 3, hence countryinfo.

For each sovereign state (the 193 UN members, the two UN observer states and Taiwan, listed
by ISO 3166-1 alpha-3 code in ``SOVEREIGN`` below) the script writes:

* ``kind=name``: the common name and the useful alternative spellings (ISO codes, non-Latin
  scripts, inverted forms such as "Korea, Republic of" and a few junk entries are dropped);
* ``kind=demonym``: the demonym / adjective ("Polish"), and for demonyms ending in "-an" or
  "-i" the plural noun ("Ukrainians", "Israelis");
* ``kind=capital``: the capital city, used in news as a metonym for the government.

A surface that would point at two different states (e.g. "Dominican": Dominica and the
Dominican Republic; "Congolese"; "Jerusalem") is dropped and reported on stderr. Gaps and
errors in countryinfo are fixed by hand in ``data/actors/curated.csv`` (which overrides this
file row by row), not here. Output is deterministic: rows sorted, LF line endings, written
atomically via a temporary file and ``os.replace``.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

from countryinfo import CountryInfo

OUT_PATH = Path(__file__).resolve().parent.parent / "data" / "actors" / "states.csv"
COLUMNS = ["surface", "actor", "actor_code", "actor_type", "kind", "person", "role"]
COLUMNS += ["case_sensitive", "note"]

# The 193 UN member states by ISO 3166-1 alpha-3 code.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA
BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE
DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM
GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT
KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO
MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL
POL PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF
SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR
USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()
# UN observer states (Holy See, Palestine) and Taiwan (de facto independent; its own actor
# in news on arms and sanctions). Kosovo has no ISO code in countryinfo and is not included.
OTHER_STATES = ["VAT", "PSE", "TWN"]
SOVEREIGN = frozenset(UN_MEMBERS + OTHER_STATES)

# countryinfo's names that are outdated or awkward as a canonical actor name.
CANONICAL_NAME = {
    "BHS": "Bahamas",
    "GMB": "Gambia",
    "MKD": "North Macedonia",
    "SWZ": "Eswatini",
    "VAT": "Vatican City",
    "CPV": "Cape Verde",
    "TLS": "Timor-Leste",
    "MMR": "Myanmar",
}
# Alternative spellings that are not names of the state in English news text.
JUNK_SURFACES = {
    "Island",  # Icelandic for Iceland; a common English word
    "Prathet",  # "country" in Thai
    "Thai",  # listed as a name of Thailand; it is the demonym (kept as demonym)
    "Togolese",  # demonym listed as a name
    "Montenegrin",  # demonym listed as a name
    "Congo",  # Republic of the Congo in countryinfo; in news usually the DRC
    "the Abode of Peace",  # fragment of Brunei's full name
}
# Capitals that are mostly something else in English text (people, other places).
JUNK_CAPITALS = {"Victoria", "Kingston", "Georgetown", "Santiago", "Saint John's"}
KIND_ORDER = {"name": 0, "capital": 1, "demonym": 2}


def _is_latin(text: str) -> bool:
    """True if every letter in ``text`` is a Latin-script letter."""
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha()) and any(
        ch.isalpha() for ch in text
    )


def _load_records() -> dict[str, dict]:
    """One countryinfo record per sovereign alpha-3 code (duplicates resolved)."""
    chosen: dict[str, dict] = {}
    for key, rec in sorted(CountryInfo.all().items()):
        code = (rec.get("ISO") or {}).get("alpha3", "")
        if code not in SOVEREIGN:
            continue
        # Some states appear twice (e.g. "palestine" and "palestine, state of"); keep the
        # record whose key is its own name and which has a demonym.
        score = (key == str(rec.get("name", "")).lower(), bool(rec.get("demonym")))
        if code not in chosen or score > chosen[code][0]:
            chosen[code] = (score, rec)
    missing = SOVEREIGN - set(chosen)
    if missing:
        raise SystemExit(f"countryinfo lacks sovereign states: {sorted(missing)}")
    return {code: rec for code, (_, rec) in chosen.items()}


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)]


def build_rows() -> list[dict[str, str]]:
    """Build the sorted, de-duplicated rows of ``states.csv``."""
    records = _load_records()
    all_codes = set()
    for rec in CountryInfo.all().values():
        iso = rec.get("ISO") or {}
        all_codes.update(v for k, v in iso.items() if k in ("alpha2", "alpha3") and v)

    candidates: list[tuple[str, str, str, str]] = []  # (surface, code, kind, note)
    names: dict[str, str] = {}
    for code, rec in records.items():
        name = CANONICAL_NAME.get(code, rec["name"])
        names[code] = name
        surfaces = [(name, "countryinfo name" if name == rec["name"] else "canonical name")]
        if name != rec["name"]:
            surfaces.append((rec["name"], "countryinfo name"))
        for alt in _as_list(rec.get("altSpellings")):
            surfaces.append((alt.strip(), "countryinfo altSpellings"))
        for surface, note in surfaces:
            if (
                not surface
                or surface in all_codes
                or surface in JUNK_SURFACES
                or "," in surface
                or "(" in surface
                or not _is_latin(surface)
            ):
                continue
            candidates.append((surface, code, "name", note))
        for dem in (rec.get("demonym") or "").replace("/", ",").split(","):
            dem = dem.strip()
            if not dem or not _is_latin(dem):
                continue
            candidates.append((dem, code, "demonym", "countryinfo demonym"))
            if dem.endswith(("an", "i")) and " " not in dem:
                candidates.append((dem + "s", code, "demonym", "countryinfo demonym + plural s"))
        for cap in _as_list(rec.get("capital")):
            cap = cap.strip()
            if cap and cap not in JUNK_CAPITALS and _is_latin(cap):
                candidates.append((cap, code, "capital", "countryinfo capital"))

    by_surface: dict[str, set[str]] = defaultdict(set)
    for surface, code, _, _ in candidates:
        by_surface[surface].add(code)
    ambiguous = {s for s, codes in by_surface.items() if len(codes) > 1}
    for surface in sorted(ambiguous):
        print(
            f"dropped ambiguous surface {surface!r}: {sorted(by_surface[surface])}",
            file=sys.stderr,
        )

    best: dict[str, tuple[str, str, str]] = {}
    for surface, code, kind, note in candidates:
        if surface in ambiguous:
            continue
        if surface not in best or KIND_ORDER[kind] < KIND_ORDER[best[surface][1]]:
            best[surface] = (code, kind, note)

    rows = [
        {
            "surface": surface,
            "actor": names[code],
            "actor_code": code,
            "actor_type": "state",
            "kind": kind,
            "person": "",
            "role": "",
            "case_sensitive": "true",
            "note": note,
        }
        for surface, (code, kind, note) in best.items()
    ]
    rows.sort(key=lambda r: (r["actor_code"], KIND_ORDER[r["kind"]], r["surface"]))
    return rows


def render(rows: list[dict[str, str]]) -> str:
    """CSV text with a header and LF line endings."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_PATH, help="output CSV path")
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the file differs"
    )
    args = parser.parse_args(argv)
    rows = build_rows()
    text = render(rows)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is stale: re-run scripts/build_gazetteer.py", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date ({len(rows)} rows)")
        return 0
    write_atomic(args.out, text)
    print(f"wrote {len(rows)} rows for {len({r['actor_code'] for r in rows})} states to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
