"""Tests of the commitments stage: the seed, the dev gold set, and small hard cases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import evaluate
from analysis.actors import find_mentions
from analysis.commitments import (
    COMMITMENT_COLUMNS,
    OUTPUT_COLUMNS,
    CueError,
    baseline_commitments,
    extract_commitments,
    load_cues,
)
from analysis.corpus import load_documents, make_document, to_frame
from analysis.tokens import split_sentences

SEED = evaluate.SEED_TEXT
SEED_ID = SEED.stem

# Dev gold: the extractor reaches 1.0 on the dev split (seed + five dev texts), which it was
# tuned on; the assertion leaves a small margin.
DEV_F1 = 0.95
# Held-out test split (never read while developing), scored once at the end: F1 0.824
# (P 0.946, R 0.729; baseline 0.411). Below the 0.9 target, reported as such; the threshold
# is set just below what was measured and was not tuned on the test errors.
TEST_F1 = 0.80


def _tables(paths):
    sentences = split_sentences(load_documents(paths))
    return sentences, find_mentions(sentences)


def _code(text: str) -> set[tuple]:
    documents = to_frame([make_document("t", text, {}, "t.txt")])
    sentences = split_sentences(documents)
    table = extract_commitments(sentences, find_mentions(sentences))
    return {(r.actor_code, r.commitment, r.stance) for r in table.itertuples()}


@pytest.fixture(scope="module")
def seed_table() -> pd.DataFrame:
    return extract_commitments(*_tables([SEED]))


def test_seed_matches_gold_exactly(seed_table):
    gold = evaluate.load_gold()
    gold = gold[gold["doc_id"] == SEED_ID]
    scores = evaluate.score(seed_table, gold)
    assert scores.loc[0, "f1"] == 1.0
    assert evaluate.score_opposes(seed_table, gold).loc[0, "f1"] == 1.0


def test_seed_rows(seed_table):
    got = {(r.actor_code, r.commitment, r.stance) for r in seed_table.itertuples()}
    expected = {
        ("POL", "troops", "rules_out"),
        ("POL", "logistics", "offers"),
        ("POL", "sanctions", "urges"),
        ("USA", "troops", "rules_out"),
        ("USA", "intelligence", "offers"),
        ("USA", "arms", "offers"),
        ("RUS", "troops", "opposes"),
        ("RUS", "troops", "urges"),
        ("UKR", "troops", "opposes"),
    } | {(c, "troops", "considers") for c in ["AUS", "BEL", "CAN", "EST", "FRA", "LTU", "GBR"]}
    assert got == expected
    listed = seed_table[seed_table["resolved_via"] == "list"]
    assert listed["hedged"].all() and (listed["cameo"] == "014").all()
    us = seed_table[seed_table["actor_code"] == "USA"].set_index("commitment")
    assert not us.loc["troops", "hedged"] and us.loc["arms", "hedged"]
    assert us.loc["troops", "cameo"] == "1224" and us.loc["intelligence", "cameo"] == "0314"
    quote = seed_table[seed_table["sentence"].str.startswith("Therefore")]
    assert quote["speaker"].tolist() == ["Poland"]  # attribution after the quote
    assert not seed_table["sentence"].str.contains("RMF24|Middle East").any()


def test_columns_sorted_and_deterministic(seed_table):
    assert list(seed_table.columns) == OUTPUT_COLUMNS
    assert OUTPUT_COLUMNS[: len(COMMITMENT_COLUMNS)] == COMMITMENT_COLUMNS
    assert seed_table["hedged"].dtype == bool and seed_table["sentence_id"].dtype == "int64"
    keys = ["doc_id", "sentence_id", "actor_code", "commitment"]
    assert seed_table.equals(seed_table.sort_values(keys, ignore_index=True))
    assert not seed_table.duplicated(keys).any()
    again = extract_commitments(*_tables([SEED]))
    pd.testing.assert_frame_equal(seed_table, again)


def test_empty_input_gives_typed_empty_frame():
    empty = pd.DataFrame(columns=["doc_id", "sentence_id", "paragraph_id", "start", "end", "text"])
    for function in (extract_commitments, baseline_commitments):
        table = function(empty, pd.DataFrame())
        assert table.empty and list(table.columns) == OUTPUT_COLUMNS
        assert table["hedged"].dtype == bool


def _dev_scores(split: str):
    paths = evaluate.annotation_texts(split)
    sentences, mentions = _tables(paths)
    gold = evaluate.load_gold()
    docs = [p.stem for p in paths]
    gold = gold[gold["doc_id"].isin(docs)]
    ours = evaluate.score(extract_commitments(sentences, mentions), gold, documents=docs)
    base = evaluate.score(baseline_commitments(sentences, mentions), gold, documents=docs)
    return ours.loc[0], base.loc[0]


def test_dev_gold_f1_and_baseline_beaten():
    ours, base = _dev_scores("dev")
    assert ours["f1"] >= DEV_F1
    assert ours["f1"] - base["f1"] >= 0.3


def test_heldout_test_split_f1():
    if not evaluate.annotation_texts("test"):
        pytest.skip("no held-out texts")
    ours, base = _dev_scores("test")
    assert ours["f1"] >= TEST_F1
    assert ours["f1"] > base["f1"]


CASES = [
    # refusals and negation
    ("Britain has refused to send troops to Ukraine.", {("GBR", "troops", "rules_out")}),
    (
        "Germany will not deploy soldiers to Ukraine, Chancellor Olaf Scholz said.",
        {("DEU", "troops", "rules_out")},
    ),
    ("Canada has not ruled out sending troops to Ukraine.", {("CAN", "troops", "considers")}),
    (
        "Japan will not send troops but will fund demining.",
        {("JPN", "troops", "rules_out"), ("JPN", "naval", "offers")},
    ),
    (
        "Slovakia's Prime Minister Robert Fico said his country would not send a single bullet "
        "to Ukraine.",
        {("SVK", "arms", "rules_out")},
    ),
    # blocking sanctions is ruling them out, not opposing
    ("Hungary vetoes new EU sanctions against Russia.", {("HUN", "sanctions", "rules_out")}),
    (
        "Belgium threatened to veto the use of frozen assets for a reparations loan.",
        {("BEL", "funding", "rules_out")},
    ),
    # hedges and deliberation
    (
        "Sweden is reportedly considering sending fighter jets to patrol Ukrainian airspace.",
        {("SWE", "air", "considers")},
    ),
    (
        "Estonia may send a company of troops, Estonian Prime Minister Kristen Michal said.",
        {("EST", "troops", "considers")},
    ),
    # lists: across sentences and inline
    (
        "Several countries have offered to send troops. They are France, Britain and Denmark.",
        {("FRA", "troops", "offers"), ("GBR", "troops", "offers"), ("DNK", "troops", "offers")},
    ),
    (
        "Several nations, including Norway and Finland, have pledged air defence systems.",
        {("NOR", "arms", "offers"), ("FIN", "arms", "offers")},
    ),
    (
        "Those pressing for tougher sanctions include Poland and Lithuania.",
        {("POL", "sanctions", "urges"), ("LTU", "sanctions", "urges")},
    ),
    (
        "France will send troops. Sweden and Norway are weighing similar contributions.",
        {
            ("FRA", "troops", "offers"),
            ("SWE", "troops", "considers"),
            ("NOR", "troops", "considers"),
        },
    ),
    # pronouns and speakers
    (
        "President Emmanuel Macron said France is ready to deploy troops. He added that Paris "
        "would also provide air cover.",
        {("FRA", "troops", "offers"), ("FRA", "air", "offers")},
    ),
    (
        '"We will not send our soldiers to Ukraine," Orban told reporters.',
        {("HUN", "troops", "rules_out")},
    ),
    (
        "Rutte said NATO allies should send more air defence systems to Ukraine.",
        {("NATO", "arms", "urges")},
    ),
    # possessive and passive by-agent
    ("Italy's offer of mine-clearing ships was welcomed by Kyiv.", {("ITA", "naval", "offers")}),
    (
        "The proposal to deploy Turkish troops was rejected by Moscow.",
        {("RUS", "troops", "opposes")},
    ),
    # urging and opposing
    (
        "Ukraine urged its allies to impose tougher sanctions on Russia.",
        {("UKR", "sanctions", "urges")},
    ),
    (
        "Russia has repeatedly warned against the deployment of Western troops in Ukraine.",
        {("RUS", "troops", "opposes")},
    ),
    (
        "Kremlin spokesman Dmitry Peskov said Russia would never agree to NATO troops in Ukraine.",
        {("RUS", "troops", "opposes")},
    ),
    # mixed 'but' clauses
    (
        "The United States will share intelligence with Kyiv, but Washington has no plans to "
        "deploy troops.",
        {("USA", "intelligence", "offers"), ("USA", "troops", "rules_out")},
    ),
    (
        "Romania will not participate with troops in Ukraine but is ready to help with logistics "
        "and air policing.",
        {("ROU", "troops", "rules_out"), ("ROU", "logistics", "offers"), ("ROU", "air", "offers")},
    ),
    # the recipient is not a provider; groups are not states
    (
        "The Netherlands pledged €3.5 billion in military aid to Ukraine.",
        {("NLD", "arms", "offers")},
    ),
    ("Ukraine's allies have pledged more weapons.", set()),
    ("Ukraine's air defence shot down 40 missiles overnight.", set()),
    (
        "Around 30 countries have signed up to the coalition, but only a few have publicly "
        "committed to sending troops.",
        set(),
    ),
    ("Russian forces have deployed troops near Kharkiv.", set()),
    ("Europe is considering sending peacekeepers.", {("EUROPE", "troops", "considers")}),
    (
        "Leaders of the Coalition of the Willing signed a declaration committing to deploy a "
        "multinational force.",
        {("COW", "troops", "offers")},
    ),
    # history is not a commitment
    ("Germany delivered 20 Leopard tanks to Ukraine in 2023.", set()),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_hard_cases(text, expected):
    assert _code(text) == expected


def test_baseline_is_naive():
    text = "Poland has ruled out sending troops to Ukraine."
    documents = to_frame([make_document("t", text, {}, "t.txt")])
    sentences = split_sentences(documents)
    table = baseline_commitments(sentences, find_mentions(sentences))
    assert set(zip(table["actor_code"], table["stance"], strict=True)) == {
        ("POL", "offers"),
        ("UKR", "offers"),
    }


def test_custom_cue_folder_and_errors(tmp_path: Path):
    folder = tmp_path / "cues"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data" / "cues", folder)
    lexicon = load_cues(str(folder))
    assert lexicon.cameo[("troops", "rules_out", "any")] == "1224"
    bad = tmp_path / "bad"
    shutil.copytree(folder, bad)
    (bad / "terms.csv").write_text("commitment,pattern,weak,note\nrockets,(,false,\n")
    with pytest.raises(CueError, match="terms.csv"):
        load_cues(str(bad))
