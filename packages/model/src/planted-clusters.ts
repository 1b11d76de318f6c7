/**
 * A corpus with a known answer, for learning tests of both engines: words in `clusters`
 * groups, each sentence drawn from one group only, so words co-occur only within their
 * cluster. A model that learned anything puts each word's nearest neighbour in its own
 * cluster; an untrained one does so at chance, (wordsPerCluster - 1) / (words - 1).
 */
import { type Corpus, CorpusBuilder, Rng } from "@w2v/data";
import type { Params } from "./params.js";

export interface PlantedCorpusOptions {
  clusters: number;
  wordsPerCluster: number;
  sentences: number;
  sentenceLength: number;
  seed: number;
}

export interface PlantedCorpus {
  corpus: Corpus;
  /** cluster of each vocabulary id */
  clusterOf: Int32Array;
  /** the chance level of `clusterRecovery` */
  chance: number;
}

export function plantedCorpus(options: PlantedCorpusOptions): PlantedCorpus {
  const { clusters, wordsPerCluster, sentences, sentenceLength, seed } = options;
  const rng = new Rng(seed);
  const builder = new CorpusBuilder(sentences * sentenceLength);
  const word = (cluster: number, k: number) => `c${cluster}w${k}`;
  for (let s = 0; s < sentences; s++) {
    const cluster = rng.nextInt(clusters);
    for (let t = 0; t < sentenceLength; t++) builder.add(word(cluster, rng.nextInt(wordsPerCluster)));
    builder.endSentence();
  }
  const corpus = syntheticCorpus(builder, `planted-${clusters}x${wordsPerCluster}-seed${seed}`);
  const clusterOf = Int32Array.from(corpus.vocab.words, (w) => Number(w.slice(1, w.indexOf("w"))));
  const words = corpus.vocab.size;
  return { corpus, clusterOf, chance: (wordsPerCluster - 1) / (words - 1) };
}

/**
 * A corpus of the words a test wrote into `builder`, named `checksum`: every word kept,
 * unless `vocab` says otherwise (e.g. `{ minCount: 3, unknownWords: "unk" }`).
 */
export function syntheticCorpus(
  builder: CorpusBuilder,
  checksum: string,
  vocab: Partial<Parameters<CorpusBuilder["finish"]>[0]> = {},
): Corpus {
  const built = builder.finish({
    minCount: 1,
    maxVocab: null,
    unknownWords: "drop",
    unkToken: "<unk>",
    maxSentenceLength: 1000,
    ...vocab,
  });
  return {
    ...built,
    source: {
      corpus: "text",
      split: null,
      files: [],
      checksum,
      usedText8Prefix: false,
      downloadedFrom: null,
      tokenizer: "whitespace",
      cacheFile: null,
      fromCache: false,
    },
  };
}

/** Fraction of words whose nearest neighbour by cosine (input vectors) is in their own cluster. */
export function clusterRecovery(params: Params, clusterOf: Int32Array): number {
  const { vocabSize, dim, input } = params;
  const norms = new Float64Array(vocabSize);
  for (let i = 0; i < vocabSize; i++) {
    let sum = 0;
    for (let d = 0; d < dim; d++) sum += input[i * dim + d] ** 2;
    norms[i] = Math.sqrt(sum) || 1;
  }
  let recovered = 0;
  for (let i = 0; i < vocabSize; i++) {
    let best = -1;
    let bestCosine = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < vocabSize; j++) {
      if (j === i) continue;
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += input[i * dim + d] * input[j * dim + d];
      const cosine = dot / (norms[i] * norms[j]);
      if (cosine > bestCosine) {
        bestCosine = cosine;
        best = j;
      }
    }
    if (clusterOf[best] === clusterOf[i]) recovered++;
  }
  return recovered / vocabSize;
}
