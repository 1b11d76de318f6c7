/**
 * The run-directory lock seen from the command line (issue 15, point 2): `exp resume` of a
 * run that is still training is refused, naming the trainer's pid and host; once that
 * trainer is killed with SIGKILL its lock is taken over and the run resumes.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { writeConfig, writePlantedCorpus } from "./planted-corpus.fixture.js";

const bin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));

function exp(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
  });
}

describe("run-directory lock", () => {
  it("refuses a second writer of a live run and takes over the lock of a killed one", async () => {
    const { dir } = writePlantedCorpus({ clusters: 4, wordsPerCluster: 8, sentences: 2000 });
    const config = writeConfig(
      dir,
      "lock.yaml",
      [
        "name: lock",
        "data: { corpus: text, path: corpus.txt, minCount: 1, subsampling: { rule: none }, window: 2 }",
        "model: { dim: 12, samples: 3 }",
        "trainer: { threads: 1, epochs: 400, stepWords: 1000, checkpoint: { every: 20 } }",
        "logging: { every: 10, histograms: false, progress: lines, projector: { size: 0 } }",
        "",
      ].join("\n"),
    );
    const runDir = join(dir, "run");
    const trainer = spawn(process.execPath, [bin, "run", config, "--run-dir", runDir], { stdio: "ignore" });
    const step = () => {
      const path = join(runDir, "status.json");
      return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")).step : 0;
    };
    await vi.waitFor(() => expect(step()).toBeGreaterThanOrEqual(20), { timeout: 30_000, interval: 50 });

    const second = exp(["resume", runDir]);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`${runDir} is in use by pid ${trainer.pid} on host ${hostname()}`);
    expect(trainer.exitCode).toBeNull();

    const gone = new Promise((resolve) => trainer.once("exit", resolve));
    trainer.kill("SIGKILL");
    await gone;
    expect(existsSync(join(runDir, "run.lock"))).toBe(true);
    // 400 epochs would take minutes: the resumed run stops after a few more.
    const resumed = exp(["resume", runDir, "--set", "trainer.epochs=3"]);
    expect(resumed.stderr).toMatch(/resuming from .*ckpt-\d+/);
    expect(resumed.status).toBe(0);
    expect(JSON.parse(readFileSync(join(runDir, "status.json"), "utf8")).status).toBe("finished");
    expect(existsSync(join(runDir, "run.lock"))).toBe(false);
  }, 60_000);
});
