# %% [markdown]
# # 04 · Tone: how the sentences naming each actor read
#
# Every sentence is scored with NLTK's VADER (lexicon shipped by the `vaderSentiment`
# package, so nothing is downloaded); an actor's tone is the mean compound score of the
# distinct sentences that mention it, with its spread. This notebook draws
# **fig-actor-sentiment**.
#
# VADER rates the wording of a sentence, not the actor's own position: a sentence about
# a threat on Poland's border reads negative even when Poland is the one offering help.

# %%
from analysis import actors, corpus, figures, paths, sentiment, tokens

documents = corpus.load_documents()
sentences = tokens.split_sentences(documents)
mentions = actors.find_mentions(sentences)
scores = sentiment.sentence_sentiment(sentences)
scores.merge(sentences[["doc_id", "sentence_id", "text"]], on=["doc_id", "sentence_id"])

# %% [markdown]
# ## Tone by actor

# %%
tone = sentiment.actor_sentiment(scores, mentions)
figures.save_table(scores, "sentence_sentiment", sort_by=["doc_id", "sentence_id"])
figures.save_table(tone, "actor_sentiment", sort_by=["actor"])
tone

# %%
fig = figures.actor_sentiment_figure(tone, min_n=1)
figures.save(fig, "fig-actor-sentiment", inputs=[*corpus.discover(), *paths.knowledge_files()])
fig

# %% [markdown]
# **Reading (seed article).** With one article most actors rest on one to nine sentences,
# so the spread says more than the mean. Sentences naming Russia and Belarus average close
# to neutral: "threat", "invasion" and "incursions" offset the "security" and "guarantee"
# vocabulary around them. The most positive actor is the United States — from a single
# sentence in which it *rules out* troops: VADER reads "support" and "bolster", not the
# refusal. That is the reason tone and stance are separate columns here, and why the
# commitments table (notebook 03), not this figure, answers who offers what. Treat
# single-sentence actors as anecdotes; the figure becomes informative as `data/corpus/`
# grows.
