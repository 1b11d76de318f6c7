import type { Readable } from "node:stream";
import { crc32 } from "node:zlib";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { DataError } from "../data-error.js";

export interface ZipMember {
  name: string;
  /** CRC-32 the archive records for the member. */
  crc32: number;
  uncompressedSize: number;
}

async function openZip(path: string): Promise<ZipFile> {
  try {
    return await yauzl.openPromise(path, { autoClose: false, strictFileNames: true });
  } catch (error) {
    throw new DataError(`${path} is not a readable zip archive (${(error as Error).message})`);
  }
}

async function findEntry(zip: ZipFile, path: string, memberName: string): Promise<Entry> {
  const names: string[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName === memberName) return entry;
      names.push(entry.fileName);
    }
  } catch (error) {
    throw new DataError(`${path} is not a readable zip archive (${(error as Error).message})`);
  }
  throw new DataError(
    `${path} has no member "${memberName}" (it holds ${names.length ? names.join(", ") : "nothing"})`,
  );
}

/** The archive's record of one member, without inflating it. */
export async function zipMemberInfo(path: string, memberName: string): Promise<ZipMember> {
  const zip = await openZip(path);
  try {
    const entry = await findEntry(zip, path, memberName);
    return { name: entry.fileName, crc32: entry.crc32, uncompressedSize: entry.uncompressedSize };
  } finally {
    zip.close();
  }
}

/**
 * Streams the inflated bytes of one member to `onChunk` and checks them against the CRC-32
 * the archive records (yauzl checks sizes, not CRCs), so a damaged member is an error,
 * never silently different data.
 */
export async function readZipMember(
  path: string,
  memberName: string,
  onChunk: (chunk: Buffer) => void,
): Promise<ZipMember> {
  const zip = await openZip(path);
  try {
    const entry = await findEntry(zip, path, memberName);
    let stream: Readable;
    try {
      stream = await zip.openReadStreamPromise(entry);
    } catch (error) {
      throw new DataError(`${path}: cannot read member "${memberName}" (${(error as Error).message})`);
    }
    let crc = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        crc = crc32(chunk, crc);
        onChunk(chunk);
      }
    } catch (error) {
      if (error instanceof DataError) throw error;
      throw new DataError(
        `${path}: member "${memberName}" is corrupt or truncated (${(error as Error).message})`,
      );
    }
    if (crc >>> 0 !== entry.crc32) {
      throw new DataError(
        `${path}: member "${memberName}" is corrupt (CRC-32 ${hex(crc)}, the archive records ${hex(entry.crc32)})`,
      );
    }
    return { name: entry.fileName, crc32: entry.crc32, uncompressedSize: entry.uncompressedSize };
  } finally {
    zip.close();
  }
}

export function hex(crc: number): string {
  return `0x${(crc >>> 0).toString(16).padStart(8, "0")}`;
}
