// Helpers for tests: temp folders, zip archives, a loopback HTTP server, configs.
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DataConfig, DataSchema } from "@w2v/config";
import { afterEach } from "vitest";
import yazl from "yazl";
import { Rng } from "../src/rng.js";
import type { Corpus } from "../src/text/corpus.js";
import { Vocab } from "../src/text/vocab.js";

/** The shared real data ($W2V_DATA_DIR), or null: tests that need it are skipped, with a reason. */
export const realDataDir = process.env.W2V_DATA_DIR ?? null;

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "w2v-data-test-"));
  made.push(dir);
  return dir;
}

export function dataConfig(input: Record<string, unknown> = {}): DataConfig {
  return DataSchema.parse(input);
}

/** Writes a zip whose members hold the given text, deflated. */
export async function writeZip(path: string, members: Record<string, string | Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(members)) {
    zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  }
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(path)).on("close", resolve).on("error", reject);
  });
}

/** An HTTP server on 127.0.0.1 (loopback only) for the duration of `use`. */
export async function withServer<T>(
  handler: RequestListener,
  use: (baseUrl: string) => Promise<T>,
): Promise<T> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await use(`http://127.0.0.1:${port}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A loopback address where nothing listens: a download from it fails at once. */
export async function deadUrl(path: string): Promise<string> {
  return withServer(
    () => {},
    async (url) => `${url}${path}`,
  );
}

/** Typed-array equality by bytes (vitest's deep equality is slow on millions of elements). */
export function sameInts(a: Int32Array, b: Int32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

/**
 * Pearson's chi-square of observed counts against expected counts (classes expected fewer
 * than 5 times are pooled), and the critical value at significance 1e-3 (Wilson–Hilferty).
 */
export function chiSquare(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
): { statistic: number; critical: number } {
  let statistic = 0;
  let classes = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] < 5) {
      pooledObserved += observed[i];
      pooledExpected += expected[i];
      continue;
    }
    statistic += (observed[i] - expected[i]) ** 2 / expected[i];
    classes++;
  }
  if (pooledExpected > 0) {
    statistic += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
    classes++;
  }
  const k = classes - 1;
  const z = 3.09;
  return { statistic, critical: k * (1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k))) ** 3 };
}

/**
 * A corpus straight from id sentences, words "w000000", "w000001", ...; `counts` default to
 * size - id (the streams never read counts, but the Vocab wants them in decreasing order).
 */
export function corpusOf(sentences: number[][], counts?: number[]): Corpus {
  const size = sentences.flat().reduce((a, b) => Math.max(a, b), -1) + 1;
  const starts = [0];
  for (const sentence of sentences) starts.push(starts[starts.length - 1] + sentence.length);
  return {
    vocab: new Vocab(
      Array.from({ length: size }, (_, id) => `w${String(id).padStart(6, "0")}`),
      counts ?? Array.from({ length: size }, (_, id) => size - id),
    ),
    ids: Int32Array.from(sentences.flat()),
    sentenceStarts: Int32Array.from(starts),
    rawTokenCount: starts[starts.length - 1],
    source: {
      corpus: "text",
      split: null,
      files: [],
      checksum: "",
      usedText8Prefix: false,
      downloadedFrom: null,
      tokenizer: "test",
      cacheFile: null,
      fromCache: false,
    },
  };
}

/**
 * A Zipf-like corpus: `tokens` ids with P(id = r) proportional to 1 / (r + 1), ids already
 * in decreasing-count order by construction, cut into sentences of `sentenceLength`.
 */
export function zipfCorpus(tokens: number, size: number, sentenceLength: number, seed = 1): Corpus {
  const rng = new Rng(seed);
  const weights = Array.from({ length: size }, (_, r) => 1 / (r + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  const draws = Array.from({ length: tokens }, () => {
    const u = rng.nextFloat();
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  });
  // Relabel by decreasing count so that the Vocab's order holds.
  const counts = new Array(size).fill(0);
  for (const id of draws) counts[id]++;
  const order = counts.map((_, id) => id).sort((a, b) => counts[b] - counts[a] || a - b);
  const relabel = new Array(size);
  order.forEach((id, rank) => {
    relabel[id] = rank;
  });
  const sentences: number[][] = [];
  for (let k = 0; k < tokens; k += sentenceLength) {
    sentences.push(draws.slice(k, k + sentenceLength).map((id) => relabel[id]));
  }
  return corpusOf(
    sentences,
    order.map((id) => counts[id]).filter((count) => count > 0),
  );
}
