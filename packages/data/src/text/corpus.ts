import type { Vocab } from "./vocab.js";

/** One file a corpus was read from, as meta.json records it. */
export interface SourceFile {
  path: string;
  /** The zip member read, or null for a plain file. */
  member: string | null;
  bytes: number;
  sha256: string;
}

/** Where a corpus came from: enough for meta.json to say exactly what data a run saw. */
export interface CorpusSource {
  corpus: "ptb" | "text8" | "text";
  /** The PTB split, null for other corpora. */
  split: "train" | "valid" | "test" | null;
  files: SourceFile[];
  /** SHA-256 of the single source file, or of the `path<TAB>sha256` lines of several. */
  checksum: string;
  /** True when a text8 config ran on a prefix of text8 (data.allowText8Prefix). */
  usedText8Prefix: boolean;
  /** The URL the source was downloaded from by this load, else null. */
  downloadedFrom: string | null;
  /** How the text was split into tokens ("whitespace" or the text rule's name). */
  tokenizer: string;
  /** The tokenised-corpus cache file read or written, null when caching is off. */
  cacheFile: string | null;
  /** True when this load read the cache instead of the source. */
  fromCache: boolean;
}

/**
 * A tokenised corpus: sentences concatenated in `ids` (only in-vocabulary ids, or the unknown
 * id), sentence `s` spanning `ids[sentenceStarts[s]] .. ids[sentenceStarts[s + 1] - 1]`.
 */
export interface Corpus {
  vocab: Vocab;
  ids: Int32Array;
  /** Length: sentences + 1; the last entry is `ids.length`. No sentence is empty. */
  sentenceStarts: Int32Array;
  /** Tokens in the source before the vocabulary dropped or mapped any. */
  rawTokenCount: number;
  source: CorpusSource;
}
