/**
 * `exp worker` as a real process with the real trainer on a tiny corpus: SIGTERM makes its
 * trial save a checkpoint, returns the job to the queue and exits 143; the next worker
 * resumes the trial; SIGINT twice exits at once with 130.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RedisServer, redisServerMissing, startRedisServer } from "../queue/redis-server.fixture.js";
import { writeConfig, writePlantedCorpus } from "./planted-corpus.fixture.js";

const bin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
const missing = redisServerMissing();

let redis: RedisServer;
beforeAll(async () => {
  if (!missing) redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

function worker(experiments: string, name: string): { child: ChildProcess; exit: Promise<number | null> } {
  // The global --experiments-dir after the subcommand, as the README shows it.
  const child = spawn(
    process.execPath,
    [bin, "worker", "--queue", redis.url, "--experiments-dir", experiments, "--name", name],
    { stdio: "ignore", env: { ...process.env, CI: "true" } },
  );
  return { child, exit: new Promise((resolve) => child.on("exit", (code) => resolve(code))) };
}

describe.skipIf(missing)("exp worker signals", () => {
  it("SIGTERM: checkpoint, job back in the queue, exit 143; SIGINT twice: exit 130 at once", async () => {
    const { dir } = writePlantedCorpus({ clusters: 4, wordsPerCluster: 8, sentences: 2000 });
    const file = writeConfig(
      dir,
      "signals.yaml",
      [
        "name: signals",
        "base:",
        "  data: { corpus: text, path: corpus.txt, minCount: 1, subsampling: { rule: none }, window: 2 }",
        "  model: { dim: 12, samples: 3 }",
        "  trainer: { threads: 1, epochs: 400, stepWords: 1000, checkpoint: { every: 20 } }",
        "  logging: { every: 10, histograms: false, progress: lines, projector: { size: 0 } }",
        "",
      ].join("\n"),
    );
    const experiments = join(dir, "experiments");
    const exp = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [bin, "--experiments-dir", experiments, "sweep", file, "--queue", redis.url, ...args],
        {
          encoding: "utf8",
        },
      );
    expect(exp("--no-wait").status).toBe(0);
    const status = () => {
      const path = join(experiments, "signals", "base", "status.json");
      return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : {};
    };

    const first = worker(experiments, "first");
    await vi.waitFor(() => expect(status().step).toBeGreaterThanOrEqual(20), {
      timeout: 30_000,
      interval: 50,
    });
    first.child.kill("SIGTERM");
    expect(await first.exit).toBe(143);
    expect(status().status).toBe("interrupted");
    const stoppedAt = status().step;
    expect(exp("--status").stdout).toContain("queued 1 · running 0 · finished 0 · failed 0");

    const second = worker(experiments, "second");
    const log = () => readFileSync(join(experiments, "signals", "logs", "base.log"), "utf8");
    await vi.waitFor(() => expect(status().step).toBeGreaterThan(stoppedAt), {
      timeout: 30_000,
      interval: 50,
    });
    expect(log()).toContain("resume (worker second, attempt 1)");
    expect(log()).toMatch(new RegExp(`resuming from .*ckpt-0*${stoppedAt} \\(step ${stoppedAt}\\)`));
    second.child.kill("SIGINT");
    second.child.kill("SIGINT");
    const began = Date.now();
    expect(await second.exit).toBe(130);
    expect(Date.now() - began).toBeLessThan(5_000);
  }, 90_000);
});
