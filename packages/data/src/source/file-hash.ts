import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

export interface FileHashes {
  bytes: number;
  sha1: string;
  sha256: string;
}

/** SHA-1 (what d2l publishes) and SHA-256 (what the manifest and meta.json record) in one read. */
export async function hashFile(path: string): Promise<FileHashes> {
  const sha1 = createHash("sha1");
  const sha256 = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    sha1.update(chunk);
    sha256.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha1: sha1.digest("hex"), sha256: sha256.digest("hex") };
}
