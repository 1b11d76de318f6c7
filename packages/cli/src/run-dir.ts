import { mkdirSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { WriteError } from "@w2v/data";
import { UsageError } from "./exit-codes.js";

/** Kernel file systems: nothing can be stored there, and Node's recursive mkdir never returns under /proc. */
const VIRTUAL_ROOTS = ["/proc", "/sys", "/dev"];

/**
 * Refuse, before anything is created, a location where runs cannot live: an empty one or
 * one under a kernel file system. `option` names it in the message (e.g. "--run-dir").
 */
export function checkRunLocation(option: string, path: string): void {
  if (path.trim() === "")
    throw new UsageError(`${option} is empty: give a directory, or leave the option out`);
  const full = resolve(path);
  const root = VIRTUAL_ROOTS.find((dir) => full === dir || full.startsWith(`${dir}${sep}`));
  if (root) {
    throw new UsageError(
      `${option} ${path} is under ${root}, a kernel file system where runs cannot be stored`,
    );
  }
}

/** mkdir, with a failure naming the directory the user asked for. */
export function makeDirectory(path: string, recursive: boolean): void {
  try {
    mkdirSync(path, { recursive });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST" && !recursive) throw error;
    throw new WriteError(path, error as Error);
  }
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** `YYYYMMDD-HHMMSS-mmm` in UTC: run ids sort by start time. */
export function runIdFor(date: Date): string {
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}-` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}-` +
    pad(date.getUTCMilliseconds(), 3)
  );
}

/**
 * Create `<root>/<name>/<run-id>/`. The run directory itself is made without `recursive`,
 * so two runs starting in the same millisecond cannot claim the same id: the loser retries
 * with a numeric suffix that still sorts after the first.
 */
export function createRunDir(root: string, name: string, start = new Date()): { dir: string; runId: string } {
  const parent = join(root, name);
  makeDirectory(parent, true);
  const base = runIdFor(start);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const runId = attempt === 0 ? base : `${base}-${pad(attempt, 3)}`;
    const dir = join(parent, runId);
    try {
      makeDirectory(dir, false);
      return { dir, runId };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  throw new Error(`could not create a unique run directory under ${parent}`);
}
