// `exp sweep --queue` and the worker against a real redis-server (started here, with a
// password), with a fake trial process: submission, retries, status, cancel, a changed
// sweep file, a worker's stop returning its job, an unreachable Redis, no password leaked.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { lockRunDir } from "@w2v/trainer";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../main.js";
import { captureOutput } from "../sweep/console-capture.fixture.js";
import { fakeTrialCommand, writeTinySweep } from "../sweep/fake-trial-command.fixture.js";
import { planSweep } from "../sweep/plan.js";
import { freePort, type RedisServer, redisServerMissing, startRedisServer } from "./redis-server.fixture.js";
import { redisTarget } from "./redis-target.js";
import { cancelSweep } from "./submit-sweep.js";
import { openQueue } from "./trial-jobs.js";
import { TrialWorker } from "./trial-worker.js";

const PASSWORD = "s3cret-pw";
const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
const cli = new URL("../../dist/bin.js", import.meta.url).pathname;
const missing = redisServerMissing();
const output = captureOutput();

let redis: RedisServer;
let client: Redis;
let work: string;
let experiments: string;
let journal: string;
const workers: TrialWorker[] = [];

beforeAll(async () => {
  if (missing) return;
  redis = await startRedisServer({ password: PASSWORD });
  client = new Redis(redis.url);
});

afterAll(async () => {
  if (missing) return;
  client.disconnect();
  await redis.stop();
});

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), "w2v-queue-"));
  experiments = join(work, "experiments");
  journal = join(work, "journal.txt");
  writeFileSync(journal, "");
  if (!missing) await client.flushall();
  return async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop("SIGTERM")));
  };
});

function sweepFile(lines: string[]): string {
  return writeTinySweep(work, lines);
}

function startWorker(
  name: string,
  behaviour: Record<string, string> = {},
  options: { concurrency?: number; log?: (line: string) => void } = { concurrency: 1 },
): TrialWorker {
  const worker = new TrialWorker({
    target: redisTarget(redis.url),
    experimentsDir: experiments,
    name,
    concurrency: options.concurrency,
    trialCommand: fakeTrialCommand(journal, behaviour),
    log: options.log ?? (() => {}),
    lockDuration: 2_000,
    reportEvery: 100,
  });
  workers.push(worker);
  return worker;
}

/** Journal lines `start <mode> <trial>`, in order. */
function starts(): string[] {
  return readFileSync(journal, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("start "))
    .map((line) => `${line.split(" ")[1]} ${basename(line.split(" ")[2])}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile());
}

const exp = (...args: string[]) => main(["--experiments-dir", experiments, "sweep", ...args]);

describe.skipIf(missing)("exp sweep --queue with a real redis-server", () => {
  it("a failing trial is retried once, then listed with its log; the others finish; no password anywhere", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.1, 0.2] }", "repeat: 2"]);
    startWorker("w1", { "lr=0.2,seed=2": "fail" });
    startWorker("w2", { "lr=0.2,seed=2": "fail" });
    expect(await exp(file, "--queue", redis.url)).toBe(1);
    expect(starts().filter((line) => line.endsWith("lr=0.2,seed=2"))).toHaveLength(2);
    expect(starts()).toHaveLength(5);
    expect(output.err).toContain("enqueued 4, 0 finished already");
    expect(output.err).toContain("queued 0 · running 0 · finished 3 · failed 1");
    expect(output.err).toMatch(
      /failed: lr=0\.2,seed=2: failed: .*loss became NaN.*log: .*logs\/lr=0\.2,seed=2\.log/,
    );
    expect(output.err).toContain(`redis://:***@127.0.0.1:${redis.port}`);
    expect(existsSync(join(experiments, "tiny", "logs"))).toBe(true);
    expect(
      readdirSync(join(experiments, "tiny")).some((name) => name.startsWith("events.out.tfevents")),
    ).toBe(true);

    // Neither the output, the run store nor anything in Redis holds the password.
    expect(output.err + output.out).not.toContain(PASSWORD);
    for (const path of filesUnder(experiments)) expect(readFileSync(path, "latin1")).not.toContain(PASSWORD);
    for (const key of await client.keys("*")) {
      expect(JSON.stringify(await client.dump(key))).not.toContain(PASSWORD);
    }

    // Resubmitting runs only the failed trial again.
    writeFileSync(journal, "");
    await Promise.all(workers.splice(0).map((worker) => worker.stop("SIGTERM")));
    startWorker("w3");
    expect(await exp(file, "--queue", redis.url)).toBe(0);
    expect(output.err).toContain("enqueued 1, 3 finished already");
    expect(starts()).toEqual(["run lr=0.2,seed=2"]);
    expect(await exp(file, "--queue", redis.url)).toBe(0);
    expect(output.err).toContain("enqueued 0, 4 finished already");
  });

  it("--no-wait, --status, --cancel; resubmitting resumes the cancelled trial", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.7, 0.1, 0.2] }"]);
    expect(await exp(file, "--queue", redis.url, "--no-wait")).toBe(0);
    expect(output.err).toContain("enqueued 3, 0 finished already");
    output.out = "";
    expect(await exp(file, "--queue", redis.url, "--status")).toBe(0);
    expect(output.out).toContain("queued 3 · running 0 · finished 0 · failed 0");

    startWorker("w1", { "lr=0.7": "wait" });
    const running = () =>
      JSON.parse(readFileSync(join(experiments, "tiny", "lr=0.7", "status.json"), "utf8"));
    await vi.waitFor(() => expect(running().status).toBe("running"), { timeout: 10_000, interval: 50 });
    await vi.waitFor(
      async () => {
        output.out = "";
        await exp(file, "--queue", redis.url, "--status");
        expect(output.out).toContain("running 1 (w1: lr=0.7 0/10)");
      },
      { timeout: 10_000, interval: 200 },
    );

    expect(await exp(file, "--queue", redis.url, "--cancel")).toBe(0);
    expect(output.err).toContain("removed 2 queued trial(s)");
    await vi.waitFor(() => expect(running().status).toBe("interrupted"), { timeout: 10_000, interval: 50 });
    await vi.waitFor(
      async () => {
        output.out = "";
        expect(await exp(file, "--queue", redis.url, "--status")).toBe(1);
        expect(output.out).toMatch(/failed: lr=0\.7: cancelled/);
      },
      { timeout: 10_000, interval: 200 },
    );

    writeFileSync(journal, "");
    await Promise.all(workers.splice(0).map((worker) => worker.stop("SIGTERM")));
    startWorker("w2");
    expect(await exp(file, "--queue", redis.url)).toBe(0);
    expect(output.err).toContain("enqueued 3, 0 finished already");
    expect(starts().sort()).toEqual(["resume lr=0.7", "run lr=0.1", "run lr=0.2"]);
  });

  it("a slow --cancel removes every queued trial: the trial it stops cannot free its worker for one of them", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.7, 0.1, 0.2] }"]);
    expect(await exp(file, "--queue", redis.url, "--no-wait")).toBe(0);
    startWorker("w1", { "lr=0.7": "wait" });
    const status = () => JSON.parse(readFileSync(join(experiments, "tiny", "lr=0.7", "status.json"), "utf8"));
    await vi.waitFor(() => expect(status().status).toBe("running"), { timeout: 10_000, interval: 50 });

    // Each look at the queue takes longer than the worker needs to see a cancel flag (100 ms),
    // stop its trial and take the next job.
    const target = redisTarget(redis.url);
    const queue = openQueue(target);
    const slowQueue = Object.assign(Object.create(queue), {
      getJob: async (id: string) => {
        await sleep(1_000);
        return queue.getJob(id);
      },
    }) as typeof queue;
    try {
      const plan = planSweep(file, { experimentsDir: experiments });
      expect(await cancelSweep(slowQueue, client, plan)).toBe(2);
    } finally {
      await queue.close();
    }
    await vi.waitFor(() => expect(status().status).toBe("interrupted"), { timeout: 10_000, interval: 50 });
    await sleep(500);
    expect(starts()).toEqual(["run lr=0.7"]);
  });

  it("Ctrl-C stops the waiting submitter (exit 130); its trials stay queued", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.1, 0.2] }"]);
    const waiting = exp(file, "--queue", redis.url);
    await vi.waitFor(() => expect(output.err).toContain("queued 2 · running 0"), {
      timeout: 10_000,
      interval: 20,
    });
    process.emit("SIGINT");
    expect(await waiting).toBe(130);
    expect(output.err).toContain(
      "stopped waiting; the trials go on in the workers (follow them with --status)",
    );
    output.out = "";
    expect(await exp(file, "--queue", redis.url, "--status")).toBe(0);
    expect(output.out).toContain("queued 2 · running 0 · finished 0 · failed 0");
  });

  it("a trial whose run directory another live process holds is not started until it is free", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.1, 0.2] }"]);
    const dir = join(experiments, "tiny", "lr=0.1");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "status.json"), JSON.stringify({ status: "running", pid: deadPid, step: 0 }));
    const release = await lockRunDir(dir);
    startWorker("w1");
    const waiting = exp(file, "--queue", redis.url);
    await vi.waitFor(() => expect(starts()).toEqual(["run lr=0.2"]), { timeout: 10_000, interval: 50 });
    await sleep(1_000);
    expect(starts()).toEqual(["run lr=0.2"]);
    await release();
    expect(await waiting).toBe(0);
    expect(starts()).toEqual(["run lr=0.2", "run lr=0.1"]);
  });

  it("by default a worker runs cores / threads per trial at once", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.1, 0.2] }"]);
    const lines: string[] = [];
    startWorker("w1", {}, { log: (line) => lines.push(line) });
    expect(await exp(file, "--queue", redis.url)).toBe(0);
    expect(lines).toContain(`w1: ${availableParallelism()} trial(s) at once (1 thread(s) each)`);
  });

  it("a bad trial enqueues nothing (exit 2)", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.1, -1] }"]);
    expect(await exp(file, "--queue", redis.url)).toBe(2);
    expect(output.err).toContain("trainer.lr: expected a value > 0, found -1 (trial lr=-1)");
    expect(await client.keys("*")).toEqual([]);
    expect(existsSync(experiments)).toBe(false);
  });

  it("a sweep file changed after submission is refused, naming the trials that differ", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.1, 0.2] }"]);
    expect(await exp(file, "--queue", redis.url, "--no-wait")).toBe(0);
    const edited = sweepFile(["grid: { trainer.lr: [0.1, 0.2, 0.3] }", "set: { trainer.epochs: 2 }"]);
    expect(await exp(edited, "--queue", redis.url, "--no-wait")).toBe(2);
    expect(output.err).toContain("changed since sweep tiny was submitted; these trials' configs differ:");
    expect(output.err).toContain("lr=0.1 (its submitted config differs)");
    expect(output.err).toContain("lr=0.2 (its submitted config differs)");
    expect(output.err).not.toContain("lr=0.3 (");
  });

  it("a stopped worker's trial checkpoints and its job goes back to the queue, for another worker to resume", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.7, 0.1] }"]);
    expect(await exp(file, "--queue", redis.url, "--no-wait")).toBe(0);
    const first = startWorker("w1", { "lr=0.7": "wait" });
    const status = () => JSON.parse(readFileSync(join(experiments, "tiny", "lr=0.7", "status.json"), "utf8"));
    await vi.waitFor(() => expect(status().status).toBe("running"), { timeout: 10_000, interval: 50 });
    await first.stop("SIGINT");
    expect(status().status).toBe("interrupted");
    output.out = "";
    expect(await exp(file, "--queue", redis.url, "--status")).toBe(0);
    expect(output.out).toContain("queued 2 · running 0 · finished 0 · failed 0");
    startWorker("w2");
    expect(await exp(file, "--queue", redis.url)).toBe(0);
    expect(starts().filter((line) => line.endsWith("lr=0.7"))).toEqual(["run lr=0.7", "resume lr=0.7"]);
  });

  it("Redis unreachable at start: exit 1 within 10 s, naming the URL with its password masked", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.1] }"]);
    const url = `redis://:${PASSWORD}@127.0.0.1:${await freePort()}/3`;
    for (const args of [
      ["sweep", file, "--queue", url],
      ["worker", "--queue", url],
    ]) {
      const began = Date.now();
      expect(await main(["--experiments-dir", experiments, ...args])).toBe(1);
      expect(Date.now() - began).toBeLessThan(10_000);
      expect(output.err).toContain(`cannot reach Redis at redis://:***@127.0.0.1:`);
      expect(output.err).not.toContain(PASSWORD);
    }
    expect(existsSync(experiments)).toBe(false);
  });
});

describe("Redis targets", () => {
  it("take the password from the URL or REDIS_PASSWORD, the URL from REDIS_URL; rediss:// is TLS", () => {
    const fromUrl = redisTarget("redis://me:p%40ss@db.example:6380/2");
    expect(fromUrl.options).toMatchObject({
      host: "db.example",
      port: 6380,
      db: 2,
      username: "me",
      password: "p@ss",
    });
    expect(fromUrl.options.tls).toBeUndefined();
    expect(fromUrl.shown).toBe("redis://me:***@db.example:6380/2");
    const fromEnv = redisTarget(true, { REDIS_URL: "rediss://db.example", REDIS_PASSWORD: "pw" });
    expect(fromEnv.options).toMatchObject({ host: "db.example", port: 6379, db: 0, password: "pw" });
    expect(fromEnv.options.tls).toEqual({ servername: "db.example" });
    expect(() => redisTarget(true, {})).toThrow("--queue needs a Redis URL");
    expect(() => redisTarget("http://:pw@x")).toThrow(
      "--queue http://:***@x/: expected a redis:// or rediss:// URL",
    );
  });
});

describe.skipIf(missing)("exp sweep --queue rediss://", () => {
  it("connects with TLS, verifying the server's certificate", async () => {
    const tls = await startRedisServer({ tls: true, password: PASSWORD });
    try {
      const file = writeTinySweep(mkdtempSync(join(tmpdir(), "w2v-tls-")), [
        "grid: { trainer.lr: [0.1, 0.2] }",
      ]);
      const sweep = (env: NodeJS.ProcessEnv, ...args: string[]) =>
        spawnSync(
          process.execPath,
          [cli, "--experiments-dir", experiments, "sweep", file, "--queue", tls.url, ...args],
          {
            encoding: "utf8",
            env: { ...process.env, ...env },
          },
        );
      // An unknown certificate authority is refused, naming the URL without its password.
      const untrusted = sweep({}, "--status");
      expect(untrusted.status).toBe(1);
      expect(untrusted.stderr).toContain(`cannot reach Redis at rediss://:***@localhost:${tls.port}`);
      expect(untrusted.stderr).not.toContain(PASSWORD);
      const trusted = { NODE_EXTRA_CA_CERTS: tls.caFile };
      expect(sweep(trusted, "--no-wait").status).toBe(0);
      const status = sweep(trusted, "--status");
      expect(status.status).toBe(0);
      expect(status.stdout).toContain("queued 2 · running 0 · finished 0 · failed 0");
    } finally {
      await tls.stop();
    }
  });
});
