"""Benchmark of the commitments stage alone: sentences/s of ``extract_commitments``.

    python benchmarks/commitments.py                 # seed x 2,000 and 1,000 synthetic
    python benchmarks/commitments.py --save /tmp/ref  # also pickle the outputs
    python benchmarks/commitments.py --check /tmp/ref # compare with pickled outputs

Inputs (built once, not timed): the seed article repeated 2,000 times under distinct
doc_ids, and the first 1,000 articles of the synthetic corpus (``benchmarks/synthetic.py``,
seed 7). Sentences come from :func:`analysis.pipeline.analyse`'s sentence rows, mentions
from :func:`analysis.actors.find_mentions`. Each input is timed once in a fresh state
(cold per-sentence cache) and once more (warm cache) when the stage has one.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


def inputs() -> dict:
    import pandas as pd
    from synthetic import write_corpus

    from analysis.actors import find_mentions
    from analysis.corpus import load_documents
    from analysis.evaluate import SEED_TEXT
    from analysis.tokens import split_sentences

    seed = load_documents([SEED_TEXT])["text"].iloc[0]
    with tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder), 1000)
        synthetic = load_documents([folder])  # through the loader (boilerplate removed)
    corpora = {
        "seed x2000": [(f"seed-{i:05d}", seed) for i in range(2000)],
        "synthetic 1k": list(zip(synthetic["doc_id"], synthetic["text"], strict=True)),
    }
    result = {}
    for name, docs in corpora.items():
        doc_ids, texts = zip(*docs, strict=True)
        sentences = split_sentences(pd.DataFrame({"doc_id": doc_ids, "text": texts}))
        result[name] = (sentences, find_mentions(sentences))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path)
    parser.add_argument("--check", type=Path)
    args = parser.parse_args()
    import pandas as pd

    from analysis import commitments as cm

    data = inputs()
    cm.extract_commitments(*data["seed x2000"])  # compile the lexicon
    outputs = {}
    for name, (sentences, mentions) in data.items():
        clear = getattr(cm, "clear_prepare_cache", None)
        if clear is not None:
            clear()
        for label in ("cold", "warm") if clear is not None else ("run",):
            started = time.perf_counter()
            out = cm.extract_commitments(sentences, mentions)
            seconds = time.perf_counter() - started
            print(
                f"{name:14s} {label:5s} {len(sentences):7d} sentences {seconds:7.2f} s "
                f"{len(sentences) / seconds:9.0f} sentences/s  {len(out)} rows"
            )
            outputs[name] = out
    if args.save:
        args.save.write_bytes(pickle.dumps(outputs))
    if args.check:
        reference = pickle.loads(args.check.read_bytes())
        for name, frame in outputs.items():
            pd.testing.assert_frame_equal(frame, reference[name])
        print("identical to", args.check)


if __name__ == "__main__":
    main()
