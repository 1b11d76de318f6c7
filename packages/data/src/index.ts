export {
  isDiskFull,
  isTempOf,
  removeTempFiles,
  tempPathFor,
  type WriteChunk,
  WriteError,
  writeDirectoryAtomicSync,
  writeFileAtomic,
  writeFileAtomicSync,
  writeStreamAtomic,
} from "./atomic-files.js";
export { type CorpusStats, corpusStats, formatCorpusStats } from "./corpus-stats.js";
export { DataError } from "./data-error.js";
export { Rng, type RngState } from "./rng.js";
export { AliasTable, unigramNoiseTable } from "./sampling/alias-sampler.js";
export { type CbowBatch, CbowWindows, createCbowBatch } from "./sampling/cbow-windows.js";
export { LogUniformSampler } from "./sampling/log-uniform-sampler.js";
export { expectedCount, type NoiseSampler, sampleExcluding, UniqueDraws } from "./sampling/noise-sampler.js";
export {
  createPaddedBatch,
  type PaddedBatch,
  PaddedBatches,
  type PaddedBatchOptions,
} from "./sampling/padded-batches.js";
export {
  type ExamplePosition,
  type ExampleStreamOptions,
  exampleOptions,
  SentenceWindows,
  type WindowRule,
} from "./sampling/sentence-windows.js";
export { createPairBatch, type PairBatch, SkipGramPairs } from "./sampling/skipgram-pairs.js";
export {
  expectedKeptTokens,
  keepProbabilities,
  keepThresholds,
  type SubsamplingRule,
} from "./sampling/subsample.js";
export { UniformSampler } from "./sampling/uniform-sampler.js";
export { type ArchiveCorpus, KNOWN_ARCHIVES, type KnownArchive } from "./source/known-archives.js";
export { type LoadCorpusOptions, loadCorpus } from "./source/load-corpus.js";
export { cacheDirectory } from "./source/locate-source.js";
export type { Corpus, CorpusSource, SourceFile } from "./text/corpus.js";
export { type BuiltCorpus, CorpusBuilder, type TokenSink } from "./text/corpus-builder.js";
export { Vocab, type VocabOptions } from "./text/vocab.js";
export { TEXT_TOKENIZER, WORD_PATTERN } from "./text/word-tokenizer.js";
