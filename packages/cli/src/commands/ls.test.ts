import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { main } from "../main.js";
import { captureOutput } from "../sweep/console-capture.fixture.js";
import { writeRun } from "../sweep/run-files.fixture.js";

let experiments: string;
const output = captureOutput();

beforeEach(() => {
  experiments = join(mkdtempSync(join(tmpdir(), "w2v-ls-")), "experiments");
});

describe("exp ls", () => {
  it("lists runs at any depth with status, start, duration, final loss and eval metrics", async () => {
    const quick = writeRun(join(experiments, "quickstart", "20240501-100000-000"), {
      status: { endTime: "2024-05-01T10:01:30.000Z", finalLoss: 2.345678, wordsPerSec: 812345.6 },
      eval: { analogies: { accuracy: 0.4123 }, wordsim353: { spearman: 0.61 } },
    });
    // A run's own folders are not searched for more runs.
    mkdirSync(join(quick, "checkpoints", "ckpt-0000000010"), { recursive: true });
    writeFileSync(join(quick, "checkpoints", "ckpt-0000000010", "meta.json"), "{}");
    writeRun(join(experiments, "losses", "loss=nce,seed=1"), {
      status: { status: "running", startTime: "2024-05-01T11:00:00.000Z", step: 3, totalSteps: 10 },
      pid: spawnSync(process.execPath, ["-e", ""]).pid,
    });
    writeRun(join(experiments, "losses", "loss=nce,seed=2"), {
      status: {
        status: "failed",
        startTime: "2024-05-01T12:00:00.000Z",
        endTime: "2024-05-01T12:00:02.500Z",
      },
    });

    expect(await main(["--experiments-dir", experiments, "ls"])).toBe(0);
    const lines = output.out
      .trim()
      .split("\n")
      .map((line) => line.split(/\s{2,}/));
    expect(lines[0]).toEqual([
      "run",
      "status",
      "started",
      "duration",
      "step",
      "final loss",
      "words/s",
      "analogies.accuracy",
      "wordsim353.spearman",
    ]);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toEqual([
      "quickstart/20240501-100000-000",
      "finished",
      expect.stringMatching(/^2024-05-01 \d\d:00$/),
      "1m 30s",
      "10/10",
      "2.346",
      "812346",
      "0.4123",
      "0.61",
    ]);
    // Its status says running, but its process is gone: it was killed.
    expect(lines[2].slice(0, 2)).toEqual(["losses/loss=nce,seed=1", "interrupted"]);
    expect(lines[3]).toEqual(["losses/loss=nce,seed=2", "failed", expect.any(String), "2.5s", "10/10"]);

    output.out = "";
    expect(await main(["ls", join(experiments, "losses"), "--format", "json"])).toBe(0);
    expect(JSON.parse(output.out).map((run: { run: string }) => run.run)).toEqual([
      "loss=nce,seed=1",
      "loss=nce,seed=2",
    ]);
  });

  it("a directory that does not exist is a usage error", async () => {
    expect(await main(["ls", join(experiments, "nothing")])).toBe(2);
    expect(output.err).toContain("no such directory");
  });
});
