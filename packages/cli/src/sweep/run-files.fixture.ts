import { mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import type { RunStatus } from "@w2v/trainer";
import { stringify } from "yaml";

/** Test helper: a run directory with the files `exp run` leaves (config, meta, status, eval). */
export function writeRun(
  dir: string,
  files: { config?: Record<string, unknown>; status?: Partial<RunStatus>; eval?: unknown; pid?: number },
): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "meta.json"), JSON.stringify({ pid: files.pid ?? process.pid, host: hostname() }));
  if (files.config) writeFileSync(join(dir, "config.yaml"), stringify(files.config));
  if (files.status) {
    const status = {
      status: "finished",
      startTime: "2024-05-01T10:00:00.000Z",
      step: 10,
      totalSteps: 10,
      ...files.status,
    };
    writeFileSync(join(dir, "status.json"), JSON.stringify(status));
  }
  if (files.eval !== undefined) writeFileSync(join(dir, "eval.json"), JSON.stringify(files.eval));
  return dir;
}
