/** The small JSON/text files of a run directory, each written atomically. */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A run file that exists but cannot be read: the run is neither finished nor resumable as is. */
export class RunFileError extends Error {
  override name = "RunFileError";
}

/** Writes `path` through a temporary file renamed into place, so readers never see half of it. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The JSON in `path`, or null when there is no such file; unparsable JSON is a RunFileError naming it. */
export function readJson<T>(path: string): T | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (error) {
    throw new RunFileError(`${path}: unreadable (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Merge fields into meta.json (the CLI creates it; the trainer adds what it learns). */
export function updateMeta(runDir: string, fields: Record<string, unknown>): void {
  const path = join(runDir, "meta.json");
  writeJsonAtomic(path, { ...(readJson<Record<string, unknown>>(path) ?? {}), ...fields });
}
