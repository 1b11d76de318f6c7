/**
 * The one owner of a run directory's layout: its file names, atomic writes of its files
 * (through `@w2v/data`'s atomic-files), status.json and meta.json, and the removal of
 * temporary files a crashed writer left behind. Every writer of a run directory goes
 * through here.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { removeTempFiles, writeFileAtomicSync } from "@w2v/data";

/** The files of a run directory (event files and projector tensors aside). */
export const RUN_FILES = {
  config: "config.yaml",
  meta: "meta.json",
  status: "status.json",
  vocab: "vocab.tsv",
  vectors: "vectors.bin",
  eval: "eval.json",
  projectorConfig: "projector_config.pbtxt",
  projectorMetadata: "metadata.tsv",
  checkpoints: "checkpoints",
} as const;

/** Projector tensor files, one per `logging.projector.vectors` choice. */
const PROJECTOR_TENSORS = ["input", "output", "sum"].flatMap((v) => [`${v}_vectors.f32`, `${v}_vectors.tsv`]);

export type RunStatusName = "running" | "finished" | "failed" | "interrupted";

export interface RunStatus {
  status: RunStatusName;
  startTime: string;
  endTime?: string;
  pid: number;
  step: number;
  totalSteps: number;
  finalLoss?: number;
  wordsPerSec?: number;
  error?: string;
}

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  writeFileAtomicSync(path, content);
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** A JSON file, or null if it does not exist; a corrupt one is an error naming the file. */
export function readJson<T>(path: string): T | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, "utf8");
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`${path} is not valid JSON (${(error as Error).message}); the file is damaged`);
  }
}

export function statusPath(runDir: string): string {
  return join(runDir, RUN_FILES.status);
}

export function readStatus(runDir: string): RunStatus | null {
  return readJson<RunStatus>(statusPath(runDir));
}

export function writeStatus(runDir: string, status: RunStatus): void {
  writeJsonAtomic(statusPath(runDir), status);
}

/**
 * Record a final status when the disk allows it (a full disk may not): a failure to do so
 * is logged, so the error that ended the run is the one reported.
 */
export function writeStatusIfPossible(runDir: string, status: RunStatus, log: (line: string) => void): void {
  try {
    writeStatus(runDir, status);
  } catch (error) {
    log(`warning: could not record status "${status.status}": ${(error as Error).message}`);
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
 * Remove what crashed writers left in `runDir`: temporary files of its files and partial
 * checkpoint directories. Returns the removed paths.
 */
export function removeRunTempFiles(runDir: string): string[] {
  const removed = removeTempFiles(runDir, [...Object.values(RUN_FILES), ...PROJECTOR_TENSORS]);
  const checkpoints = join(runDir, RUN_FILES.checkpoints);
  if (existsSync(checkpoints)) {
    for (const name of readdirSync(checkpoints).filter(isCheckpointTemp)) {
      rmSync(join(checkpoints, name), { recursive: true, force: true });
      removed.push(join(checkpoints, name));
    }
  }
  return removed;
}

/**
 * Take the run directory for this process before anything in it is written: the hook where
 * the run-directory lock (proper-lockfile: a live holder refused naming its pid and host, a
 * dead one's lock taken over) plugs in; then clear what crashed writers left behind.
 */
export function openRunDirectory(runDir: string, log: (line: string) => void): void {
  const removed = removeRunTempFiles(runDir);
  if (removed.length > 0)
    log(`removed ${removed.length} temporary file(s) left by an interrupted run: ${removed.join(", ")}`);
}
