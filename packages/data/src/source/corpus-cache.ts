import { closeSync, openSync, readSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { endianness } from "node:os";
import { dirname, join } from "node:path";
import { crc32 } from "node:zlib";
import { writeStreamAtomic } from "../atomic-files.js";
import type { CorpusSource } from "../text/corpus.js";
import type { BuiltCorpus } from "../text/corpus-builder.js";
import { Vocab } from "../text/vocab.js";

const MAGIC = "W2VCORP1";

interface CacheHeader {
  key: string;
  idsLength: number;
  startsLength: number;
  rawTokenCount: number;
  unkToken: string | null;
  vocab: string;
  /** CRC-32 of the id and sentence-start bytes: a damaged cache is rebuilt, never used. */
  crc32: number;
  source: CorpusSource;
}

export interface CachedCorpus extends BuiltCorpus {
  source: CorpusSource;
}

function bytesOf(array: Int32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function padding(headerLength: number): number {
  return (4 - ((12 + headerLength) % 4)) % 4;
}

/** Cache file of a key: `<cacheDir>/corpora/<corpus>-<key>.bin`. */
export function cacheFileFor(cacheDir: string, corpus: string, key: string): string {
  return join(cacheDir, "corpora", `${corpus}-${key.slice(0, 32)}.bin`);
}

/**
 * Reads a cached corpus straight into its typed arrays (no intermediate copy). Returns null
 * when the file is absent, from another key or machine byte order, or damaged.
 */
export function readCachedCorpus(file: string, key: string): CachedCorpus | null {
  if (endianness() !== "LE") return null;
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return null;
  }
  try {
    const start = Buffer.alloc(12);
    if (readSync(fd, start, 0, 12, 0) !== 12 || start.toString("latin1", 0, 8) !== MAGIC) return null;
    const headerLength = start.readUInt32LE(8);
    const headerBytes = Buffer.alloc(headerLength);
    if (readSync(fd, headerBytes, 0, headerLength, 12) !== headerLength) return null;
    const header = JSON.parse(headerBytes.toString("utf8")) as CacheHeader;
    if (header.key !== key) return null;
    const ids = new Int32Array(header.idsLength);
    const starts = new Int32Array(header.startsLength);
    let position = 12 + headerLength + padding(headerLength);
    for (const array of [ids, starts]) {
      const bytes = bytesOf(array);
      let done = 0;
      while (done < bytes.length) {
        const read = readSync(fd, bytes, done, bytes.length - done, position + done);
        if (read === 0) return null;
        done += read;
      }
      position += bytes.length;
    }
    if (crc32(bytesOf(starts), crc32(bytesOf(ids))) >>> 0 !== header.crc32) return null;
    return {
      vocab: Vocab.fromTsv(header.vocab, { unkToken: header.unkToken, file }),
      ids,
      sentenceStarts: starts,
      rawTokenCount: header.rawTokenCount,
      source: header.source,
    };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Writes the cache atomically (temp file beside it, then rename). */
export async function writeCachedCorpus(file: string, key: string, corpus: CachedCorpus): Promise<void> {
  if (endianness() !== "LE") return;
  await mkdir(dirname(file), { recursive: true });
  const header: CacheHeader = {
    key,
    idsLength: corpus.ids.length,
    startsLength: corpus.sentenceStarts.length,
    rawTokenCount: corpus.rawTokenCount,
    unkToken: corpus.vocab.unkId >= 0 ? corpus.vocab.words[corpus.vocab.unkId] : null,
    vocab: corpus.vocab.toTsv(),
    crc32: crc32(bytesOf(corpus.sentenceStarts), crc32(bytesOf(corpus.ids))) >>> 0,
    source: corpus.source,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const start = Buffer.alloc(12 + padding(headerBytes.length));
  start.write(MAGIC, 0, "latin1");
  start.writeUInt32LE(headerBytes.length, 8);
  await writeStreamAtomic(file, async (write) => {
    await write(start.subarray(0, 12));
    await write(headerBytes);
    await write(start.subarray(12));
    await write(bytesOf(corpus.ids));
    await write(bytesOf(corpus.sentenceStarts));
  });
}
