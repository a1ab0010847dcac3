"""Tests for analysis.evaluate: scoring arithmetic and the shipped gold standard."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import evaluate as ev


def rows(*items: tuple[str, str, str, str]) -> pd.DataFrame:
    """Commitments frame from (doc_id, actor_code, commitment, stance) tuples."""
    return pd.DataFrame(items, columns=["doc_id", "actor_code", "commitment", "stance"])


GOLD = rows(
    ("d1", "POL", "troops", "rules_out"),
    ("d1", "POL", "logistics", "offers"),
    ("d1", "USA", "intelligence", "offers"),
    ("d2", "FRA", "troops", "considers"),
    ("d2", "RUS", "troops", "opposes"),
)


def only(frame: pd.DataFrame) -> dict:
    assert len(frame) == 1
    return frame.iloc[0].to_dict()


# ---------------------------------------------------------------- triples


def test_triples_polarity_and_opposes_dropped():
    t = ev.triples(
        rows(
            ("d", "fra", "troops", "considers"),
            ("d", "UKR", "arms", "urges"),
            ("d", "POL", "troops", "rules_out"),
            ("d", "DEU", "arms", "offers"),
            ("d", "RUS", "troops", "opposes"),
        )
    )
    got = {(r.actor_code, r.commitment, r.polarity) for r in t.itertuples()}
    assert got == {
        ("FRA", "troops", "+"),
        ("UKR", "arms", "+"),
        ("POL", "troops", "-"),
        ("DEU", "arms", "+"),
    }
    assert list(t.columns) == ["doc_id", "actor_code", "commitment", "polarity"]


def test_triples_deduplicates_and_sorts():
    t = ev.triples(
        rows(
            ("d2", "POL", "troops", "offers"),
            ("d1", "POL", "troops", "considers"),
            ("d1", "POL", "troops", "offers"),
        )
    )
    assert t.to_dict("records") == [
        {"doc_id": "d1", "actor_code": "POL", "commitment": "troops", "polarity": "+"},
        {"doc_id": "d2", "actor_code": "POL", "commitment": "troops", "polarity": "+"},
    ]


def test_triples_rejects_unknown_stance():
    with pytest.raises(ValueError, match="supports"):
        ev.triples(rows(("d", "POL", "troops", "supports")))


# ---------------------------------------------------------------- score


def test_perfect_prediction_scores_one():
    s = only(ev.score(GOLD, GOLD))
    assert (s["tp"], s["fp"], s["fn"]) == (4, 0, 0)
    assert s["precision"] == s["recall"] == s["f1"] == 1.0


def test_stance_within_same_polarity_matches():
    # gold "considers" vs predicted "offers": both "+", the triple matches
    pred = rows(("d2", "FRA", "troops", "offers"))
    s = only(ev.score(pred, GOLD[GOLD.doc_id == "d2"]))
    assert (s["tp"], s["fp"], s["fn"]) == (1, 0, 0)


def test_one_false_positive_one_false_negative_exact_numbers():
    pred = rows(
        ("d1", "POL", "troops", "rules_out"),
        ("d1", "POL", "logistics", "offers"),
        ("d1", "USA", "arms", "offers"),  # fp
        ("d2", "FRA", "troops", "considers"),
        # missing: d1 USA intelligence + (fn)
    )
    s = only(ev.score(pred, GOLD))
    assert (s["tp"], s["fp"], s["fn"]) == (3, 1, 1)
    assert s["precision"] == pytest.approx(0.75)
    assert s["recall"] == pytest.approx(0.75)
    assert s["f1"] == pytest.approx(0.75)


def test_wrong_polarity_is_one_fp_and_one_fn():
    pred = rows(("d1", "POL", "troops", "offers"))
    s = only(ev.score(pred, GOLD[GOLD.actor_code == "POL"].head(1)))
    assert (s["tp"], s["fp"], s["fn"]) == (0, 1, 1)
    assert s["precision"] == s["recall"] == s["f1"] == 0.0


def test_opposes_excluded_from_main_score_and_scored_apart():
    pred = GOLD[GOLD.stance != "opposes"]
    assert only(ev.score(pred, GOLD))["f1"] == 1.0
    extra = pd.concat([GOLD, rows(("d1", "UKR", "troops", "opposes"))])
    assert only(ev.score(extra, GOLD))["f1"] == 1.0
    o = only(ev.score_opposes(extra, GOLD))
    assert (o["tp"], o["fp"], o["fn"]) == (1, 1, 0)
    assert o["precision"] == pytest.approx(0.5)
    o2 = only(ev.score_opposes(pred, GOLD))
    assert (o2["tp"], o2["fp"], o2["fn"]) == (0, 0, 1)


def test_predictions_for_unscored_documents_are_ignored():
    pred = pd.concat([GOLD, rows(("other", "GBR", "troops", "offers"))])
    s = only(ev.score(pred, GOLD))
    assert (s["tp"], s["fp"], s["fn"]) == (4, 0, 0)


def test_explicit_documents_score_empty_gold_documents():
    pred = pd.concat([GOLD, rows(("empty", "GBR", "troops", "offers"))])
    s = only(ev.score(pred, GOLD, documents=["d1", "d2", "empty"]))
    assert (s["tp"], s["fp"], s["fn"]) == (4, 1, 0)


def test_score_by_document_and_commitment():
    pred = rows(("d1", "POL", "troops", "rules_out"), ("d1", "GBR", "air", "offers"))
    by_doc = ev.score(pred, GOLD, by="doc_id").set_index("doc_id")
    assert list(by_doc.index) == ["d1", "d2"]
    assert by_doc.loc["d1", ["tp", "fp", "fn"]].tolist() == [1, 1, 2]
    assert by_doc.loc["d2", ["tp", "fp", "fn"]].tolist() == [0, 0, 1]
    assert by_doc.loc["d2", "precision"] == 0.0  # nothing predicted, something missed
    by_c = ev.score(pred, GOLD, by="commitment").set_index("commitment")
    assert by_c.loc["troops", ["tp", "fp", "fn"]].tolist() == [1, 0, 1]
    assert by_c.loc["air", ["tp", "fp", "fn"]].tolist() == [0, 1, 0]
    assert by_c.loc["air", "recall"] == 0.0
    assert by_c["tp"].sum() == 1 and by_c["fp"].sum() == 1 and by_c["fn"].sum() == 3
    with pytest.raises(ValueError, match="by must be"):
        ev.score(pred, GOLD, by="actor")


def test_zero_denominator_conventions():
    empty = rows()
    gold_empty_doc = rows(("d", "RUS", "troops", "opposes"))  # no scored triples
    s = only(ev.score(empty, gold_empty_doc))
    assert (s["tp"], s["fp"], s["fn"]) == (0, 0, 0)
    assert s["precision"] == s["recall"] == s["f1"] == 1.0
    s = only(ev.score(empty, GOLD))
    assert s["precision"] == s["recall"] == s["f1"] == 0.0


def test_errors_lists_fp_and_fn():
    pred = rows(("d1", "POL", "troops", "rules_out"), ("d2", "GBR", "air", "offers"))
    e = ev.errors(pred, GOLD)
    assert list(e.columns) == ["doc_id", "actor_code", "commitment", "polarity", "kind"]
    got = {(r.doc_id, r.actor_code, r.commitment, r.polarity, r.kind) for r in e.itertuples()}
    assert got == {
        ("d1", "POL", "logistics", "+", "false negative"),
        ("d1", "USA", "intelligence", "+", "false negative"),
        ("d2", "FRA", "troops", "+", "false negative"),
        ("d2", "GBR", "air", "+", "false positive"),
    }
    eo = ev.errors(pred, GOLD, opposes=True)
    assert eo.to_dict("records") == [
        {"doc_id": "d2", "actor_code": "RUS", "commitment": "troops", "kind": "false negative"}
    ]


# ---------------------------------------------------------------- load_gold (real folder)


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return ev.load_gold()


def test_load_gold_reads_every_file(gold):
    files = sorted(ev.GOLD_DIR.glob("*.csv"))
    assert len(files) >= 9
    assert sorted(set(gold.doc_id)) == [f.stem for f in files]
    assert gold.attrs["documents"] == [f.stem for f in files]
    assert list(gold.columns) == ev.GOLD_COLUMNS
    assert gold["hedged"].dtype == bool
    assert set(gold.commitment) <= set(ev.COMMITMENTS)
    assert set(gold.stance) <= set(ev.STANCES)


def test_every_text_has_gold_and_every_gold_has_text(gold):
    texts = {p.stem for p in ev.annotation_texts("all")}
    assert texts == set(gold.doc_id)
    dev = {p.stem for p in ev.annotation_texts("dev")}
    test = {p.stem for p in ev.annotation_texts("test")}
    assert not dev & test
    assert "000_c415b0ac414dcec2" in dev
    assert len(dev) >= 5 and len(test) >= 4
    with pytest.raises(ValueError, match="split"):
        ev.annotation_texts("train")


def test_gold_evidence_sentences_are_verbatim(gold):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in ev.annotation_texts("all")}
    for row in gold.itertuples():
        assert row.sentence in texts[row.doc_id], (row.doc_id, row.sentence)


def test_cameo_codes_keep_leading_zeros(gold):
    assert gold.cameo.str.fullmatch(r"\d{3,4}").all()
    assert "014" in set(gold.cameo) and "0334" in set(gold.cameo)


def test_seed_gold_has_required_rows(gold):
    seed = gold[gold.doc_id == "000_c415b0ac414dcec2"]
    have = {(r.actor_code, r.commitment, r.stance) for r in seed.itertuples()}
    required = {
        ("POL", "troops", "rules_out"),
        ("POL", "logistics", "offers"),
        ("POL", "sanctions", "urges"),
        ("USA", "troops", "rules_out"),
        ("USA", "intelligence", "offers"),
        ("USA", "arms", "offers"),
    } | {(c, "troops", "considers") for c in ["AUS", "BEL", "CAN", "EST", "FRA", "LTU", "GBR"]}
    assert required <= have
    listed = seed[(seed.stance == "considers") & (seed.commitment == "troops")]
    assert listed.hedged.all()
    assert set(listed.sentence) == {
        "Those include Australia, Belgium, Canada, Estonia, France, Lithuania"
        " and the United Kingdom."
    }
    us = seed[(seed.actor_code == "USA") & (seed.stance == "offers")]
    assert us.hedged.all()
    sanctions = seed[seed.commitment == "sanctions"].iloc[0]
    assert sanctions.speaker == "Poland"
    assert sanctions.sentence.startswith("He said more pressure")


# ---------------------------------------------------------------- load_gold (malformed)

HEADER = ",".join(ev.GOLD_COLUMNS)
GOOD = "x,Poland will send troops.,Poland,POL,troops,offers,false,,0334,"


def write(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_gold_accepts_good_file(tmp_path):
    write(tmp_path, "x.csv", [HEADER, GOOD])
    g = ev.load_gold(tmp_path)
    assert len(g) == 1 and g.cameo.iloc[0] == "0334" and not g.hedged.iloc[0]


def test_load_gold_unknown_stance_names_file_and_row(tmp_path):
    write(tmp_path, "x.csv", [HEADER, GOOD, GOOD.replace("offers", "supports")])
    with pytest.raises(ValueError, match=r"x\.csv, row 2.*supports"):
        ev.load_gold(tmp_path)


def test_load_gold_unknown_commitment(tmp_path):
    write(tmp_path, "x.csv", [HEADER, GOOD.replace("troops,offers", "buffer_zone,offers")])
    with pytest.raises(ValueError, match=r"x\.csv, row 1.*buffer_zone"):
        ev.load_gold(tmp_path)


def test_load_gold_missing_column(tmp_path):
    header = HEADER.replace(",cameo", "")
    write(tmp_path, "x.csv", [header, GOOD.rsplit(",", 2)[0] + ","])
    with pytest.raises(ValueError, match=r"x\.csv.*cameo"):
        ev.load_gold(tmp_path)


def test_load_gold_doc_id_must_match_file_name(tmp_path):
    write(tmp_path, "y.csv", [HEADER, GOOD])
    with pytest.raises(ValueError, match=r"y\.csv, row 1.*'x'"):
        ev.load_gold(tmp_path)


def test_load_gold_bad_hedged(tmp_path):
    write(tmp_path, "x.csv", [HEADER, GOOD.replace("false", "maybe")])
    with pytest.raises(ValueError, match=r"x\.csv.*hedged"):
        ev.load_gold(tmp_path)


def test_load_gold_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        ev.load_gold(tmp_path / "nope")


def test_compare_scores_each_system_on_each_split():
    gold = ev.load_gold()
    nothing = gold.iloc[0:0]
    table = ev.compare({"perfect": gold, "silent": nothing}, gold)
    assert list(table[["split", "system"]].itertuples(index=False, name=None)) == [
        ("dev", "perfect"),
        ("dev", "silent"),
        ("test", "perfect"),
        ("test", "silent"),
    ]
    assert list(table["f1"]) == [1.0, 0.0, 1.0, 0.0]
    dev_triples = table.loc[0, "tp"]
    assert table.loc[1, "fn"] == dev_triples and table.loc[1, "tp"] == 0


def test_scoring_an_empty_split_gives_a_table_not_an_arrow_error():
    gold = ev.load_gold().iloc[:0]
    empty = pd.DataFrame(columns=gold.columns)
    table = ev.score(empty, gold, documents=[])
    assert table[["tp", "fp", "fn"]].sum().sum() == 0
    assert ev.errors(empty, gold, documents=[]).empty
