/**
 * Event file names: `events.out.tfevents.<10-digit unix seconds>.<host>.<pid>.<uniq>`.
 * TensorBoard reads a run's files in name order, so names sort by creation time.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";

const PREFIX = "events.out.tfevents.";

export function eventFileName(unixSeconds: number, host: string, pid: number, uniq: number): string {
  return `${PREFIX}${String(Math.floor(unixSeconds)).padStart(10, "0")}.${host}.${pid}.${uniq}`;
}

/** TensorBoard's own test: any file whose name contains `tfevents`. */
export function isEventFileName(name: string): boolean {
  return name.includes("tfevents");
}

const collator = new Intl.Collator("en", { numeric: true });

/** The event files directly in `dir`, oldest first (numeric-aware so `.10` follows `.9`). */
export async function listEventFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && isEventFileName(entry.name))
    .map((entry) => entry.name)
    .sort(collator.compare)
    .map((name) => join(dir, name));
}
