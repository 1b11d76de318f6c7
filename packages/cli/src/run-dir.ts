import { mkdirSync } from "node:fs";
import { join } from "node:path";

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
  mkdirSync(parent, { recursive: true });
  const base = runIdFor(start);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const runId = attempt === 0 ? base : `${base}-${pad(attempt, 3)}`;
    const dir = join(parent, runId);
    try {
      mkdirSync(dir);
      return { dir, runId };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  throw new Error(`could not create a unique run directory under ${parent}`);
}
