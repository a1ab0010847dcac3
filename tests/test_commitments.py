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
    commitment_matrix,
    extract_commitments,
    load_cues,
)
from analysis.corpus import load_documents, make_document, to_frame
from analysis.tokens import split_sentences

SEED = evaluate.SEED_TEXT
SEED_ID = SEED.stem

# Dev gold: seed + 101-105 + 201-204 (201-204 were held out in round 1, scored F1 0.824, then
# moved to dev and tuned on). The extractor reaches 1.0 on all of dev (P 1.0, R 1.0, 108
# triples; opposes 9/9); these are tuned-on texts, so this only guards against regressions.
DEV_F1 = 0.98
# Round 2 (301-308): held out at F1 0.734, then dev; general rules drawn from its errors
# (negation scope, "plan by X", "the scheme" anaphora, ...) raised it to 0.866; round 4
# ("<demonym> Defence Force personnel" is a state body) to 0.871.
# Round 5 of dev fixes (from round 4's errors) raised it to 0.896; round 6 (from round 5's
# errors: a modal's own negation, 'members of', destinations, supplies to Russia) to 0.930.
DEV_ROUND2_F1 = 0.91
# Round 3 (401-408): held out at F1 0.798 (P 0.867, R 0.739), then dev; general rules from
# its errors (verbless lists after a dash or 'but', 'neither ... nor', hypotheticals, 'set to
# receive', 'hoped X would', 'preferring to', ', through which') raised it to 0.923; round 4
# (', and <actor> <verb>' opens a clause, 'announced' + amount, amounts absorb like money
# verbs) to 0.945; the round-4 fixes (interview answers speak for the interviewee, a list
# ending in a group term, 'made clear', buying weapons for Ukraine, 'F-16 pilots' are
# training, own airspace) to 0.982.
DEV_ROUND3_F1 = 0.96
# Round 4 (501-508): held out at F1 0.814 (P 0.897, R 0.745), then dev; general rules from
# its errors (relative clauses whose antecedent sits in a prepositional phrase, 'said X ...
# that' with a cue before 'that', 'stopped short of', 'not on the agenda', a gerund subject,
# 'taking part', 'heading a', evaluative objections such as 'a grave mistake', embassies as
# state bodies, amounts of military aid as funding, appositions after an adjective, headline
# ', rules out ...', object relatives 'which Hungary has held up', venues in a PP not owners,
# 'in London, Zelensky' not a list) raised it to 0.876.
DEV_ROUND4_F1 = 0.86
# Round 5 (601-608): held out at F1 0.758 (P 0.867, R 0.673), then dev; general rules from
# its errors (interview turns labelled with names, 'it' after a vague group, 'Both' and 'the
# three' as plural pronouns, a contrasting clause without an object of its own repeating
# its partner's support, 'spend ... on', 'stay at home', 'would like to see', refusals that
# are only timing, what a weapon protects, a name in apposition before 'said', 'X remain the
# only countries that', 'asked its partners to', others' ships made welcome are not one's
# own offer) raised it to 0.913.
DEV_ROUND5_F1 = 0.90
# Round 6 (701-708, longer texts with more background): held out at F1 0.717 (P 0.738,
# R 0.697), then dev; general rules from its errors (history in the clause, 'keep' + verb,
# open 'Whether ...' questions, newsletter labels, 'rather than', 'no plans at this stage',
# 'has not decided', a colon before a capital opens a clause, 'foot the bill', more
# objections, 'agreed that' reports, 'Ukraine force' in headlines) raised it to 0.854.
DEV_ROUND6_F1 = 0.83
# Round 7 (801-808): held out at F1 0.828 (P 0.850, R 0.807), then dev; general rules from
# its errors ('Asked whether ...' leads, a name in apposition before 'has said', 'our
# soldiers are needed here', 'resisted pressure to', 'an exemption from', RAF / Royal Navy /
# Bundeswehr as state bodies, 'fly missions', 'help police') raised it to 0.871.
DEV_ROUND7_F1 = 0.86
# Round 8 (901-908): held out at F1 0.712 (P 0.776, R 0.659), then dev; general rules from
# its errors (jets handed over are arms, others' forces hosted are no offer, 'support the
# force with', 'cross into Ukraine', 'remain the main hub', 'paying for', 'add another',
# 'reviewing ways to', locations after 'from <Place>', a colon after a label starts a new
# sentence, 'the country's own airspace') raised it to 0.795.
DEV_ROUND8_F1 = 0.78
# Round 9 (951-958): held out at F1 0.740 (P 0.845, R 0.658; baseline 0.437), then dev;
# general rules from its errors ('demurred at', 'keep its soldiers out of', 'needed at
# home', 'That group includes' lists, states listed as the subject of a report, 'tougher
# measures' as sanctions, "Zelensky's office" as a state body, 'but not to a combat
# contingent', a second infinitive ending a money verb's reach, 'in the air and at sea')
# raised it to 0.862.
DEV_ROUND9_F1 = 0.85
# Round 10 (961-968): held out at F1 0.864 (P 0.864, R 0.864; baseline 0.367), then dev
# once round 11 had been scored; general rules from its errors (', offering instead to' opens
# a clause, 'not yet taken a final decision', 'allocate ... servicemen' is no money, 'gave'
# as delivery (history with 'in 2024'), 'not a single bullet' as a negated subject, 'shares a
# border', ', a NATO member that ...' as an apposition) raised it to 0.912 (0.921 with the
# round-11 rules).
DEV_ROUND10_F1 = 0.91
# Round 11 (971-978): held out at F1 0.827 (P 0.835, R 0.819; baseline 0.476), then dev
# once round 12 had been scored; general rules from its errors ('has not said whether' is
# no answer, listing tankers as sanctions, a headline's 'as' before a new subject and verb,
# and pushing the EU to list tankers) raised it to 0.854 and round 10 to 0.921.
DEV_ROUND11_F1 = 0.83
# Round 12 (981-988): held out at F1 0.788 (P 0.835, R 0.745; baseline 0.423), then dev
# once round 13 had been scored; general rules from its errors (a headquarters the force
# leads or is deployed with is no logistics offer, ceasefire-monitoring mechanisms and
# satellite information as intelligence) raised it to 0.806.
DEV_ROUND12_F1 = 0.79
# Round 13 (991-998): held out at F1 0.663 (P 0.783, R 0.574; baseline 0.366), then dev
# once round 14 had been scored; the rule drawn from its errors (an interview printed
# without labels: short paragraphs ending in a question are the interviewer's, the
# paragraphs after them answer for the interviewee named in an introduction that says it is
# an interview) raised it to 0.702 (its ERR interview from 0.40).
DEV_ROUND13_F1 = 0.70
# Round 14 (a01-a08): held out at F1 0.733 (P 0.796, R 0.679; baseline 0.395), then dev
# once round 15 had been scored; general rules from its errors ('neither soldiers nor
# weapons', "her government" owned by the person named earlier in the sentence, 'a full
# services ban' as sanctions, a state refusing to accept sanctions it would impose rules them
# out) raised it to 0.765.
DEV_ROUND14_F1 = 0.75
# Round 15 (a11-a18): held out at F1 0.850 (P 0.820, R 0.882; baseline 0.350), then dev
# once round 16 had been scored; general rules from its errors ('with headquarters and
# soldiers' is no logistics offer, 'denied providing weapons', 'will stay at home') raised it
# to 0.859.
DEV_ROUND15_F1 = 0.85
# Held-out test split: rounds 16 (a21-a28) and 17 (a31-a38), each written by a new
# annotator blind to the extractor and never read while developing. Round 16 scored once,
# after the round-14 rules, at F1 0.770 (P 0.795, R 0.747; baseline 0.424); round 17 once,
# after the round-15 rules, at F1 0.811 (P 0.793, R 0.830; baseline 0.420). Together: F1
# 0.792 (P 0.794, R 0.789), 171 gold triples. Rounds 9 to 15 scored 0.740, 0.864, 0.827,
# 0.788, 0.663, 0.733 and 0.850 when each was held out, the earlier ones 0.824, 0.734, 0.798,
# 0.814, 0.758, 0.717, 0.828 and 0.712. Below the 0.9 target and reported as such. The
# threshold sits just below the measured value and was not tuned on the test errors.
TEST_F1 = 0.78


def _tables(paths):
    sentences = split_sentences(load_documents(paths))
    return sentences, find_mentions(sentences)


def _code(text: str) -> set[tuple]:
    documents = to_frame([make_document("t", text, {}, "t.txt")])
    sentences = split_sentences(documents)
    table = extract_commitments(sentences, find_mentions(sentences))
    return {(r.actor_code, r.commitment, r.stance) for r in table.itertuples()}


def test_interview_without_labels_answers_for_the_interviewee():
    text = (
        "Estonia is ready to send a company, Defence Minister Hanno Pevkur of Estonia said in "
        "an interview.\n\n"
        "Minister, what about the Americans?\n\n"
        "We need the United States to provide air cover.\n\n"
        "And training?\n\n"
        "We will keep training Ukrainian soldiers."
    )
    assert ("EST", "air", "urges") in _code(text)
    assert ("EST", "training", "offers") in _code(text)
    # the same turns with no introduction saying it is an interview: nobody's "we"
    plain = text.split("\n\n", 1)[1]
    assert not {c for c in _code(plain) if c[1] in {"air", "training"}}


def test_states_listed_as_speakers_each_speak_for_themselves():
    text = "Poland, Italy and Greece have all said their soldiers will not join a force."
    documents = to_frame([make_document("t", text, {}, "t.txt")])
    sentences = split_sentences(documents)
    table = extract_commitments(sentences, find_mentions(sentences))
    assert sorted(zip(table["actor_code"], table["speaker"], table["stance"], strict=True)) == [
        ("GRC", "Greece", "rules_out"),
        ("ITA", "Italy", "rules_out"),
        ("POL", "Poland", "rules_out"),
    ]


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


def _dev_scores(split: str, prefixes: tuple[str, ...] | None = None):
    paths = evaluate.annotation_texts(split)
    if prefixes is not None:
        paths = [p for p in paths if p.stem.startswith(prefixes)]
    sentences, mentions = _tables(paths)
    gold = evaluate.load_gold()
    docs = [p.stem for p in paths]
    gold = gold[gold["doc_id"].isin(docs)]
    ours = evaluate.score(extract_commitments(sentences, mentions), gold, documents=docs)
    base = evaluate.score(baseline_commitments(sentences, mentions), gold, documents=docs)
    return ours.loc[0], base.loc[0]


def test_dev_gold_f1_and_baseline_beaten():
    ours, base = _dev_scores("dev", ("000", "1", "2"))
    assert ours["f1"] >= DEV_F1
    assert ours["f1"] - base["f1"] >= 0.3
    # round 2 (301-308), dev since it was scored once: general rules only, not tuned to 1.0
    ours, base = _dev_scores("dev", ("3",))
    assert ours["f1"] >= DEV_ROUND2_F1
    assert ours["f1"] > base["f1"]
    # round 3 (401-408), dev since it was scored once
    ours, base = _dev_scores("dev", ("4",))
    assert ours["f1"] >= DEV_ROUND3_F1
    assert ours["f1"] > base["f1"]
    # round 4 (501-508), dev since it was scored once
    ours, base = _dev_scores("dev", ("5",))
    assert ours["f1"] >= DEV_ROUND4_F1
    assert ours["f1"] > base["f1"]
    # round 5 (601-608), dev since it was scored once
    ours, base = _dev_scores("dev", ("6",))
    assert ours["f1"] >= DEV_ROUND5_F1
    assert ours["f1"] > base["f1"]
    # round 6 (701-708), dev since it was scored once
    ours, base = _dev_scores("dev", ("7",))
    assert ours["f1"] >= DEV_ROUND6_F1
    assert ours["f1"] > base["f1"]
    # round 7 (801-808), dev since it was scored once
    ours, base = _dev_scores("dev", ("8",))
    assert ours["f1"] >= DEV_ROUND7_F1
    assert ours["f1"] > base["f1"]
    # round 8 (901-908), dev since it was scored once
    ours, base = _dev_scores("dev", ("90",))
    assert ours["f1"] >= DEV_ROUND8_F1
    assert ours["f1"] > base["f1"]
    # round 9 (951-958), dev since it was scored once
    ours, base = _dev_scores("dev", ("95",))
    assert ours["f1"] >= DEV_ROUND9_F1
    assert ours["f1"] > base["f1"]
    # round 10 (961-968), dev since it was scored once
    ours, base = _dev_scores("dev", ("96",))
    assert ours["f1"] >= DEV_ROUND10_F1
    assert ours["f1"] > base["f1"]
    # round 11 (971-978), dev since it was scored once
    ours, base = _dev_scores("dev", ("97",))
    assert ours["f1"] >= DEV_ROUND11_F1
    assert ours["f1"] > base["f1"]
    # round 12 (981-988), dev since it was scored once
    ours, base = _dev_scores("dev", ("98",))
    assert ours["f1"] >= DEV_ROUND12_F1
    assert ours["f1"] > base["f1"]
    # round 13 (991-998), dev since it was scored once
    ours, base = _dev_scores("dev", ("99",))
    assert ours["f1"] >= DEV_ROUND13_F1
    assert ours["f1"] > base["f1"]
    # round 14 (a01-a08), dev since it was scored once
    ours, base = _dev_scores("dev", ("a0",))
    assert ours["f1"] >= DEV_ROUND14_F1
    assert ours["f1"] > base["f1"]
    # round 15 (a11-a18), dev since it was scored once
    ours, base = _dev_scores("dev", ("a1",))
    assert ours["f1"] >= DEV_ROUND15_F1
    assert ours["f1"] > base["f1"]


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
        {("JPN", "troops", "rules_out"), ("JPN", "funding", "offers")},  # demining money
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
        # an amount of military aid with no named weapon is funding (guideline section 3)
        "The Netherlands pledged €3.5 billion in military aid to Ukraine.",
        {("NLD", "funding", "offers")},
    ),
    (
        "Canada announced $95 million in military assistance, including counter-drone equipment.",
        {("CAN", "arms", "offers")},
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
    # round-4 rules (general phrasings, not the round-4 sentences)
    (
        "The plan differs from that of Norway and Denmark, which have said they are ready "
        "to send minesweepers.",
        {("NOR", "naval", "offers"), ("DNK", "naval", "offers")},
    ),
    (
        "Scholz said the Bundeswehr would help, but he stopped short of committing troops.",
        {("DEU", "troops", "rules_out")},
    ),
    (
        "Sending a Polish brigade was not on the agenda, Warsaw said.",
        {("POL", "troops", "rules_out")},
    ),
    ("Zelensky pressed partners for more air defence.", {("UKR", "arms", "urges")}),
    (
        "Austria and Ireland are not taking part in the guarantees for the loan.",
        {("AUT", "funding", "rules_out"), ("IRL", "funding", "rules_out")},
    ),
    (
        "China's embassy in Berlin said deploying German troops to Ukraine would be "
        "a grave mistake.",
        {("CHN", "troops", "opposes")},
    ),
    (
        "Finnish surveillance aircraft could help monitor the ceasefire line.",
        {("FIN", "intelligence", "considers")},
    ),
    ("Greece wants exemptions from the maritime services ban in the sanctions package.", set()),
    ("Canada said its funding needs would be met, Ottawa said.", set()),
    (
        "Speaking in Brussels, Rutte asked allies to commit fighter jets to patrol the skies.",
        {("NATO", "air", "urges")},
    ),
    (
        "Romania ready to host coalition headquarters, rules out combat troops",
        {("ROU", "logistics", "offers"), ("ROU", "troops", "rules_out")},
    ),
    (
        "Ministers discussed the 21st sanctions package, which Hungary has held up for weeks.",
        {("HUN", "sanctions", "rules_out")},
    ),
    (
        "Part of the money will pay for air-defence systems bought through NATO's PURL scheme.",
        set(),
    ),
    (
        "Norway, Denmark and the three Baltic states are drafting a letter calling for "
        "tougher sanctions.",
        {("NOR", "sanctions", "urges"), ("DNK", "sanctions", "urges")},
    ),
    (
        "The coalition met in Paris and signed a declaration pledging to deploy a "
        "multinational force.",
        {("COW", "troops", "offers")},
    ),
    (
        "Latvia will use part of its budget to buy interceptor drones for Ukraine.",
        {("LVA", "arms", "offers")},
    ),
    ("Hungarian Gripens will keep policing Hungarian airspace.", set()),
    (
        "Moscow has made clear that it regards any British minesweepers in the Black Sea as "
        "a provocation.",
        {("RUS", "naval", "opposes")},
    ),
    (
        "Russia warned that Bulgarian participation in any NATO mission in the Black Sea "
        "would be treated as a provocation.",
        {("RUS", "naval", "opposes")},
    ),
    # round-5 rules
    (
        "A small group of countries has signalled it could send soldiers. Those include "
        "Norway and Finland, according to a list seen by Reuters.",
        {("NOR", "troops", "considers"), ("FIN", "troops", "considers")},
    ),
    (
        "Germany and Italy have pledged air defence. Both signed a declaration to deploy "
        "forces and to build protected military hubs.",
        {
            ("DEU", "arms", "offers"),
            ("ITA", "arms", "offers"),
            ("DEU", "troops", "offers"),
            ("ITA", "troops", "offers"),
            ("DEU", "logistics", "offers"),
            ("ITA", "logistics", "offers"),
        },
    ),
    (
        "Bratislava said it will not spend a single euro on weapons for Ukraine.",
        {("SVK", "arms", "rules_out")},
    ),
    (
        "President Stubb has made clear that Finnish troops will stay at home.",
        {("FIN", "troops", "rules_out")},
    ),
    (
        "Oslo would like to see tougher sanctions on the shadow fleet.",
        {("NOR", "sanctions", "urges")},
    ),
    (
        "Canada said it was open to contributing to the force, while Spain declined to commit.",
        {("CAN", "troops", "considers"), ("ESP", "troops", "rules_out")},
    ),
    ("Paris said no French soldier would deploy before a ceasefire was signed.", set()),
    (
        "Kyiv asked for more Patriot systems to protect its cities and energy infrastructure.",
        {("UKR", "arms", "urges")},
    ),
    (
        "Slovakia’s prime minister, Robert Fico, said his government would veto any new "
        "sanctions package.",
        {("SVK", "sanctions", "rules_out")},
    ),
    (
        "Spain and Portugal remain the only countries that have committed to sending minesweepers.",
        {("ESP", "naval", "offers"), ("PRT", "naval", "offers")},
    ),
    (
        "Kyiv has asked its partners to prioritise clearing the sea lanes.",
        {("UKR", "naval", "urges")},
    ),
    (
        "Bucharest will make its naval base at Mangalia available to allied minehunters.",
        {("ROU", "logistics", "offers")},
    ),
    (
        "Peskov said any Dutch soldier sent to Ukraine would be treated as a combatant.",
        {("RUS", "troops", "opposes")},
    ),
    ("“Czech soldiers will not go to Ukraine,” Prague said.", {("CZE", "troops", "rules_out")}),
    (
        "Members of the Coalition of the Willing pledged to deploy a multinational force.",
        {("COW", "troops", "offers")},
    ),
    (
        "Zelensky asked Tokyo for air defence, citing Iran's supply of drones and missiles "
        "to Russia.",
        {("UKR", "arms", "urges")},
    ),
    (
        "Ireland is weighing whether to send staff officers to the coalition's planning "
        "headquarters.",
        {("IRL", "troops", "considers")},
    ),
    # round-6 rules
    (
        "They were the first to send long-range missiles, and Dutch instructors have trained "
        "thousands of recruits since 2022.",
        set(),
    ),
    (
        "If Hungary keeps blocking the package of sanctions, others should act.",
        {("HUN", "sanctions", "rules_out")},
    ),
    ("Whether Washington would provide air cover is still unclear.", set()),
    (
        "ROME LATEST: Meloni has long ruled out sending Italian troops.",
        {("ITA", "troops", "rules_out")},
    ),
    (
        "Most members have so far pledged political backing rather than soldiers.",
        set(),
    ),
    (
        "Who's holding out: Slovakia's Robert Fico is still refusing to back new sanctions.",
        {("SVK", "sanctions", "rules_out")},
    ),
    (
        '"Taxpayers are not going to foot the bill any more," US Treasury Secretary Scott '
        "Bessent said.",
        {("USA", "funding", "rules_out")},
    ),
    (
        "Riga has no plans at this stage to send soldiers to Ukraine.",
        {("LVA", "troops", "rules_out")},
    ),
    (
        "Germany, which has not decided whether its soldiers would serve in Ukraine, agreed.",
        {("DEU", "troops", "considers")},
    ),
    (
        "Lukashenko said Western troops in Ukraine would be a direct threat to Belarus.",
        {("BLR", "troops", "opposes")},
    ),
    ("Norway ready to join Ukraine force, Støre says", {("NOR", "troops", "offers")}),
    # round-7 rules
    (
        "Sweden's defence minister, Pål Jonson, has said his country could send a minehunter.",
        {("SWE", "naval", "considers")},
    ),
    (
        "Asked whether Canada would provide air cover for the force, the spokesperson said that "
        "was a matter for Ottawa.",
        set(),
    ),
    ('"Our soldiers are needed here, on the border," Polish officials said.', set()),
    (
        "Rome has so far resisted German pressure to commit ground troops.",
        {("ITA", "troops", "rules_out")},
    ),
    (
        "Austria and Malta secured an exemption from guaranteeing the debt.",
        {("AUT", "funding", "rules_out"), ("MLT", "funding", "rules_out")},
    ),
    (
        "Royal Air Force Typhoons would fly air-policing missions over western Ukraine.",
        {("GBR", "air", "offers")},
    ),
    ("Healey said RAF jets would help police Ukrainian airspace.", {("GBR", "air", "offers")}),
    # round-8 rules
    ("Warsaw said Polish soldiers would not cross into Ukraine.", {("POL", "troops", "rules_out")}),
    (
        "Romania already hosts a NATO battle group, and Romanian F-16s police the country's own "
        "airspace.",
        set(),
    ),
    ("Washington would support the force with intelligence.", {("USA", "intelligence", "offers")}),
    ("Seoul is reviewing ways to support demining.", {("KOR", "naval", "considers")}),
    (
        "Oslo will train Ukrainian air defence crews, a Norwegian official said.",
        {("NOR", "training", "offers")},
    ),
    (
        "Brussels said the first Belgian F-16s will reach Ukraine in 2026.",
        {("BEL", "arms", "offers")},
    ),
    (
        "The cabinet agreed that Estonia would keep training Ukrainian soldiers.",
        {("EST", "training", "offers")},
    ),
]


# Round 2: wire-copy phrasing of the 2025-2026 debate (hosts, naval, money, objections,
# negated subjects, interrupted main clauses, anaphora), written for these tests.
CASES += [
    (
        "Poland has offered Rzeszów airport as a logistics hub for the reassurance force, "
        "Defence Minister Władysław Kosiniak-Kamysz said.",
        [("POL", "logistics", "offers")],
    ),
    (
        "Bucharest has offered the port of Constanța to the coalition.",
        [("ROU", "logistics", "offers")],
    ),
    (
        "France will host the headquarters of the multinational force, the Elysee said.",
        [("FRA", "logistics", "offers")],
    ),
    (
        "France has offered to host a coordination cell in Paris.",
        [("FRA", "logistics", "offers")],
    ),
    (
        "Slovakia will not make its territory available for the transit of weapons to Ukraine.",
        [("SVK", "logistics", "rules_out")],
    ),
    (
        "Italy is ready to send minesweepers to the Black Sea, Defence Minister Guido "
        "Crosetto said.",
        [("ITA", "naval", "offers")],
    ),
    (
        "Turkey, which controls access to the Black Sea under the Montreux Convention, is "
        "expected to lead a naval demining task group with Romania and Bulgaria.",
        [("TUR", "naval", "offers")],
    ),
    (
        "The Netherlands will contribute two frigates to a maritime security mission in the "
        "Black Sea.",
        [("NLD", "naval", "offers")],
    ),
    (
        "NATO will not be part of any reassurance force, Secretary General Mark Rutte said.",
        [("NATO", "troops", "rules_out")],
    ),
    (
        "Canada has no plans to put soldiers on the ground in Ukraine, Prime Minister Mark "
        "Carney said.",
        [("CAN", "troops", "rules_out")],
    ),
    (
        "China said it opposed sending peacekeepers to Ukraine without a UN mandate.",
        [("CHN", "troops", "opposes")],
    ),
    (
        "Moscow has repeatedly said it would not accept the presence of NATO troops or "
        "warplanes in Ukraine.",
        [("RUS", "air", "opposes"), ("RUS", "troops", "opposes")],
    ),
    (
        "The Kremlin rejected the idea of a European air shield over western Ukraine.",
        [("RUS", "air", "opposes")],
    ),
    (
        "Hungary and Slovakia have blocked the 20th sanctions package for weeks.",
        [("HUN", "sanctions", "rules_out"), ("SVK", "sanctions", "rules_out")],
    ),
    (
        "Prime Minister Viktor Orban said Hungary would veto the use of frozen Russian assets"
        " to fund Ukraine.",
        [("HUN", "funding", "rules_out")],
    ),
    (
        "The European Union will lend Ukraine 90 billion euros over the next two years.",
        [("EU", "funding", "offers")],
    ),
    (
        "Germany will earmark an additional 3 billion euros for Ukraine next year.",
        [("DEU", "funding", "offers")],
    ),
    (
        "Norway and Sweden each pledged to chip in $500 million for PURL purchases.",
        [("NOR", "arms", "offers"), ("SWE", "arms", "offers")],
    ),
    (
        "The Netherlands will finance a $500 million PURL package of American air defence systems.",
        [("NLD", "arms", "offers")],
    ),
    (
        "Denmark will allocate 1.2 billion kroner in budget support to Kyiv.",
        [("DNK", "funding", "offers")],
    ),
    (
        "Japan said it would provide $3 billion in budget support and fund demining equipment.",
        [("JPN", "funding", "offers")],
    ),
    (
        "Meloni told reporters that Italy would not send soldiers to Ukraine but could "
        "contribute to monitoring the ceasefire.",
        [("ITA", "intelligence", "considers"), ("ITA", "troops", "rules_out")],
    ),
    (
        "German Chancellor Friedrich Merz said it was too early to discuss sending German troops.",
        [("DEU", "troops", "considers")],
    ),
    (
        "A spokesperson for the Polish defence ministry said Poland would not deploy troops "
        "in Ukraine but would serve as a logistics hub.",
        [("POL", "logistics", "offers"), ("POL", "troops", "rules_out")],
    ),
    (
        "Poland, which borders Ukraine, is expected to serve as the main logistics hub for "
        "the force.",
        [("POL", "logistics", "offers")],
    ),
    (
        "Sweden, which joined NATO in 2024, said it was prepared to contribute air policing "
        "and naval assets.",
        [("SWE", "air", "offers"), ("SWE", "naval", "offers")],
    ),
    (
        "The Baltic states have said they could send troops.",
        [],
    ),
    (
        "Estonia and Latvia said they were ready to send troops, while Lithuania is still "
        "weighing its options.",
        [("EST", "troops", "offers"), ("LVA", "troops", "offers")],
    ),
    (
        "Turkey has offered to lead a naval mission in the Black Sea, according to two diplomats.",
        [("TUR", "naval", "offers")],
    ),
    (
        "Turkish officials said Ankara was ready to help with the demining of the Black Sea.",
        [("TUR", "naval", "offers")],
    ),
    (
        "Britain said it would provide Typhoon jets to police Ukraine's skies.",
        [("GBR", "air", "offers")],
    ),
    (
        "France could send Rafale jets to patrol Ukrainian airspace, a French official said.",
        [("FRA", "air", "considers")],
    ),
    (
        "The United States will not put American troops on the ground, but will provide a "
        "backstop in the form of air support and intelligence, envoy Steve Witkoff said.",
        [
            ("USA", "air", "offers"),
            ("USA", "intelligence", "offers"),
            ("USA", "troops", "rules_out"),
        ],
    ),
    (
        "Washington has signalled it could provide intelligence and air defence to a European"
        " force.",
        [("USA", "arms", "considers"), ("USA", "intelligence", "considers")],
    ),
    (
        "China has said it opposes sending peacekeepers to Ukraine.",
        [("CHN", "troops", "opposes")],
    ),
    (
        "Australia said it was open to contributing to a peacekeeping force.",
        [("AUS", "troops", "considers")],
    ),
    (
        "New Zealand will send a small team of military trainers to Britain, Prime Minister "
        "Christopher Luxon said.",
        [("NZL", "training", "offers")],
    ),
    (
        "Japan will not send troops but is considering providing non-lethal equipment and funding.",
        [("JPN", "funding", "considers"), ("JPN", "troops", "rules_out")],
    ),
    (
        "Belgium has refused to release the frozen Russian assets held at Euroclear.",
        [("BEL", "funding", "rules_out")],
    ),
    (
        "Finland and Sweden are pushing for tougher sanctions on Russia's shadow fleet.",
        [("FIN", "sanctions", "urges"), ("SWE", "sanctions", "urges")],
    ),
    (
        "Zelensky urged allies to speed up deliveries of Patriot systems.",
        [("UKR", "arms", "urges")],
    ),
    (
        "Lithuania's foreign minister called for the reparations loan to be approved before "
        "the end of the year. He said Vilnius would also contribute to the financing.",
        [("LTU", "funding", "offers"), ("LTU", "funding", "urges")],
    ),
    (
        "Kyiv has asked partners for more air defence systems.",
        [("UKR", "arms", "urges")],
    ),
    (
        "Spain will not rule out sending troops, Defence Minister Margarita Robles said.",
        [("ESP", "troops", "considers")],
    ),
    (
        "Greece is reportedly ready to provide naval escorts for grain shipments.",
        [("GRC", "naval", "offers")],
    ),
    (
        "Babis's government has said it will not fund the Czech ammunition initiative.",
        [("CZE", "arms", "rules_out")],
    ),
    (
        "Slovakia will not take part in any military mission in Ukraine, Fico said.",
        [("SVK", "troops", "rules_out")],
    ),
    (
        "Foreign Ministry spokeswoman Maria Zakharova said any foreign troops in Ukraine "
        "would be legitimate targets.",
        [("RUS", "troops", "opposes")],
    ),
    (
        "The Kremlin said it would never accept a European naval presence in the Black Sea.",
        [("RUS", "naval", "opposes")],
    ),
    (
        "Norway will bankroll the purchase of demining vessels for Ukraine.",
        [("NOR", "funding", "offers")],
    ),
    (
        "Germany and the Netherlands will jointly pay for two Patriot systems.",
        [("DEU", "arms", "offers"), ("NLD", "arms", "offers")],
    ),
    (
        "The UK will contribute £150 million to a demining fund.",
        [("GBR", "funding", "offers")],
    ),
    (
        "No British troops will be sent to Ukraine without a ceasefire, Healey said.",
        [("GBR", "troops", "rules_out")],
    ),
    (
        "Romania's President Nicusor Dan said his country would offer the Mihail Kogalniceanu"
        " air base to allied jets.",
        [("ROU", "logistics", "offers")],
    ),
    (
        "Tokyo will fund demining equipment and the repair of Ukraine's power grid.",
        [("JPN", "funding", "offers")],
    ),
    (
        "Zelensky urged partners to help cover the multibillion-dollar gap in Ukraine's "
        "defence budget.",
        [("UKR", "funding", "urges")],
    ),
    (
        "Russian officials have warned that any Western contingent would be a “direct "
        "provocation”.",
        [("RUS", "troops", "opposes")],
    ),
    (
        "Kremlin aide Yuri Ushakov said Moscow would regard any Western air patrols over "
        "Ukraine as hostile.",
        [("RUS", "air", "opposes")],
    ),
    (
        "Canadian Prime Minister Mark Carney said Ottawa would consider sending military "
        "trainers but would not deploy combat units.",
        [("CAN", "training", "considers"), ("CAN", "troops", "rules_out")],
    ),
    (
        "Rutte said the alliance as such would not deploy to Ukraine.",
        [("NATO", "troops", "rules_out")],
    ),
    (
        "Italy's Meloni said Rome would not take part in the force, though Italy is ready to "
        "help clear mines in the Black Sea.",
        [("ITA", "naval", "offers"), ("ITA", "troops", "rules_out")],
    ),
    (
        "Starmer said London and Paris would set up military hubs across Ukraine and build "
        "protected facilities for weapons.",
        [("FRA", "logistics", "offers"), ("GBR", "logistics", "offers")],
    ),
    (
        "The European Commission proposed a reparations loan for Ukraine. Those pressing for "
        "swift approval include Germany and Finland, diplomats said.",
        [("DEU", "funding", "urges"), ("EU", "funding", "offers"), ("FIN", "funding", "urges")],
    ),
    (
        'Slovak Prime Minister Robert Fico said Bratislava would not supply "a single '
        'cartridge" to Ukraine.',
        [("SVK", "arms", "rules_out")],
    ),
]


# Round 2b: a second batch written before running the extractor (generalisation probe).
CASES += [
    (
        "Denmark said on Tuesday it would send up to 100 soldiers to a future reassurance "
        "force in Ukraine.",
        [("DNK", "troops", "offers")],
    ),
    (
        "Meloni has repeatedly said Italy will not send troops, arguing instead for extending"
        " NATO's Article 5-style protection to Ukraine.",
        [("ITA", "troops", "rules_out")],
    ),
    (
        "Germany's Merz said Berlin was prepared to take on responsibility for air defence "
        "and would keep financing Ukraine's army.",
        [("DEU", "arms", "offers"), ("DEU", "funding", "offers")],
    ),
    (
        "The Czech government of Andrej Babis has said it will no longer fund the ammunition "
        "initiative.",
        [("CZE", "arms", "rules_out")],
    ),
    (
        "Hungary's Orban has vowed to block the use of frozen Russian assets, which he called"
        " theft.",
        [("HUN", "funding", "rules_out")],
    ),
    (
        "Sweden and Finland will each contribute 500 million euros to the reparations loan, "
        "their finance ministers said.",
        [("FIN", "funding", "offers"), ("SWE", "funding", "offers")],
    ),
    (
        "Romania is ready to offer its Black Sea port of Constanta as a logistics hub, "
        "President Nicusor Dan said.",
        [("ROU", "logistics", "offers")],
    ),
    (
        "Poland will not send troops to Ukraine but will make its airports and railways "
        "available to the coalition, Tusk said.",
        [("POL", "logistics", "offers"), ("POL", "troops", "rules_out")],
    ),
    (
        "Turkey could lead a Black Sea naval task force, Turkish officials have said.",
        [("TUR", "naval", "considers")],
    ),
    (
        "Britain and France have offered to lead the maritime component of the reassurance force.",
        [("FRA", "naval", "offers"), ("GBR", "naval", "offers")],
    ),
    (
        "The Kremlin said any deployment of European troops would be unacceptable.",
        [("RUS", "troops", "opposes")],
    ),
    (
        "Beijing opposes the deployment of foreign troops to Ukraine, a Chinese foreign "
        "ministry spokesman said.",
        [("CHN", "troops", "opposes")],
    ),
    (
        "Trump has ruled out sending US troops but said Washington could provide air support.",
        [("USA", "air", "considers"), ("USA", "troops", "rules_out")],
    ),
    (
        "The Pentagon will continue to share intelligence with Ukraine, officials said.",
        [("USA", "intelligence", "offers")],
    ),
    (
        "Japan is considering sending Self-Defense Forces personnel to help with demining, "
        "according to government sources.",
        [("JPN", "naval", "considers"), ("JPN", "troops", "considers")],
    ),
    (
        "Lithuania has pledged to spend 0.25% of its GDP on military aid to Ukraine.",
        [("LTU", "arms", "offers")],
    ),
    (
        # jets handed over are arms, jets flying a mission over Ukraine are air (the blind
        # annotators of rounds 4 and 8 coded supplied F-16s as arms)
        "The Netherlands and Belgium are expected to supply F-16s, while Portugal has offered"
        " training for pilots.",
        [("BEL", "arms", "offers"), ("NLD", "arms", "offers"), ("PRT", "training", "offers")],
    ),
    (
        "Estonia's prime minister said his country was ready to contribute a company to the force.",
        [("EST", "troops", "offers")],
    ),
    (
        "Spain, which has so far avoided commitments, said it was studying the possibility of"
        " sending troops.",
        [("ESP", "troops", "considers")],
    ),
    (
        "Canada will deploy a naval frigate and surveillance aircraft, Defence Minister David"
        " McGuinty said.",
        [("CAN", "intelligence", "offers"), ("CAN", "naval", "offers")],
    ),
    (
        "Zelensky called on Europe to finance more Ukrainian-made drones.",
        [("UKR", "arms", "urges")],
    ),
    (
        "Kyiv wants its partners to guarantee air cover over western Ukraine.",
        [("UKR", "air", "urges")],
    ),
    (
        "Australia has not ruled out contributing troops, Prime Minister Anthony Albanese said.",
        [("AUS", "troops", "considers")],
    ),
]


# Round 3 rules (own sentences; general lessons from the round-2 errors).
CASES += [
    (
        "Greece won’t send combat troops, the defence minister said.",
        [("GRC", "troops", "rules_out")],
    ),
    (
        "Spain has offered two frigates but no ground troops.",
        [("ESP", "naval", "offers"), ("ESP", "troops", "rules_out")],
    ),
    (
        "Sources said the Canadian contribution would be limited to training and logistics, "
        "with no Canadian soldiers deployed inside Ukraine.",
        [
            ("CAN", "training", "offers"),
            ("CAN", "logistics", "offers"),
            ("CAN", "troops", "rules_out"),
        ],
    ),
    (
        "The Belgian premier declined to say whether Belgian soldiers would join the mission.",
        [],
    ),
    (
        "Beijing condemned a proposal by Germany and the Netherlands to send warships to the "
        "Black Sea.",
        [("DEU", "naval", "offers"), ("NLD", "naval", "offers"), ("CHN", "naval", "opposes")],
    ),
    (
        "Sweden has joined the Prioritized Ukraine Requirements List. Denmark will put "
        "$90 million into the scheme.",
        [("SWE", "arms", "offers"), ("DNK", "arms", "offers")],
    ),
    (
        "Portugal has yet to decide whether to send vessels to the mine-clearing group.",
        [("PRT", "naval", "considers")],
    ),
    (
        "Latvia said it would contribute a platoon-sized unit and several staff officers.",
        [("LVA", "troops", "offers")],
    ),
    (
        "The training command, based in Munich, Germany, will coordinate arms deliveries.",
        [],
    ),
    (
        "The Irish president has thrown her weight behind the reparations loan.",
        [("IRL", "funding", "offers")],
    ),
    (
        "The Lithuanian minister pressed Brussels to widen the sanctions on Russian banks.",
        [("LTU", "sanctions", "urges")],
    ),
    (
        "Leaders of the Coalition of the Willing agreed to deploy a multinational force and to "
        "build transit hubs in western Ukraine.",
        [("COW", "logistics", "offers"), ("COW", "troops", "offers")],
    ),
    (
        "Moldova has asked Paris for air defence systems.",
        [("MDA", "arms", "urges")],
    ),
    # round-3 rules (own sentences)
    (
        "Greece is holding up the new sanctions package once again.",
        {("GRC", "sanctions", "rules_out")},
    ),
    ("Austria would not back new sanctions on gas.", {("AUT", "sanctions", "rules_out")}),
    ("Portugal has no intention of using the frozen assets.", {("PRT", "funding", "rules_out")}),
    ("Norway has promised money for the power grid.", {("NOR", "funding", "offers")}),
    ("Chile is set to receive a loan from the bank.", set()),
    ("Kyiv hoped Spain would transfer more tanks.", {("UKR", "arms", "urges")}),
    ("Moldova wants a steady supply of artillery shells.", {("MDA", "arms", "urges")}),
    (
        "Brazil and Mexico are open to sending personnel.",
        {("BRA", "troops", "considers"), ("MEX", "troops", "considers")},
    ),
    (
        "Ireland offered to train Ukrainian deminers in mine clearance.",
        {("IRL", "training", "offers")},
    ),
    (
        "Greece refused to send soldiers, preferring to offer frigates.",
        {("GRC", "troops", "rules_out"), ("GRC", "naval", "offers")},
    ),
    (
        "Latvia spent 0.3% of GDP on military aid, one of the highest shares in NATO.",
        set(),
    ),
    ("Spain offered its ports, through which most military aid flows.", set()),
    ("India has neither offered soldiers nor excluded the idea.", set()),
    ("The question is not whether Italy can send 5,000 troops.", set()),
    ("Norway will neither send troops nor pay for them.", {("NOR", "troops", "rules_out")}),
    (
        "Canada is ready to provide a shield — intelligence and air policing.",
        {("CAN", "intelligence", "offers"), ("CAN", "air", "offers")},
    ),
    (
        "Hungary is sticking to its position: no troops, but full use of its airfields.",
        {("HUN", "troops", "rules_out"), ("HUN", "logistics", "offers")},
    ),
    (
        "Macron said the coalition had plans to set up reassurance hubs"
        " and that the French navy could patrol.",
        # 'the coalition' is the Coalition of the Willing (round-4 gold convention)
        {("FRA", "naval", "considers"), ("COW", "logistics", "offers")},
    ),
    # ", and <actor> <verb>": a new clause; the pronoun before it does not carry over
    (
        "Brazil and Chile have said they are willing to send observers,"
        " and Japan has pledged funds for the rebuilding of the power grid.",
        {("JPN", "funding", "offers")},
    ),
    (
        "Poland, Germany, and France will send troops.",  # an Oxford-comma list stays a list
        {("POL", "troops", "offers"), ("DEU", "troops", "offers"), ("FRA", "troops", "offers")},
    ),
    # "announced" + an amount is the pledge, not a reporting verb; the amount takes what it
    # pays for unless that is a weapon
    (
        "Sweden announced a further €300 million for Ukraine's air defence and for demining,"
        " but Stockholm ruled out sending troops.",
        {("SWE", "arms", "offers"), ("SWE", "funding", "offers"), ("SWE", "troops", "rules_out")},
    ),
    ("Norway announced 2 billion crowns for reconstruction.", {("NOR", "funding", "offers")}),
    ("Sweden will send troops, Kristersson announced.", {("SWE", "troops", "offers")}),
    # a demonym heading a titled defence force is that state's body
    (
        "Some 200 Finnish Defence Forces personnel will keep training Ukrainian soldiers.",
        {("FIN", "training", "offers")},
    ),
    # round 9 (951-958) errors, general phrasings
    (
        "Spain, Italy and Poland have demurred at sending soldiers.",
        {
            ("ESP", "troops", "rules_out"),
            ("ITA", "troops", "rules_out"),
            ("POL", "troops", "rules_out"),
        },
    ),
    (
        "Poland Will Train Ukrainian Brigades but Keep Its Soldiers Out of Ukraine",
        {("POL", "training", "offers"), ("POL", "troops", "rules_out")},
    ),
    (
        "The minister said that Polish troops were needed at home to guard the border.",
        {("POL", "troops", "rules_out")},
    ),
    (
        "Only a few countries said they were ready to contribute soldiers. That group includes "
        "Belgium, Estonia and Denmark.",
        {("BEL", "troops", "offers"), ("EST", "troops", "offers"), ("DNK", "troops", "offers")},
    ),
    (
        "Poland, Italy and Greece have all said their soldiers will not be part of a force "
        "inside Ukraine.",
        {
            ("POL", "troops", "rules_out"),
            ("ITA", "troops", "rules_out"),
            ("GRC", "troops", "rules_out"),
        },
    ),
    (
        "The EU is preparing new sanctions on Russia. Germany is pressing for tougher measures.",
        {("DEU", "sanctions", "urges")},
    ),
    (
        "Volodymyr Zelensky’s office has asked London for a second Typhoon squadron.",
        {("UKR", "air", "urges")},
    ),
    (
        "Germany has left the door open to a monitoring role but not to a combat contingent.",
        {("DEU", "intelligence", "considers"), ("DEU", "troops", "rules_out")},
    ),
    (
        "Berlin has offered to pay for air defence and to help train Ukraine’s army.",
        {("DEU", "arms", "offers"), ("DEU", "training", "offers")},
    ),
    (
        "Sweden and Finland are considering contributions, mostly in the air and at sea.",
        {
            ("SWE", "air", "considers"),
            ("SWE", "naval", "considers"),
            ("FIN", "air", "considers"),
            ("FIN", "naval", "considers"),
        },
    ),
    (
        "Change is in the air in Brussels, where Hungary blocks sanctions.",
        {("HUN", "sanctions", "rules_out")},
    ),
    # round 15 (a11-a18) errors, general phrasings
    (
        "Paris and London will provide the backbone of the force, with headquarters and "
        "several thousand soldiers.",
        {("FRA", "troops", "offers"), ("GBR", "troops", "offers")},
    ),
    (
        "Hungarian soldiers will stay at home, the prime minister said.",
        {("HUN", "troops", "rules_out")},
    ),
    # round 14 (a01-a08) errors, general phrasings
    (
        "Orbán has said his government will send neither soldiers nor weapons to Ukraine.",
        {("HUN", "troops", "rules_out"), ("HUN", "arms", "rules_out")},
    ),
    (
        "Chancellor Merz spoke in Paris. Giorgia Meloni has ruled out sending Italian troops, "
        "though her government has offered to help train Ukrainian forces.",
        {("ITA", "troops", "rules_out"), ("ITA", "training", "offers")},
    ),
    (
        "Greece and Malta say they will not accept a full services ban.",
        {("GRC", "sanctions", "rules_out"), ("MLT", "sanctions", "rules_out")},
    ),
    # round 12 (981-988) errors, general phrasings
    (
        "Britain said it was ready to send troops and to lead the force's headquarters in Kyiv.",
        {("GBR", "troops", "offers")},
    ),
    (
        "Kushner said Washington would lead a ceasefire-monitoring mechanism relying on drones.",
        {("USA", "intelligence", "offers")},
    ),
    (
        "Koizumi said Japan would consider sharing information gathered by its satellites.",
        {("JPN", "intelligence", "considers")},
    ),
    # round 11 (971-978) errors, general phrasings
    (
        "Norway will keep funding air defence, but has not said whether it would send soldiers.",
        {("NOR", "arms", "offers"), ("NOR", "funding", "offers")},
    ),
    (
        "Norway will keep funding air defence, but has not said whether it will send soldiers.",
        {("NOR", "arms", "offers"), ("NOR", "funding", "offers")},
    ),
    ("Turkey hasn't said whether it will contribute troops.", set()),
    (
        "Sweden has also pushed the EU to list more shadow fleet tankers.",
        {("SWE", "sanctions", "urges")},
    ),
    (
        "Stubb said Finland was ready to add more vessels to the list.",
        {("FIN", "sanctions", "offers")},
    ),
    (
        "Netherlands unveils new aid as Volodymyr Zelensky calls for more Patriots",
        {("UKR", "arms", "urges")},
    ),
    ("Poland will serve as Ukraine's main logistics hub.", {("POL", "logistics", "offers")}),
    # round 10 (961-968) errors, general phrasings
    (
        "Meloni has ruled out sending Italian soldiers, offering instead to help train Ukrainian "
        "forces.",
        {("ITA", "troops", "rules_out"), ("ITA", "training", "offers")},
    ),
    (
        'Rome had "not yet taken a final decision" on the reparations loan.',
        {("ITA", "funding", "considers")},
    ),
    (
        "Healey said London was prepared to allocate several thousand servicemen to the force.",
        {("GBR", "troops", "offers")},
    ),
    ("Romania gave Ukraine a Patriot air defense system in 2024.", set()),
    (
        "Not a single bullet from our army will go to this war, Fico said.",
        {("SVK", "arms", "rules_out")},
    ),
    (
        "Romania, a NATO member that shares a long border with Ukraine, hosts a NATO battle "
        "group led by France.",
        set(),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_hard_cases(text, expected):
    assert _code(text) == set(expected)


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
    # an unquoted pattern with a comma in it: one clear error naming the file, no
    # traceback from inside pandas
    ragged = tmp_path / "ragged"
    shutil.copytree(folder, ragged)
    with (ragged / "predicates.csv").open("a", encoding="utf-8") as handle:
        handle.write("offers,(?:\\w+ ){0,4}pledge,verb,false,intent,\n")
    with pytest.raises(CueError, match=r"predicates\.csv: not a valid CSV table"):
        load_cues(str(ragged))


def test_commitment_matrix():
    rows = [
        ("Poland", "troops", "rules_out", False),
        ("Poland", "logistics", "offers", False),
        ("Poland", "logistics", "offers", True),
        ("Norway", "air", "considers", True),
        ("Norway", "troops", "considers", True),
        ("Norway", "troops", "urges", False),
        ("Austria", "funding", "offers", False),
    ]
    table = pd.DataFrame(rows, columns=["actor", "commitment", "stance", "hedged"])
    matrix = commitment_matrix(table)
    # actors by number of rows (desc) then name; canonical column order, present types only
    assert list(matrix.index) == ["Norway", "Poland", "Austria"]
    assert list(matrix.columns) == ["troops", "logistics", "air", "funding"]
    assert matrix.loc["Norway", "troops"] == "considers?, urges"
    assert matrix.loc["Poland", "logistics"] == "offers"  # hedged only if every report is
    assert matrix.loc["Austria", "troops"] == ""
    assert commitment_matrix(table.iloc[0:0]).empty


def test_interview_answers_speak_for_the_interviewee():
    text = (
        "Finland's defence minister on the force\n\n"
        "Defence Minister Antti Häkkänen spoke to us in Helsinki.\n\n"
        "Q: Will Finland send soldiers to Ukraine?\n\n"
        "A: No. We need our forces at home. But we are ready to send instructors.\n\n"
        "Q: And air defence?\n\n"
        "A: We will keep paying for interceptors through the Danish model."
    )
    assert _code(text) == {
        ("FIN", "training", "offers"),
        ("FIN", "arms", "offers"),
    }


def test_interview_turns_labelled_with_names():
    text = (
        "‘We will not send soldiers’: Sweden’s defence minister on the force\n\n"
        "The Local spoke to Defence Minister Pål Jonson in Stockholm.\n\n"
        "The Local: Will Swedish soldiers be part of the force?\n\n"
        "Jonson: We will not put soldiers on the ground in Ukraine.\n\n"
        "The Local: And at sea?\n\n"
        "Jonson: We are ready to send minehunters once the fighting stops."
    )
    got = _code(text)
    assert ("SWE", "troops", "rules_out") in got and ("SWE", "naval", "offers") in got
