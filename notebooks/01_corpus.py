# %% [markdown]
# # 01 · The corpus: documents, sentences, tokens
#
# This notebook loads every article under `seeds/` and `data/corpus/` (drop further
# `.txt` or `.jsonl` files there), shows what the analysis keeps of each one, and draws
# **fig-content-words**, the most frequent content words.
#
# Everything below calls the `analysis` package; the notebook holds no logic of its own.

# %%
from analysis import corpus, figures, paths, tokens

documents = corpus.load_documents()
documents[["doc_id", "title", "source", "published", "language", "path"]]

# %% [markdown]
# ## Boilerplate kept apart
#
# Lines that are not the article — social promotions ("Follow our coverage …") and
# related-article teaser blocks ("Other Topics of Interest" with its headline and summary)
# — are recognised by the rules in `data/boilerplate.csv`. They stay visible in the
# `boilerplate` column but are left out of every later stage, so the teaser's "New US
# Arms Deal" is not read as a US commitment. The raw files are never changed.

# %%
for doc_id, removed in zip(documents["doc_id"], documents["boilerplate"]):
    print(f"{doc_id}:\n{removed}\n")

# %% [markdown]
# ## Sentences and word tokens
#
# Sentences come from NLTK's Punkt tokenizer with a shipped abbreviation list
# (`data/abbreviations.txt`: "Mr.", "U.S.", "Dec." do not end a sentence); word tokens
# from NLTK's Treebank tokenizer. Both run offline. Offsets point into the document text.

# %%
sentences = tokens.split_sentences(documents)
words = tokens.word_tokens(sentences)
sentences.groupby("doc_id").size().rename("sentences").to_frame().join(
    words.groupby("doc_id").size().rename("tokens")
)

# %%
sentences[["doc_id", "sentence_id", "start", "end", "text"]]

# %%
words.head(12)

# %% [markdown]
# ## Most frequent content words
#
# Lower-cased tokens with at least one letter, NLTK's English stop words removed
# (`data/stopwords_en.txt`).

# %%
word_counts = tokens.content_word_counts(words)
figures.save_table(word_counts, "content_words", sort_by=["count", "word"])
word_counts.head(15)

# %%
fig = figures.content_words_figure(word_counts, top=20)
figures.save(fig, "fig-content-words", inputs=[*corpus.discover(), *paths.knowledge_files()])
fig

# %% [markdown]
# **Reading.** In the seed the vocabulary is that of a refusal framed as a contribution:
# *poland*, *troops*, *security*, *guarantees*, *logistics* lead, with *zalewski* as the
# voice. Words like *backbone* and *infrastructure* carry Poland's counter-offer.
