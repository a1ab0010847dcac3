# %% [markdown]
# # 03 · Commitments: who offers, considers, rules out or urges which support
#
# The figure this project exists for, **fig-commitments**: nations by kind of support —
# troops, logistics, sanctions pressure, arms, intelligence, air, naval, funding, training —
# coloured by stance, with the evidence sentence behind every mark.
#
# The extractor (`analysis.commitments`) is a rule-based event coder driven by the cue
# lexicon in `data/cues/`: it splits each sentence into clauses, finds the support term and
# the predicate governing it, lets negation and refusal ("ruled out", "cannot spare",
# "turned down") flip the stance, resolves the provider across clauses and sentences
# (lists introduced in the previous sentence, pronouns, officials standing for their state,
# "Poland's offer"), marks hedges ("is rumored to", "expressed interest in") and assigns the
# closest CAMEO event code. Its accuracy is measured in notebook 05.

# %%
import pandas as pd

from analysis import actors, commitments, corpus, figures, paths, tokens

documents = corpus.load_documents()
sentences = tokens.split_sentences(documents)
mentions = actors.find_mentions(sentences)
table = commitments.extract_commitments(sentences, mentions)
table_file = figures.save_table(
    table[commitments.COMMITMENT_COLUMNS],
    "commitments",
    sort_by=["doc_id", "sentence_id", "actor", "commitment", "stance"],
)

# %% [markdown]
# ## Who offers what
#
# One row per actor and support type; each cell lists the stances found (a `?` marks a
# hedged statement).

# %%
commitments.commitment_matrix(table)

# %%
fig = figures.commitments_figure(table)
figures.save(fig, "fig-commitments", inputs=[*corpus.discover(), *paths.knowledge_files()])
fig

# %% [markdown]
# ## The evidence
#
# Every mark in the figure comes from a sentence. `hedged` rows are reported, rumoured or
# merely of interest; `speaker` is the state of the official the statement is attributed
# to; `cameo` is the CAMEO event code (0334 troop pledge, 1224 troops ruled out, 0332 arms
# pledge, 0314 intelligence pledge, 062 logistics, 163 sanctions, 014 considering, …).

# %%
with pd.option_context("display.max_colwidth", None):  # show whole sentences
    display(table[["actor", "commitment", "stance", "hedged", "cameo", "speaker", "sentence"]])

# %% [markdown]
# **Reading (seed article).** Poland rules out troops and offers instead the logistics
# backbone — hubs, bases and airfields — while urging more sanctions pressure on Moscow.
# Seven coalition members (Australia, Belgium, Canada, Estonia, France, Lithuania and the
# United Kingdom) have *expressed interest* in sending troops: the list sits in the
# sentence after the one that announces it, and the interest is a hedged consideration,
# not a pledge. The United States also rules out boots on the ground but is *rumoured* to
# offer intelligence sharing and arms. Russia opposes Western troops while calling for
# Chinese ones, a suggestion Ukraine turns down.
