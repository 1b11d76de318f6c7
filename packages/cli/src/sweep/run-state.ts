import { hostname } from "node:os";
import { join } from "node:path";
import {
  type RunLockOwner,
  type RunStatus,
  type RunStatusName,
  readJson,
  readStatus,
  runLockHolder,
} from "@w2v/trainer/run-directory";

/** A run file that exists but cannot be read (the trainer's reader throws it, naming the file). */
export { RunFileError } from "@w2v/trainer/run-directory";

export interface RunState {
  /** The status to act on: "running" only while the run's process is alive. */
  status: RunStatusName;
  /** The file as written (its `status` may still say "running" for a killed run). */
  file: RunStatus;
  meta: Record<string, unknown> | undefined;
  /** Who holds the run directory's lock (a live writer), if anyone. */
  holder?: Partial<RunLockOwner>;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The state of the run in `dir`, or undefined when it has no status.json yet. A run whose
 * status says "running" but whose directory nobody holds locked (see @w2v/trainer's
 * run-lock) was killed: it counts as interrupted.
 */
export function readRunState(dir: string): RunState | undefined {
  const file: RunStatus | null = readStatus(dir);
  if (file === null) return undefined;
  const meta = readJson<Record<string, unknown>>(join(dir, "meta.json")) ?? undefined;
  let status = file.status;
  const holder = runLockHolder(dir);
  if (status === "running" && holder === undefined) {
    // Nobody holds the run's lock. Runs written before run directories were locked: their pid.
    const pid = file.pid ?? meta?.pid;
    const sameHost = meta?.host === undefined || meta.host === hostname();
    if (!(typeof pid === "number" && sameHost && processAlive(pid))) status = "interrupted";
  }
  return { status, file, meta, holder };
}
