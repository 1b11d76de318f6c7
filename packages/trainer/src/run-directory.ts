/**
 * A run directory's files: their names, atomic writes of them (through `@w2v/data`'s
 * atomic-files), meta.json, and the removal of temporary files a crashed writer left
 * behind. status.json has its own module (run-status.ts) and the lock its own
 * (run-lock.ts); both write through here.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { removeTempFiles, writeFileAtomicSync } from "@w2v/data/atomic-files";

/** The files of a run directory (event files and projector tensors aside). */
export const RUN_FILES = {
  config: "config.yaml",
  meta: "meta.json",
  status: "status.json",
  vocab: "vocab.tsv",
  vectors: "vectors.bin",
  eval: "eval.json",
  lock: "run.lock",
  lockOwner: "run.lock.owner",
  projectorConfig: "projector_config.pbtxt",
  projectorMetadata: "metadata.tsv",
  checkpoints: "checkpoints",
} as const;

/** Projector tensor files, one per `logging.projector.vectors` choice. */
const PROJECTOR_TENSORS = ["input", "output", "sum"].flatMap((v) => [`${v}_vectors.f32`, `${v}_vectors.tsv`]);

/** A run file that exists but cannot be read: the run is neither finished nor resumable as is. */
export class RunFileError extends Error {
  override name = "RunFileError";
}

/** Writes `path` atomically (readers never see half of it); a failure is a WriteError naming `path`. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  writeFileAtomicSync(path, content);
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
  const path = join(runDir, RUN_FILES.meta);
  writeJsonAtomic(path, { ...(readJson<Record<string, unknown>>(path) ?? {}), ...fields });
}

/** Checkpoint directories being built (`.ckpt-<step>.tmp-…`, or `.tmp-ckpt-…` of earlier versions). */
function isCheckpointTemp(name: string): boolean {
  return /^\.ckpt-\d{10}\.tmp-/.test(name) || name.startsWith(".tmp-ckpt-");
}

/**
 * Remove what crashed writers left in `runDir`, saying so: temporary files of its files and
 * partial checkpoint directories. Only a holder of the run's lock may call it (a live
 * writer's temporary files are not leftovers). Returns the removed paths.
 */
export function removeRunTempFiles(runDir: string, log: (line: string) => void): string[] {
  const removed = removeTempFiles(runDir, [...Object.values(RUN_FILES), ...PROJECTOR_TENSORS]);
  const checkpoints = join(runDir, RUN_FILES.checkpoints);
  if (existsSync(checkpoints)) {
    for (const name of readdirSync(checkpoints).filter(isCheckpointTemp)) {
      rmSync(join(checkpoints, name), { recursive: true, force: true });
      removed.push(join(checkpoints, name));
    }
  }
  if (removed.length > 0)
    log(`removed ${removed.length} temporary file(s) left by an interrupted run: ${removed.join(", ")}`);
  return removed;
}
