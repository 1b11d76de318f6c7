import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { relative } from "node:path";
import type { DataConfig } from "@w2v/config";
import { DataError } from "../data-error.js";
import type { Corpus, CorpusSource, SourceFile } from "../text/corpus.js";
import { CorpusBuilder } from "../text/corpus-builder.js";
import { WhitespaceTokenizer } from "../text/whitespace-tokenizer.js";
import { TEXT_TOKENIZER, WordTokenizer } from "../text/word-tokenizer.js";
import { cacheFileFor, readCachedCorpus, writeCachedCorpus } from "./corpus-cache.js";
import { hashFile } from "./file-hash.js";
import { type ArchiveCorpus, KNOWN_ARCHIVES, type KnownArchive } from "./known-archives.js";
import { cacheDirectory, type LocatedSource, locateSource, type SourceEntry } from "./locate-source.js";
import { archiveProblem } from "./verify-archive.js";
import { readZipMember, zipMemberInfo } from "./zip-member.js";

/** Bump when tokenisation or the cache layout changes, so old caches are not reused. */
const CACHE_VERSION = 1;
/** Average bytes per token of English text with its spaces (text8: 5.9, PTB: 5.7). */
const BYTES_PER_TOKEN = 5.5;

export interface LoadCorpusOptions {
  /** The config file's folder: data.path and data.cacheDir are relative to it. */
  baseDir: string;
  log?: (line: string) => void;
  /** Read and write the tokenised-corpus cache (default true). */
  cache?: boolean;
  /** Where $W2V_DATA_DIR and $XDG_CACHE_HOME are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Replaces parts of the known archives (tests serve fixtures from a loopback URL). */
  archives?: Partial<Record<ArchiveCorpus, Partial<KnownArchive>>>;
  /** Draw a download progress bar (default: when stderr is a terminal). */
  progressBar?: boolean;
}

function tokenizerName(data: DataConfig): string {
  return data.corpus === "text" ? `${TEXT_TOKENIZER}${data.lowercase ? "+lowercase" : ""}` : "whitespace";
}

/** The options that change the tokenised corpus, and so belong in its cache key. */
function cacheKey(data: DataConfig, source: Pick<CorpusSource, "checksum" | "files">): string {
  const parts = {
    version: CACHE_VERSION,
    corpus: data.corpus,
    checksum: source.checksum,
    members: source.files.map((file) => file.member),
    tokenizer: tokenizerName(data),
    minCount: data.minCount,
    maxVocab: data.maxVocab,
    unknownWords: data.unknownWords,
    unkToken: data.unknownWords === "unk" ? data.unkToken : null,
    maxSentenceLength: data.maxSentenceLength,
  };
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

async function describeFiles(located: LocatedSource, root: string | null): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for (const entry of located.entries) {
    const hashes = await hashFile(entry.path);
    if (located.archive && located.downloadedFrom === null) {
      const problem = await archiveProblem(entry.path, located.archive, entry.member as string, hashes, {
        inflate: false,
      });
      if (problem) {
        throw new DataError(
          `${problem}. Delete ${entry.path} and download ${located.archive.url} (${located.archive.about}) again, or point data.path at a good copy.`,
        );
      }
    }
    files.push({
      path: root ? relative(root, entry.path) : entry.path,
      member: entry.member ?? null,
      bytes: hashes.bytes,
      sha256: hashes.sha256,
    });
  }
  return files;
}

function sourceChecksum(files: SourceFile[]): string {
  if (files.length === 1) return files[0].sha256;
  const lines = files.map((file) => `${file.path}\t${file.sha256}\n`).join("");
  return createHash("sha256").update(lines).digest("hex");
}

async function readEntry(entry: SourceEntry, onChunk: (chunk: Buffer) => void): Promise<void> {
  if (entry.member) {
    await readZipMember(entry.path, entry.member, onChunk);
    return;
  }
  try {
    for await (const chunk of createReadStream(entry.path, { highWaterMark: 1 << 20 }))
      onChunk(chunk as Buffer);
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(`cannot read ${entry.path} (${(error as Error).message})`);
  }
}

async function expectedTokens(entries: SourceEntry[]): Promise<number> {
  let bytes = 0;
  for (const entry of entries) {
    bytes += entry.member
      ? (await zipMemberInfo(entry.path, entry.member)).uncompressedSize
      : statSync(entry.path).size;
  }
  return bytes / BYTES_PER_TOKEN;
}

/** Streams the source through its tokeniser into a builder: never the whole text in one string. */
async function tokenise(data: DataConfig, entries: SourceEntry[]): Promise<CorpusBuilder> {
  const builder = new CorpusBuilder(await expectedTokens(entries));
  for (const entry of entries) {
    if (data.corpus === "text") {
      const tokenizer = new WordTokenizer(builder, data.lowercase, entry.path);
      await readEntry(entry, (chunk) => tokenizer.push(chunk));
      tokenizer.endFile();
    } else {
      // PTB: a sentence per line; text8: one stream of words, cut at maxSentenceLength.
      const tokenizer = new WhitespaceTokenizer(builder, data.corpus === "ptb");
      await readEntry(entry, (chunk) => tokenizer.push(chunk));
      tokenizer.end();
    }
  }
  return builder;
}

function describe(corpus: Corpus, data: DataConfig): string {
  const n = (value: number) => value.toLocaleString("en-US");
  const { vocab, source } = corpus;
  const outside = corpus.rawTokenCount - corpus.ids.length;
  const unkTokens =
    vocab.unkId >= 0
      ? `${n(vocab.counts[vocab.unkId])} tokens are ${vocab.words[vocab.unkId]}`
      : `${n(outside)} out-of-vocabulary tokens dropped`;
  return (
    `${source.corpus}${source.split ? ` ${source.split}` : ""}: ${n(corpus.rawTokenCount)} tokens, ` +
    `${n(corpus.sentenceStarts.length - 1)} sentences; vocabulary ${n(vocab.size)} words ` +
    `(min count ${data.minCount}${data.maxVocab ? `, max ${n(data.maxVocab)}` : ""}); ${unkTokens}`
  );
}

/**
 * Loads the corpus a config's `data` section names: finds (or downloads and verifies) the
 * source, then reads the tokenised corpus from the cache, or tokenises the source and
 * caches it. The cache key is the source's SHA-256 plus every option that changes the ids.
 */
export async function loadCorpus(data: DataConfig, options: LoadCorpusOptions): Promise<Corpus> {
  const log = options.log ?? (() => {});
  const env = options.env ?? process.env;
  const archives = {
    ptb: { ...KNOWN_ARCHIVES.ptb, ...options.archives?.ptb },
    text8: { ...KNOWN_ARCHIVES.text8, ...options.archives?.text8 },
  };
  const located = await locateSource(data, {
    baseDir: options.baseDir,
    env,
    log,
    archives,
    progressBar: options.progressBar,
  });
  const files = await describeFiles(located, located.folder);
  const checksum = sourceChecksum(files);
  const useCache = options.cache ?? true;
  const key = cacheKey(data, { checksum, files });
  const cacheFile = useCache
    ? cacheFileFor(cacheDirectory(data, options.baseDir, env), data.corpus, key)
    : null;
  const sourceBase = {
    corpus: data.corpus,
    split: data.corpus === "ptb" ? data.split : null,
    files,
    checksum,
    usedText8Prefix: located.usedText8Prefix,
    downloadedFrom: located.downloadedFrom,
    tokenizer: tokenizerName(data),
    cacheFile,
  };

  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(2);
  if (cacheFile) {
    const cached = readCachedCorpus(cacheFile, key);
    if (cached) {
      const corpus: Corpus = { ...cached, source: { ...sourceBase, fromCache: true } };
      log(`${describe(corpus, data)} [cache ${cacheFile}, ${seconds()} s]`);
      return corpus;
    }
  }
  log(
    `reading ${located.entries.length === 1 ? located.entries[0].path : `${located.entries.length} files`}`,
  );
  const builder = await tokenise(data, located.entries);
  const built = builder.finish(data);
  if (built.ids.length === 0) {
    throw new DataError(
      `the corpus read from ${files[0].path} has no in-vocabulary tokens (${built.rawTokenCount} tokens read, data.minCount ${data.minCount})`,
    );
  }
  const corpus: Corpus = { ...built, source: { ...sourceBase, fromCache: false } };
  log(`${describe(corpus, data)} [tokenised in ${seconds()} s]`);
  if (cacheFile) {
    await writeCachedCorpus(cacheFile, key, corpus).catch((error: Error) =>
      log(`warning: could not write the corpus cache ${cacheFile} (${error.message})`),
    );
  }
  return corpus;
}
