/**
 * Issue 17's acceptance, end to end with a real redis-server and the real trainer: 6
 * one-thread quickstart trials on 3 `exp worker` processes. One worker is SIGKILLed while
 * its trial trains; Redis is stopped for a few seconds (losing its data: persistence is
 * off) and started again. Every trial finishes with the vectors a local `exp sweep` writes,
 * no trial trains in two processes at once, and resubmitting enqueues nothing.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { readEventFile, readRun } from "@w2v/logging";
import { afterAll, describe, expect, it, vi } from "vitest";
import { type RedisServer, redisServerMissing, startRedisServer } from "../queue/redis-server.fixture.js";

const bin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
const quickstart = fileURLToPath(new URL("../../../../configs/quickstart.yaml", import.meta.url));
const PASSWORD = "e2e-pw";

const skipReason =
  redisServerMissing() ??
  (process.env.W2V_DATA_DIR ? undefined : "W2V_DATA_DIR is unset: skipping the queued sweep on PTB");
if (skipReason) console.warn(skipReason);

interface Running {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function start(args: string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, CI: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk) => {
    text += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    text += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => text, exit };
}

function exp(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
  });
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

/** Wall-clock spans of each process that wrote the run (one event file each), in order. */
async function processSpans(runDir: string): Promise<[number, number][]> {
  const files = readdirSync(runDir).filter((name) => name.startsWith("events.out.tfevents"));
  const spans = await Promise.all(
    files.map(async (name) => {
      const times = (await readEventFile(join(runDir, name))).events.map((event) => event.wallTime);
      return [Math.min(...times), Math.max(...times)] as [number, number];
    }),
  );
  return spans.sort((a, b) => a[0] - b[0]);
}

let redis: RedisServer | undefined;
const workers: Running[] = [];
afterAll(async () => {
  for (const worker of workers) worker.child.kill("SIGKILL");
  await redis?.stop();
});

describe.skipIf(skipReason)("exp sweep --queue with 3 workers, a killed worker and a Redis outage", () => {
  it("finishes every trial with the local sweep's vectors; resubmitting enqueues nothing", async () => {
    const work = mkdtempSync(join(tmpdir(), "w2v-queued-e2e-"));
    const file = join(work, "queued.yaml");
    writeFileSync(
      file,
      [
        "name: queued",
        `base: ${quickstart}`,
        "set: { trainer.threads: 1, trainer.epochs: 2, trainer.checkpoint.every: 20, logging.projector.size: 100 }",
        "grid: { model.architecture: [skipgram, cbow], trainer.lr: [0.01, 0.025, 0.05] }",
      ].join("\n"),
    );
    const local = join(work, "local");
    const shared = join(work, "shared");
    const reference = exp(["--experiments-dir", local, "sweep", file, "--parallel", "2"]);
    expect(reference.status, reference.stderr).toBe(0);

    redis = await startRedisServer({ password: PASSWORD });
    const url = redis.url;
    const plainUrl = url.replace(`:${PASSWORD}@`, "");
    // Workers take the password from REDIS_PASSWORD, the submitter from the URL.
    for (const name of ["w1", "w2", "w3"]) {
      workers.push(
        start(
          ["--experiments-dir", shared, "worker", "--queue", plainUrl, "--concurrency", "1", "--name", name],
          {
            REDIS_PASSWORD: PASSWORD,
            W2V_WORKER_LOCK_MS: "3000",
          },
        ),
      );
    }
    const submitter = start(["--experiments-dir", shared, "sweep", file, "--queue", url]);
    const sweepDir = join(shared, "queued");
    const trials = readdirSync(join(local, "queued")).filter((name) => name.includes("="));
    expect(trials).toHaveLength(6);

    // A trial training past its first checkpoint: SIGKILL the worker that runs it.
    let victim = "";
    await vi.waitFor(
      () => {
        victim =
          trials.find((trial) => {
            const status = readJson(join(sweepDir, trial, "status.json"));
            const step = status?.step as number;
            // Past a checkpoint and far enough from the end not to finish before the kill.
            return status?.status === "running" && step >= 20 && step <= (status?.totalSteps as number) - 60;
          }) ?? "";
        expect(victim).not.toBe("");
      },
      { timeout: 60_000, interval: 50 },
    );
    const log = join(sweepDir, "logs", `${victim}.log`);
    const killedName = /worker (w\d)/.exec(readFileSync(log, "utf8"))?.[1] as string;
    const killed = workers[Number(killedName.slice(1)) - 1];
    killed.child.kill("SIGKILL");
    expect(await killed.exit).toBeNull();

    // Another worker finds the job stalled and resumes the trial from its checkpoint.
    await vi.waitFor(() => expect(readFileSync(log, "utf8")).toMatch(/resume \(worker w\d, attempt/), {
      timeout: 60_000,
      interval: 100,
    });
    const resumedBy = /resume \(worker (w\d), attempt/.exec(readFileSync(log, "utf8"))?.[1];
    expect(resumedBy).not.toBe(killedName);

    // Redis away for 3 s (its data with it), then back, while a trial trains.
    const attempts = (trial: string) =>
      readFileSync(join(sweepDir, "logs", `${trial}.log`), "utf8").split("\n=== ").length - 1;
    let training = "";
    await vi.waitFor(
      () => {
        training =
          trials.find((trial) => readJson(join(sweepDir, trial, "status.json"))?.status === "running") ?? "";
        expect(training).not.toBe("");
      },
      { timeout: 60_000, interval: 50 },
    );
    const attemptsBefore = attempts(training);
    await redis.stop();
    await sleep(3_000);
    await redis.start();

    expect(await submitter.exit, submitter.output()).toBe(0);
    expect(submitter.output()).toContain("lost the connection to Redis at redis://:***@127.0.0.1:");
    expect(submitter.output()).toMatch(/Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ is back/);
    expect(submitter.output()).toContain("sweep queued: 6 finished, 0 failed");
    const live = workers.filter((worker) => worker !== killed);
    expect(live.map((worker) => worker.output()).join("")).toContain("running trials keep training");

    for (const trial of trials) {
      expect(readJson(join(sweepDir, trial, "status.json"))?.status, trial).toBe("finished");
      expect(
        readFileSync(join(sweepDir, trial, "vectors.bin")).equals(
          readFileSync(join(local, "queued", trial, "vectors.bin")),
        ),
        trial,
      ).toBe(true);
      // One process at a time: the spans of the processes that wrote each run do not overlap.
      const spans = await processSpans(join(sweepDir, trial));
      for (let i = 1; i < spans.length; i++)
        expect(spans[i][0], trial).toBeGreaterThanOrEqual(spans[i - 1][1]);
    }
    // The trial that trained through the outage went on in the same process.
    expect(attempts(training), training).toBe(attemptsBefore);
    const victimLog = readFileSync(log, "utf8");
    expect(victimLog).toMatch(/resuming from .*ckpt-\d+ \(step \d+\)/);
    expect((await processSpans(join(sweepDir, victim))).length).toBeGreaterThanOrEqual(2);

    // Resubmitting enqueues nothing; compare and the HParams records see every trial.
    const again = exp(["--experiments-dir", shared, "sweep", file, "--queue", url]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain("enqueued 0, 6 finished already");
    const compare = exp(["compare", sweepDir, "--format", "json"]);
    expect(compare.status, compare.stderr).toBe(0);
    const rows = JSON.parse(compare.stdout).rows as { run: string }[];
    expect(rows.map((row) => row.run).sort()).toEqual([...trials].sort());
    const record = await readRun(sweepDir);
    const domains = Object.fromEntries(
      record.experiments[0].experiment.hparams.map((h) => [h.name, h.domain]),
    );
    expect(domains).toEqual({
      "model.architecture": { discrete: ["cbow", "skipgram"] },
      "trainer.lr": { discrete: [0.01, 0.025, 0.05] },
    });
    for (const trial of trials) {
      const run = await readRun(join(sweepDir, trial));
      expect(run.hparamsStarts.length, trial).toBeGreaterThanOrEqual(1);
    }

    // The password reached no run file, log or listing.
    for (const entry of readdirSync(shared, { recursive: true, encoding: "utf8" })) {
      const path = join(shared, entry);
      if (statSync(path).isFile()) expect(readFileSync(path, "latin1"), path).not.toContain(PASSWORD);
    }
    expect(exp(["ls", shared]).stdout).not.toContain(PASSWORD);
    for (const worker of workers) expect(worker.output()).not.toContain(PASSWORD);

    // A worker stops on SIGTERM with 143 (idle: nothing to checkpoint).
    for (const worker of live) worker.child.kill("SIGTERM");
    for (const worker of live) expect(await worker.exit).toBe(143);
    expect(existsSync(join(sweepDir, victim, "run.lock"))).toBe(false);
  }, 240_000);
});
