/**
 * status.json, the one reader and writer of a run's status: running / finished / failed /
 * interrupted, step, final loss, words/s. The trainer keeps it current; `exp ls`, `exp
 * resume` and sweeps read it.
 */
import { join } from "node:path";
import { RUN_FILES, RunFileError, readJson, writeJsonAtomic } from "./run-directory.js";

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
  /** share of the training loop's wall time the engine's threads spent training (the rest: host work, waiting) */
  kernelShare?: number;
  error?: string;
}

const STATUSES: readonly string[] = ["running", "finished", "failed", "interrupted"];

export function statusPath(runDir: string): string {
  return join(runDir, RUN_FILES.status);
}

/** The run's status, or null when it has none yet; a damaged file is a RunFileError naming it. */
export function readStatus(runDir: string): RunStatus | null {
  const path = statusPath(runDir);
  const status = readJson<RunStatus>(path);
  if (status === null) return null;
  if (typeof status !== "object" || !STATUSES.includes(status.status)) {
    throw new RunFileError(`${path}: "status" must be one of ${STATUSES.join(", ")}`);
  }
  return status;
}

export function writeStatus(runDir: string, status: RunStatus): void {
  writeJsonAtomic(statusPath(runDir), status);
}

/** The status of the run this process trains, written through on every change. */
export class StatusRecord {
  private readonly status: RunStatus;

  /** Marks the run as running, keeping the start time and step of an earlier process. */
  constructor(private readonly runDir: string) {
    const previous = readStatus(runDir);
    this.status = {
      status: "running",
      startTime: previous?.startTime ?? new Date().toISOString(),
      pid: process.pid,
      step: previous?.step ?? 0,
      totalSteps: previous?.totalSteps ?? 0,
    };
    writeStatus(runDir, this.status);
  }

  update(fields: Partial<RunStatus>): void {
    Object.assign(this.status, fields);
    writeStatus(this.runDir, this.status);
  }

  /** The run ended (finished, failed or interrupted) now. */
  end(status: Exclude<RunStatusName, "running">, fields: Partial<RunStatus>): void {
    this.update({ status, endTime: new Date().toISOString(), ...fields });
  }

  /**
   * `end`, when the disk allows it (a full one may not): a failure to record the status is
   * logged, so the error that ended the run stays the one reported.
   */
  endIfPossible(
    status: Exclude<RunStatusName, "running">,
    fields: Partial<RunStatus>,
    log: (line: string) => void,
  ): void {
    try {
      this.end(status, fields);
    } catch (error) {
      log(`warning: could not record status "${status}": ${(error as Error).message}`);
    }
  }
}
