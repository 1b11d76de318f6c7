/**
 * The lock on a run directory: one process at a time writes a run (`exp run`, `exp resume`,
 * sweep trials, queue workers). proper-lockfile holds `<run>/run.lock` (a directory whose
 * mtime the holder refreshes, so a lock left by a dead process on any host goes stale);
 * `<run>/run.lock.owner` says who holds it, for messages and for taking over at once the
 * lock of a process on this host that is gone.
 */
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { RUN_FILES, writeJsonAtomic } from "./run-directory.js";

/** A lock whose mtime was not refreshed for this long belongs to a process that is gone. */
const STALE_MS = 30_000;

export interface RunLockOwner {
  pid: number;
  host: string;
  since: string;
}

/** The directory is locked by a live process. */
export class RunLockedError extends Error {
  override name = "RunLockedError";
  constructor(
    readonly runDir: string,
    readonly owner: Partial<RunLockOwner> | undefined,
  ) {
    const who =
      owner?.pid === undefined
        ? "another process"
        : `pid ${owner.pid} on host ${owner.host} (since ${owner.since})`;
    super(`${runDir} is in use by ${who}: one process at a time may write a run directory`);
  }
}

const lockPath = (runDir: string) => join(runDir, RUN_FILES.lock);
const ownerPath = (runDir: string) => join(runDir, RUN_FILES.lockOwner);

function readOwner(runDir: string): RunLockOwner | undefined {
  try {
    return JSON.parse(readFileSync(ownerPath(runDir), "utf8")) as RunLockOwner;
  } catch {
    return undefined; // Not written yet, or a crash cut it short: the owner is unknown.
  }
}

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Who holds the run directory's lock, or undefined when nobody does: no lock, a stale one,
 * or one whose owner is a process on this host that no longer exists.
 */
export function runLockHolder(runDir: string): Partial<RunLockOwner> | undefined {
  let modified: number;
  try {
    modified = statSync(lockPath(runDir)).mtimeMs;
  } catch {
    return undefined;
  }
  if (modified < Date.now() - STALE_MS) return undefined;
  const owner = readOwner(runDir);
  if (owner && owner.host === hostname() && processGone(owner.pid)) return undefined;
  return owner ?? {};
}

/**
 * Lock `runDir` for this process; throws RunLockedError when a live process holds it. A lock
 * left by a dead process is taken over. Returns the release function. Losing the lock while
 * running (another process judged it stale) ends this process at once: two writers must not
 * share a run.
 */
export async function lockRunDir(runDir: string): Promise<() => Promise<void>> {
  if (existsSync(lockPath(runDir)) && runLockHolder(runDir) === undefined) {
    // The owner file first: a lock directory without one is never judged dead by its pid.
    rmSync(ownerPath(runDir), { force: true });
    rmSync(lockPath(runDir), { recursive: true, force: true });
  }
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(runDir, {
      lockfilePath: lockPath(runDir),
      realpath: false,
      stale: STALE_MS,
      onCompromised: (error) => {
        process.stderr.write(`error: lost the lock on ${runDir} (${error.message}); stopping at once\n`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    throw new RunLockedError(runDir, readOwner(runDir));
  }
  writeJsonAtomic(ownerPath(runDir), {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
  } satisfies RunLockOwner);
  return async () => {
    rmSync(ownerPath(runDir), { force: true });
    await release();
  };
}
