/**
 * The planted-cluster problem both engines must solve: words fall into clusters and
 * co-occur only within their cluster, so a model that learned anything puts each word's
 * nearest neighbour in its own cluster, while an untrained one does so by chance.
 */
import { type ExperimentConfigInput, parseExperiment, type ResolvedConfig, resolveConfig } from "@w2v/config";
import { type Corpus, CorpusBuilder, Rng } from "@w2v/data";
import type { Params } from "../src/params.js";

export interface PlantedCorpus {
  corpus: Corpus;
  /** the cluster of each word id */
  clusterOf: Int32Array;
  clusters: number;
}

export function plantedCorpus({
  clusters = 20,
  wordsPerCluster = 8,
  sentences = 1500,
  sentenceLength = 12,
  seed = 7,
} = {}): PlantedCorpus {
  const rng = new Rng(seed);
  const builder = new CorpusBuilder();
  for (let s = 0; s < sentences; s++) {
    const cluster = rng.nextInt(clusters);
    for (let i = 0; i < sentenceLength; i++) builder.add(`c${cluster}w${rng.nextInt(wordsPerCluster)}`);
    builder.endSentence();
  }
  const built = builder.finish({
    minCount: 1,
    maxVocab: null,
    unknownWords: "drop",
    unkToken: "<unk>",
    maxSentenceLength: 1000,
  });
  const clusterOf = Int32Array.from(built.vocab.words, (word) => Number(/^c(\d+)w/.exec(word)?.[1]));
  const corpus: Corpus = {
    ...built,
    source: {
      corpus: "text",
      split: null,
      files: [],
      checksum: `planted-${seed}`,
      usedText8Prefix: false,
      downloadedFrom: null,
      tokenizer: "whitespace",
      cacheFile: null,
      fromCache: false,
    },
  };
  return { corpus, clusterOf, clusters };
}

/** The share of words whose nearest other word (cosine of input vectors) is in their cluster. */
export function sameClusterNeighbourRate(params: Params, clusterOf: Int32Array): number {
  const { vocabSize, dim, input } = params;
  const norms = Float64Array.from({ length: vocabSize }, (_, i) => {
    let sum = 0;
    for (let d = 0; d < dim; d++) sum += input[i * dim + d] ** 2;
    return Math.sqrt(sum) || 1;
  });
  let hits = 0;
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
    if (clusterOf[best] === clusterOf[i]) hits++;
  }
  return hits / vocabSize;
}

/** A resolved config for a small run (defaults filled as a config file would get them). */
export function smallRunConfig(input: ExperimentConfigInput): ResolvedConfig {
  return resolveConfig(parseExperiment(input));
}
