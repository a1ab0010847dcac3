# %% [markdown]
# # 02 · Actors: who is named, and how
#
# Mentions of states, institutions and coalitions are found with the gazetteer in
# `data/actors/` — country names, demonyms ("Polish", "Chinese troops"), capitals and seats
# used as metonyms ("Kyiv", "the Kremlin", "Washington"), places standing for a state
# ("Kaliningrad"), leaders and officials ("Zalewski" → Poland) and institutions (EU, NATO,
# the Coalition of the Willing). This notebook draws **fig-actor-counts**.

# %%
from analysis import actors, corpus, figures, paths, tokens

documents = corpus.load_documents()
sentences = tokens.split_sentences(documents)
mentions = actors.find_mentions(sentences)
mentions[["doc_id", "sentence_id", "surface", "actor", "actor_code", "actor_type", "kind"]]

# %% [markdown]
# ## How actors are referred to
#
# The same state appears under many surfaces. Counting by `kind` shows how much of the
# text refers to states indirectly — through capitals, seats, demonyms and officials — which
# a plain country-name search would miss.

# %%
mentions.pivot_table(
    index="actor", columns="kind", values="surface", aggfunc="count", fill_value=0
)

# %% [markdown]
# ## Mention counts
#
# Per document and over the corpus (`documents` = number of articles naming the actor).

# %%
per_document = actors.mention_counts(mentions)
counts = actors.actor_counts(mentions)
figures.save_table(per_document, "mention_counts", sort_by=["doc_id", "actor"])
figures.save_table(counts, "actor_counts", sort_by=["actor"])
counts

# %%
fig = figures.actor_counts_figure(counts, top=20)
figures.save(fig, "fig-actor-counts", inputs=[*corpus.discover(), *paths.knowledge_files()])
fig

# %% [markdown]
# **Reading.** Poland dominates the seed — it is the subject of the article and speaks
# through its deputy defence minister. Russia is named as often through "Moscow", "the
# Kremlin" and "Kaliningrad" as by name, Ukraine mostly as "Kyiv". The seven states that
# expressed interest in sending troops appear once each, in a single list sentence.
