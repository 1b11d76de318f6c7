import type { FileHashes } from "./file-hash.js";
import type { KnownArchive } from "./known-archives.js";
import { hex, readZipMember, zipMemberInfo } from "./zip-member.js";

/**
 * Checks a copy of a known archive against what is known of it: exact size, SHA-1, the
 * member's recorded CRC-32 and size, and, when `inflate`, the member's bytes themselves.
 * Returns the problem (naming the file), or null when the copy is good; callers add what
 * to do about it, and never read a file that failed.
 */
export async function archiveProblem(
  path: string,
  archive: KnownArchive,
  member: string,
  hashes: FileHashes,
  options: { inflate: boolean },
): Promise<string | null> {
  if (archive.bytes !== undefined && hashes.bytes !== archive.bytes) {
    return `${path} has ${hashes.bytes.toLocaleString("en-US")} bytes but ${archive.fileName} has ${archive.bytes.toLocaleString("en-US")}: the file is truncated or is another file`;
  }
  if (archive.sha1 !== undefined && hashes.sha1 !== archive.sha1) {
    return `checksum mismatch: ${path} has SHA-1 ${hashes.sha1}, ${archive.fileName} has ${archive.sha1}`;
  }
  try {
    const recorded = await zipMemberInfo(path, member);
    if (archive.memberCrc32 !== undefined && recorded.crc32 !== archive.memberCrc32) {
      return `checksum mismatch: ${path} records CRC-32 ${hex(recorded.crc32)} for "${member}", expected ${hex(archive.memberCrc32)}`;
    }
    if (archive.memberBytes !== undefined && recorded.uncompressedSize !== archive.memberBytes) {
      return `${path}: member "${member}" has ${recorded.uncompressedSize} bytes, expected ${archive.memberBytes}`;
    }
    if (options.inflate) await readZipMember(path, member, () => {});
  } catch (error) {
    return (error as Error).message;
  }
  return null;
}
