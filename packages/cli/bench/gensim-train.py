"""Train gensim's Word2Vec with w2v-lab's settings and save the input vectors.

Called by `pnpm bench quality` (packages/cli/bench/quality.bench.ts); prints one JSON line
{"seconds": s, "words_per_s": w, "vocab": n}. The corpus is read as gensim's Text8Corpus
reads text8: one line of space-separated words cut into sentences of
--max-sentence-length words (gensim's default: 10,000).
"""

import argparse
import json
import time

from gensim.models import Word2Vec
from gensim.models.word2vec import Text8Corpus


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", required=True)
    p.add_argument("--out", required=True, help="word2vec binary vectors to write")
    p.add_argument("--sg", type=int, required=True)
    p.add_argument("--alpha", type=float, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--dim", type=int, default=100)
    p.add_argument("--window", type=int, default=5)
    p.add_argument("--negative", type=int, default=5)
    p.add_argument("--sample", type=float, default=1e-4)
    p.add_argument("--min-count", type=int, default=5)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--max-sentence-length", type=int, default=10000)
    a = p.parse_args()
    sentences = list(Text8Corpus(a.corpus, max_sentence_length=a.max_sentence_length))
    model = Word2Vec(
        vector_size=a.dim, window=a.window, negative=a.negative, hs=0, sample=a.sample,
        min_count=a.min_count, sg=a.sg, alpha=a.alpha, min_alpha=a.alpha * 1e-4,
        seed=a.seed, workers=a.workers, epochs=a.epochs,
    )
    model.build_vocab(sentences)
    start = time.perf_counter()
    _, words = model.train(sentences, total_examples=model.corpus_count, epochs=a.epochs)
    seconds = time.perf_counter() - start
    model.wv.save_word2vec_format(a.out, binary=True)
    total = model.corpus_total_words * a.epochs
    print(json.dumps({"seconds": seconds, "words_per_s": total / seconds, "vocab": len(model.wv)}))


if __name__ == "__main__":
    main()
