import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { processAlive } from "./run-state.js";

/**
 * Claim `<sweep dir>/sweep.lock` so that two `exp sweep` processes never start the same
 * trial; a lock left by a process that is gone is taken over. Returns the release function.
 */
export function acquireSweepLock(sweepDir: string): () => void {
  const path = join(sweepDir, "sweep.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: "wx" });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(readFileSync(path, "utf8"), 10);
      if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) {
        throw new Error(`this sweep is already running (pid ${owner}; lock file ${path})`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the sweep lock ${path}`);
}
