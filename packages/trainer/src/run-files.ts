/** The small JSON/text files of a run directory, each written atomically. */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

export function readJson<T>(path: string): T | null {
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

export function statusPath(runDir: string): string {
  return join(runDir, "status.json");
}

export function readStatus(runDir: string): RunStatus | null {
  return readJson<RunStatus>(statusPath(runDir));
}

export function writeStatus(runDir: string, status: RunStatus): void {
  writeJsonAtomic(statusPath(runDir), status);
}

/** Merge fields into meta.json (the CLI creates it; the trainer adds what it learns). */
export function updateMeta(runDir: string, fields: Record<string, unknown>): void {
  const path = join(runDir, "meta.json");
  writeJsonAtomic(path, { ...(readJson<Record<string, unknown>>(path) ?? {}), ...fields });
}
