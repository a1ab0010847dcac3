"""Tests for the actors stage (analysis.actors) and its gazetteer."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import actors
from analysis.actors import (
    GAZETTEER_COLUMNS,
    MENTION_COLUMNS,
    actor_counts,
    find_mentions,
    load_gazetteer,
    mention_counts,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_c415b0ac414dcec2.txt"
HEADER = ",".join(GAZETTEER_COLUMNS)


def line_sentences(text: str, doc_id: str = "seed") -> pd.DataFrame:
    """One sentence per line, with offsets into ``text`` (stands in for analysis.tokens)."""
    rows, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        rows.append((doc_id, i, pos, pos + len(line), line))
        pos += len(line) + 1
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "start", "end", "text"])


def one(text: str) -> pd.DataFrame:
    return find_mentions(line_sentences(text, "x"), GAZ)


GAZ = load_gazetteer()


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_mentions(seed_text: str) -> pd.DataFrame:
    return find_mentions(line_sentences(seed_text), GAZ)


def surfaces(mentions: pd.DataFrame, code: str) -> set[str]:
    return set(mentions.loc[mentions["actor_code"] == code, "surface"])


# --- gazetteer ----------------------------------------------------------------------


def test_gazetteer_loads_and_validates() -> None:
    assert list(GAZ.columns) == [*GAZETTEER_COLUMNS, "source"]
    assert GAZ["case_sensitive"].dtype == bool
    kept = GAZ[GAZ["actor_type"] != actors.EXCLUDE]
    assert set(kept["actor_type"]) == set(actors.ACTOR_TYPES)
    assert set(kept["kind"]) <= set(actors.KINDS)
    assert (kept["actor_code"] != "").all()
    states = kept[kept["actor_type"] == "state"]
    assert states["actor_code"].str.fullmatch(r"[A-Z]{3}").all()
    assert states["actor_code"].nunique() >= 190
    people = kept[kept["kind"].isin(["leader", "official"])]
    assert (people["person"] != "").all() and (people["role"] != "").all()
    # both files contribute; curated overrides states ("Brussels" is the EU)
    assert GAZ["source"].str.startswith("states.csv").any()
    assert GAZ["source"].str.startswith("curated.csv").any()
    brussels = GAZ[GAZ["surface"] == "Brussels"]
    assert list(brussels["actor_code"]) == ["EU"]


def test_default_paths_order() -> None:
    names = [p.name for p in actors.default_gazetteer_paths()]
    assert names[:2] == ["states.csv", "curated.csv"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Ruritania,Ruritania,,state,name,,,true,", "missing actor_code"),
        ("Ruritania,Ruritania,RUR,kingdom,name,,,true,", "unknown actor_type"),
        ("Ruritania,Ruritania,RUR,state,nickname,,,true,", "unknown kind"),
        ("Rassendyll,Ruritania,RUR,state,leader,,,true,", "needs person and role"),
        ("Ruritania,Ruritania,RUR,state,name,,,maybe,", "case_sensitive"),
    ],
)
def test_bad_row_raises_naming_file_and_row(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(f"{HEADER}\nPoland,Poland,POL,state,name,,,true,ok\n{row}\n")
    with pytest.raises(ValueError, match=message) as err:
        load_gazetteer([path])
    assert "broken.csv" in str(err.value)
    assert "row 3" in str(err.value)


def test_missing_column_and_duplicates_raise(tmp_path: Path) -> None:
    path = tmp_path / "nocols.csv"
    path.write_text("surface,actor\nPoland,Poland\n")
    with pytest.raises(ValueError, match="nocols.csv.*missing gazetteer columns"):
        load_gazetteer([path])
    dup = tmp_path / "dup.csv"
    dup.write_text(
        f"{HEADER}\nPoland,Poland,POL,state,name,,,true,\nPoland,Poland,POL,state,name,,,,\n"
    )
    with pytest.raises(ValueError, match="dup.csv, row 3.*duplicates row 2"):
        load_gazetteer([dup])
    clash = tmp_path / "clash.csv"
    clash.write_text(
        f"{HEADER}\nPoland,Poland,POL,state,name,,,true,\nPolska,Polland,POL,state,name,,,,\n"
    )
    with pytest.raises(ValueError, match="clash.csv:3.*'POL'"):
        load_gazetteer([clash])


def test_later_file_overrides_earlier(tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(f"{HEADER}\nBrussels,Belgium,BEL,state,capital,,,true,\n")
    b.write_text(f"{HEADER}\nBrussels,European Union,EU,institution,metonym,,,true,\n")
    gaz = load_gazetteer([a, b])
    m = find_mentions(line_sentences("Brussels said no."), gaz)
    assert list(m["actor_code"]) == ["EU"]


def test_states_csv_is_deterministic_lf() -> None:
    raw = (ROOT / "data" / "actors" / "states.csv").read_bytes()
    assert b"\r\n" not in raw
    frame = pd.read_csv(ROOT / "data" / "actors" / "states.csv", dtype=str, keep_default_na=False)
    assert list(frame.columns) == GAZETTEER_COLUMNS
    assert frame["surface"].is_unique
    # no ISO two-letter codes (the pronoun-safe "US" lives in curated.csv)
    assert not frame["surface"].isin(["US", "PL", "DE", "FR"]).any()


# --- seed article -------------------------------------------------------------------


def test_seed_offsets_round_trip(seed_text: str, seed_mentions: pd.DataFrame) -> None:
    assert len(seed_mentions) > 40
    for start, end, surface in zip(
        seed_mentions["start"], seed_mentions["end"], seed_mentions["surface"], strict=True
    ):
        assert seed_text[start:end] == surface


def test_seed_columns_and_sorting(seed_mentions: pd.DataFrame) -> None:
    assert list(seed_mentions.columns) == MENTION_COLUMNS
    keys = seed_mentions[["doc_id", "sentence_id", "start"]]
    assert keys.equals(keys.sort_values(["doc_id", "sentence_id", "start"]))
    for col in ("sentence_id", "start", "end"):
        assert seed_mentions[col].dtype == "int64"
    assert set(seed_mentions["actor_type"]) <= set(actors.ACTOR_TYPES)


def test_seed_poland(seed_text: str, seed_mentions: pd.DataFrame) -> None:
    poland = seed_mentions[seed_mentions["actor_code"] == "POL"]
    assert len(poland) >= 15
    assert set(poland["actor"]) == {"Poland"}
    assert {"Poland", "Polish", "Zalewski", "Pawel Zalewski", "Donald Tusk"} <= set(
        poland["surface"]
    )
    zalewski = poland[poland["surface"] == "Zalewski"]
    assert len(zalewski) >= 5  # includes "Zalewski’s" (curly possessive)
    assert set(zalewski["person"]) == {"Pawel Zalewski"}
    assert set(zalewski["role"]) == {"Deputy Defence Minister"}
    assert set(zalewski["kind"]) == {"official"}
    tusk = poland[poland["person"] == "Donald Tusk"]
    assert list(tusk["kind"]) == ["leader"] and list(tusk["role"]) == ["Prime Minister"]
    # "Poland’s" with a curly apostrophe still counts
    assert (poland["surface"] == "Poland").sum() == seed_text.count("Poland") == 8


def test_seed_russia_ukraine_belarus(seed_mentions: pd.DataFrame) -> None:
    assert {"Russia", "Russian", "Moscow", "The Kremlin", "Kaliningrad"} <= surfaces(
        seed_mentions, "RUS"
    )
    kaliningrad = seed_mentions[seed_mentions["surface"] == "Kaliningrad"]
    assert list(kaliningrad["kind"]) == ["place"]
    # "Moscow-controlled" (hyphen) and "Moscow’s" (possessive) both count
    assert (seed_mentions["surface"] == "Moscow").sum() == 3
    assert {"Kyiv", "Ukraine", "Ukrainian", "Volodymyr Zelensky"} <= surfaces(seed_mentions, "UKR")
    assert (seed_mentions["actor_code"] == "BLR").sum() == 3  # incl. "Belarus’s"


def test_seed_coalition_states_us_china_eu(seed_mentions: pd.DataFrame) -> None:
    codes = set(seed_mentions["actor_code"])
    assert {"AUS", "BEL", "CAN", "EST", "FRA", "LTU", "GBR"} <= codes
    assert {"US", "The US", "Washington"} <= surfaces(seed_mentions, "USA")
    assert surfaces(seed_mentions, "CHN") == {"Chinese"}
    assert surfaces(seed_mentions, "EU") == {"EU"}
    assert surfaces(seed_mentions, "COW") == {"Coalition of the Willing"}
    cow = seed_mentions[seed_mentions["actor_code"] == "COW"]
    assert list(cow["actor"]) == ["Coalition of the Willing"]
    assert list(cow["actor_type"]) == ["coalition"]
    assert surfaces(seed_mentions, "WEST") == {"Western"}
    assert surfaces(seed_mentions, "EUROPE") == {"Europe"}


def test_seed_outlets_are_not_mentions(seed_text: str, seed_mentions: pd.DataFrame) -> None:
    post = seed_text.index("Kyiv Post")
    overlapping = seed_mentions[
        (seed_mentions["start"] < post + len("Kyiv Post")) & (seed_mentions["end"] > post)
    ]
    assert overlapping.empty
    assert not seed_mentions["surface"].str.contains("Kyivpost|Post").any()
    # "Polish outlet RMF24": Polish still counts
    assert (seed_mentions["surface"] == "Polish").sum() == 3


# --- matching rules -----------------------------------------------------------------


def test_pronoun_us_is_not_usa() -> None:
    assert one("let us go, as they told us").empty
    assert one("Us and them").empty
    assert one("USAID and FOCUS groups").empty
    assert list(one("the US and the U.S.-led coalition")["actor_code"]) == ["USA", "USA"]


@pytest.mark.parametrize(
    "word",
    ["Polish", "British", "French", "German", "Chinese", "Russian", "Ukrainian", "Belarusian"],
)
def test_demonyms_as_adjectives(word: str) -> None:
    m = one(f"{word} troops")
    assert len(m) == 1 and m.loc[0, "kind"] == "demonym" and m.loc[0, "surface"] == word


@pytest.mark.parametrize(
    ("text", "code", "surface"),
    [
        ("Belarus’s border", "BLR", "Belarus"),
        ("Belarus's border", "BLR", "Belarus"),
        ("pro-Russian forces", "RUS", "Russian"),
        ("Britain and the UK", "GBR", "Britain"),
        ("Dutch F-16s", "NLD", "Dutch"),
        ("Türkiye hosted talks", "TUR", "Türkiye"),
        ("Czechia sent shells", "CZE", "Czechia"),
        ("Moldovan airspace", "MDA", "Moldovan"),
        ("Orban and Orbán", "HUN", "Orban"),
        ("Erdogan met Erdoğan", "TUR", "Erdogan"),
        ("Mark Rutte said", "NATO", "Mark Rutte"),
        ("Kallas said", "EU", "Kallas"),
        ("Crimea is Ukraine", "UKR", "Crimea"),
        ("the coalition of the willing met", "COW", "the coalition of the willing"),
        ("the coalition's planners met", "COW", "the coalition"),
        ("Downing Street said", "GBR", "Downing Street"),
        ("the Elysee said", "FRA", "the Elysee"),
        ("European Commission", "EU", "European Commission"),
        ("European leaders", "EUROPE", "European"),
        ("Kiev", "UKR", "Kiev"),
    ],
)
def test_surface_forms(text: str, code: str, surface: str) -> None:
    m = one(text)
    assert m.loc[0, "actor_code"] == code
    assert m.loc[0, "surface"] == surface


def test_leftmost_longest_and_exclusions() -> None:
    m = one("The European Union and the Washington Post and Radio Free Europe")
    assert list(m["surface"]) == ["European Union"]
    m = one("the European Council on Foreign Relations and the Budapest Memorandum")
    assert m.empty
    m = one("Latin American states and Western Balkans")
    assert m.empty


def test_whitespace_and_document_offsets() -> None:
    sentences = pd.DataFrame(
        {
            "doc_id": ["b", "a", "a"],
            "sentence_id": [0, 1, 0],
            "start": [0, 30, 0],
            "end": [20, 60, 25],
            "text": ["the United\nStates", "Tusk met Merz.", "Kyiv and the Kremlin"],
        }
    )
    m = find_mentions(sentences, GAZ)
    assert list(m["doc_id"]) == ["a", "a", "a", "a", "b"]
    assert list(m["surface"]) == ["Kyiv", "the Kremlin", "Tusk", "Merz", "the United\nStates"]
    assert list(m["start"]) == [0, 9, 30, 39, 0]
    assert list(m["end"]) == [4, 20, 34, 43, 17]


def test_default_gazetteer_is_used() -> None:
    m = find_mentions(line_sentences("Poland said no."))
    assert list(m["actor_code"]) == ["POL"]


def test_matcher_is_cached() -> None:
    assert actors.get_matcher(GAZ) is actors.get_matcher(GAZ.copy())


# --- empty input and counts ---------------------------------------------------------


def test_empty_input() -> None:
    empty = pd.DataFrame(columns=["doc_id", "sentence_id", "start", "end", "text"])
    m = find_mentions(empty, GAZ)
    assert m.empty and list(m.columns) == MENTION_COLUMNS
    assert m["start"].dtype == "int64" and m["sentence_id"].dtype == "int64"
    assert pd.api.types.is_string_dtype(m["actor"])
    assert find_mentions(line_sentences("nothing here"), GAZ).columns.tolist() == MENTION_COLUMNS
    assert list(mention_counts(m).columns) == [
        "doc_id",
        "actor",
        "actor_code",
        "actor_type",
        "mentions",
    ]
    assert mention_counts(m).empty
    assert list(actor_counts(m).columns) == [
        "actor",
        "actor_code",
        "actor_type",
        "mentions",
        "documents",
    ]
    assert actor_counts(m).empty


def test_missing_sentence_column() -> None:
    with pytest.raises(ValueError, match="text"):
        find_mentions(pd.DataFrame({"doc_id": [], "sentence_id": [], "start": []}), GAZ)


def test_mention_counts(seed_mentions: pd.DataFrame) -> None:
    both = pd.concat(
        [seed_mentions, seed_mentions[seed_mentions["actor_code"] == "RUS"].assign(doc_id="z")],
        ignore_index=True,
    )
    counts = mention_counts(both)
    assert list(counts.columns) == ["doc_id", "actor", "actor_code", "actor_type", "mentions"]
    assert counts["mentions"].dtype == "int64"
    seed = counts[counts["doc_id"] == "seed"]
    assert seed.iloc[0]["actor"] == "Poland"
    assert seed["mentions"].is_monotonic_decreasing
    assert seed["mentions"].sum() == len(seed_mentions)
    # ties broken by actor name
    ones = seed[seed["mentions"] == 1]["actor"].tolist()
    assert ones == sorted(ones)
    assert counts["doc_id"].tolist() == sorted(counts["doc_id"].tolist())
    z = counts[counts["doc_id"] == "z"]
    assert z[["actor", "mentions"]].values.tolist() == [["Russia", 9]]


def test_actor_counts(seed_mentions: pd.DataFrame) -> None:
    two_docs = pd.concat([seed_mentions, seed_mentions.assign(doc_id="copy")], ignore_index=True)
    totals = actor_counts(two_docs)
    assert list(totals.columns) == ["actor", "actor_code", "actor_type", "mentions", "documents"]
    assert totals.iloc[0][["actor", "actor_code"]].tolist() == ["Poland", "POL"]
    assert totals["mentions"].is_monotonic_decreasing
    assert (totals["documents"] == 2).all()
    assert totals["mentions"].sum() == 2 * len(seed_mentions)
    poland = totals[totals["actor_code"] == "POL"].iloc[0]
    assert poland["mentions"] == 2 * (seed_mentions["actor_code"] == "POL").sum()
    ties = totals[totals["mentions"] == 2]["actor"].tolist()
    assert ties == sorted(ties)


def test_the_coalition_is_the_coalition_of_the_willing_but_no_other_coalition() -> None:
    sentences = pd.DataFrame(
        {
            "doc_id": ["d", "d"],
            "sentence_id": [0, 1],
            "start": [0, 40],
            "text": ["Her coalition partner objected.", "The ruling coalition met."],
        }
    )
    assert find_mentions(sentences).empty
