export { AliasTable, unigramNoiseTable } from "./alias-sampler.js";
export {
  isDiskFull,
  isTempOf,
  removeTempFiles,
  tempPathFor,
  type WriteChunk,
  WriteError,
  writeDirectoryAtomic,
  writeFileAtomic,
  writeFileAtomicSync,
  writeStreamAtomic,
} from "./atomic-files.js";
export { type CbowBatch, CbowWindows, createCbowBatch } from "./cbow-windows.js";
export type { Corpus, CorpusSource, SourceFile } from "./corpus.js";
export { type BuiltCorpus, CorpusBuilder, type TokenSink } from "./corpus-builder.js";
export { type CorpusStats, corpusStats, formatCorpusStats } from "./corpus-stats.js";
export { DataError } from "./data-error.js";
export { type ArchiveCorpus, KNOWN_ARCHIVES, type KnownArchive } from "./known-archives.js";
export { type LoadCorpusOptions, loadCorpus } from "./load-corpus.js";
export { cacheDirectory } from "./locate-source.js";
export { LogUniformSampler } from "./log-uniform-sampler.js";
export { expectedCount, type NoiseSampler, sampleExcluding, UniqueDraws } from "./noise-sampler.js";
export {
  createPaddedBatch,
  type PaddedBatch,
  PaddedBatches,
  type PaddedBatchOptions,
} from "./padded-batches.js";
export { Rng, type RngState } from "./rng.js";
export {
  type ExamplePosition,
  type ExampleStreamOptions,
  exampleOptions,
  SentenceWindows,
  type WindowRule,
} from "./sentence-windows.js";
export { createPairBatch, type PairBatch, SkipGramPairs } from "./skipgram-pairs.js";
export { expectedKeptTokens, keepProbabilities, keepThresholds, type SubsamplingRule } from "./subsample.js";
export { UniformSampler } from "./uniform-sampler.js";
export { Vocab, type VocabOptions } from "./vocab.js";
export { TEXT_TOKENIZER, WORD_PATTERN } from "./word-tokenizer.js";
