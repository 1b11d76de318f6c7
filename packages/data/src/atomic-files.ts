/**
 * Atomic writes, for every file w2v-lab writes that matters (run directories, caches,
 * downloads, exported vectors): a reader sees the old content or the new, never half of
 * it, and a failed write leaves no temporary file behind. Whole files go through
 * `write-file-atomic` (its temporary file is `<file>.<number>`); content that is streamed
 * (downloads, vector files) or is a directory (checkpoints) is built at
 * `.<target>.tmp-<pid>-<n>` beside its target and renamed into place. `isTempOf` knows
 * both names, so a crashed writer's leftovers can be found and removed.
 */

import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import writeFileAtomicLib from "write-file-atomic";

/** What an errno code means for a write, said without the temporary path it was met on. */
const WRITE_PROBLEMS: Record<string, string> = {
  ENOSPC: "the disk is full (ENOSPC)",
  EDQUOT: "the disk quota is exhausted (EDQUOT)",
  ENOENT: "its directory does not exist",
  ENOTDIR: "a parent in its path is not a directory",
  EISDIR: "it is a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
};

/** A write that failed: the message names the path the caller asked for, and what went wrong. */
export class WriteError extends Error {
  override name = "WriteError";
  constructor(
    readonly path: string,
    cause: Error,
  ) {
    const code = (cause as NodeJS.ErrnoException).code ?? "";
    super(`cannot write ${path}: ${WRITE_PROBLEMS[code] ?? cause.message}`, { cause });
  }
}

/** Whether `error` (or its cause) is a full disk. */
export function isDiskFull(error: unknown): boolean {
  for (
    let e = error as (Error & { code?: string; cause?: unknown }) | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === "ENOSPC" || e.code === "EDQUOT") return true;
  }
  return false;
}

function named(path: string, error: unknown): WriteError {
  return error instanceof WriteError ? error : new WriteError(path, error as Error);
}

let nextTemp = 0;

/**
 * A fresh temporary path beside `target`, in the one scheme `isTempOf` recognises: hidden,
 * so that nothing listing the directory (`ckpt-*`, `*.bin`) takes it for the real thing.
 */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${nextTemp++}`);
}

/** Whether the directory entry `name` is a temporary file of an atomic write to `target` (a base name). */
export function isTempOf(name: string, target: string): boolean {
  if (name.startsWith(`.${target}.`)) return /^tmp-\d+-\d+$/.test(name.slice(target.length + 2));
  if (!name.startsWith(`${target}.`)) return false;
  const rest = name.slice(target.length + 1);
  // `<number>`: write-file-atomic's; `tmp-<pid>`: the name earlier versions used.
  return /^\d+$/.test(rest) || /^tmp-\d+$/.test(rest);
}

/** Remove the temporary files of atomic writes to `targets` (base names) in `dir`; returns their paths. */
export function removeTempFiles(dir: string, targets: readonly string[]): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const removed = entries
    .filter((name) => targets.some((target) => isTempOf(name, target)))
    .map((name) => join(dir, name));
  for (const path of removed) rmSync(path, { recursive: true, force: true });
  return removed;
}

/** write-file-atomic takes strings and Buffers: a typed array is viewed as one, uncopied. */
function asBuffer(content: string | Uint8Array): string | Buffer {
  return typeof content === "string"
    ? content
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

/** Write a whole file atomically (made durable with fsync). */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomicLib(path, asBuffer(content));
  } catch (error) {
    throw named(path, error);
  }
}

/** `writeFileAtomic`, synchronously (small files: status, meta, config). */
export function writeFileAtomicSync(path: string, content: string | Uint8Array): void {
  try {
    writeFileAtomicLib.sync(path, asBuffer(content));
  } catch (error) {
    throw named(path, error);
  }
}

/** Write sink of a streamed atomic write. */
export type WriteChunk = (chunk: string | Uint8Array) => Promise<void>;

const FLUSH_BYTES = 1 << 20;

/**
 * Stream a file into place: `produce` writes chunks (buffered to about 1 MiB), then the
 * file is synced, checked by `verify` (given the temporary path) if any, and renamed onto
 * `path`. On any failure the temporary file is removed and `path` is left as it was.
 */
export async function writeStreamAtomic(
  path: string,
  produce: (write: WriteChunk) => Promise<void>,
  verify?: (tempPath: string) => Promise<void>,
): Promise<void> {
  const temp = tempPathFor(path);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  try {
    const handle = await open(temp, "w").catch((error) => {
      throw named(path, error);
    });
    try {
      const writeNow = (data: Uint8Array) =>
        handle.write(data).then(
          () => {},
          (error) => {
            throw named(path, error);
          },
        );
      const flush = async () => {
        const data = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        if (data.length > 0) await writeNow(data);
      };
      await produce(async (chunk) => {
        const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
        if (bytes.length >= FLUSH_BYTES) {
          // Large chunks (a corpus' ids) go straight to the file, uncopied.
          await flush();
          await writeNow(bytes);
          return;
        }
        pending.push(Buffer.from(bytes));
        pendingBytes += bytes.length;
        if (pendingBytes >= FLUSH_BYTES) await flush();
      });
      await flush();
      await handle.sync().catch((error) => {
        throw named(path, error);
      });
    } finally {
      await handle.close();
    }
    if (verify) await verify(temp);
    await rename(temp, path).catch((error) => {
      throw named(path, error);
    });
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Build a directory of `files` (name -> bytes) beside `path`, each file synced, and rename
 * it into place, replacing an older one of that name. On failure the partial directory is
 * removed. Synchronous: a checkpoint is a consistent snapshot of weights the run must not
 * change while they are written.
 */
export function writeDirectoryAtomicSync(path: string, files: Record<string, Uint8Array>): void {
  const temp = tempPathFor(path);
  try {
    mkdirSync(temp, { recursive: true });
    for (const [name, bytes] of Object.entries(files)) {
      const fd = openSync(join(temp, name), "w");
      try {
        writeFileSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    rmSync(path, { recursive: true, force: true });
    renameSync(temp, path);
  } catch (error) {
    throw named(path, error);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
