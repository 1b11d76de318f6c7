import type { DataConfig } from "@w2v/config";
import { CbowWindows, createCbowBatch } from "./sampling/cbow-windows.js";
import { exampleOptions } from "./sampling/sentence-windows.js";
import { createPairBatch, SkipGramPairs } from "./sampling/skipgram-pairs.js";
import { expectedKeptTokens } from "./sampling/subsample.js";
import type { Corpus, CorpusSource } from "./text/corpus.js";

export interface CorpusStats {
  source: CorpusSource;
  rawTokens: number;
  /** Tokens left after the vocabulary rules (the length of `corpus.ids`). */
  tokens: number;
  sentences: number;
  vocabSize: number;
  minCount: number;
  maxVocab: number | null;
  unk: { token: string; count: number } | null;
  /** Share of the raw tokens that the N most frequent words (the unknown token aside) cover. */
  coverage: { top: number; fraction: number }[];
  subsampling: { rule: string; threshold: number; expectedKeptTokens: number };
  /** Examples of one epoch, counted by running the pipeline on epoch 0 with `seed`. */
  epoch: { seed: number; window: number; windowRule: string; skipgramPairs: number; cbowWindows: number };
}

const COVERAGE_TOPS = [10, 100, 1000, 10_000, 30_000, 50_000];

function countExamples<B>(fill: (batch: B) => number, batch: B, capacity: number): number {
  let total = 0;
  for (;;) {
    const n = fill(batch);
    total += n;
    if (n < capacity) return total;
  }
}

/** What `exp data stats` prints: the corpus, its vocabulary and what one epoch feeds training. */
export function corpusStats(corpus: Corpus, data: DataConfig, seed: number): CorpusStats {
  const { vocab } = corpus;
  const coverage: CorpusStats["coverage"] = [];
  let covered = 0;
  let words = 0;
  const wordCount = vocab.size - (vocab.unkId >= 0 ? 1 : 0);
  const tops = COVERAGE_TOPS.filter((top) => top < wordCount).concat(wordCount);
  for (let id = 0; id < vocab.size && coverage.length < tops.length; id++) {
    if (id === vocab.unkId) continue;
    covered += vocab.counts[id];
    words++;
    if (words === tops[coverage.length])
      coverage.push({ top: words, fraction: covered / corpus.rawTokenCount });
  }
  const options = exampleOptions(corpus, data, seed);
  const capacity = 1 << 16;
  const pairs = new SkipGramPairs(corpus, options);
  const windows = new CbowWindows(corpus, options);
  return {
    source: corpus.source,
    rawTokens: corpus.rawTokenCount,
    tokens: corpus.ids.length,
    sentences: corpus.sentenceStarts.length - 1,
    vocabSize: vocab.size,
    minCount: data.minCount,
    maxVocab: data.maxVocab,
    unk: vocab.unkId >= 0 ? { token: vocab.words[vocab.unkId], count: vocab.counts[vocab.unkId] } : null,
    coverage,
    subsampling: {
      rule: data.subsampling.rule,
      threshold: data.subsampling.threshold,
      expectedKeptTokens: options.keep ? expectedKeptTokens(vocab, options.keep) : corpus.ids.length,
    },
    epoch: {
      seed,
      window: data.window,
      windowRule: data.windowRule,
      skipgramPairs: countExamples((b) => pairs.fill(b), createPairBatch(capacity), capacity),
      cbowWindows: countExamples((b) => windows.fill(b), createCbowBatch(capacity, data.window), capacity),
    },
  };
}

const n = (value: number) => Math.round(value).toLocaleString("en-US");
const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

export function formatCorpusStats(stats: CorpusStats): string {
  const { source } = stats;
  const file = source.files.length === 1 ? source.files[0] : null;
  const from = file ? `${file.path}${file.member ? `:${file.member}` : ""}` : `${source.files.length} files`;
  const kept = stats.subsampling.expectedKeptTokens;
  const lines = [
    [
      "corpus",
      `${source.corpus}${source.split ? ` ${source.split}` : ""} from ${from} (sha256 ${source.checksum.slice(0, 16)}…)`,
    ],
    ...(source.usedText8Prefix
      ? [["WARNING", "this is a PREFIX of text8, not text8 (data.allowText8Prefix)"]]
      : []),
    ["tokens", `${n(stats.rawTokens)} read, ${n(stats.tokens)} after the vocabulary rules`],
    ["sentences", n(stats.sentences)],
    [
      "vocabulary",
      `${n(stats.vocabSize)} words (min count ${stats.minCount}${stats.maxVocab ? `, max ${n(stats.maxVocab)}` : ""})` +
        (stats.unk ? `; ${stats.unk.token} stands for ${n(stats.unk.count)} tokens` : ""),
    ],
    ["coverage", stats.coverage.map((c) => `top ${n(c.top)}: ${percent(c.fraction)}`).join(", ")],
    [
      "subsampling",
      stats.subsampling.rule === "none"
        ? "none: every token kept"
        : `${stats.subsampling.rule}, t=${stats.subsampling.threshold}: ${n(kept)} tokens kept per epoch (expected, ${percent(kept / stats.tokens)})`,
    ],
    [
      "examples",
      `${n(stats.epoch.skipgramPairs)} skip-gram pairs, ${n(stats.epoch.cbowWindows)} CBOW windows per epoch ` +
        `(window ${stats.epoch.window} ${stats.epoch.windowRule}; counted on epoch 0, seed ${stats.epoch.seed})`,
    ],
  ];
  return lines.map(([label, text]) => `${label.padEnd(12)}${text}`).join("\n");
}
