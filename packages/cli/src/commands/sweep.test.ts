import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../main.js";
import { captureOutput } from "../sweep/console-capture.fixture.js";
import { fakeTrialCommand, writeTinySweep } from "../sweep/fake-trial-command.fixture.js";
import type { TrialCommandFor } from "../sweep/trial-process.js";
import { compareCommand } from "./compare.js";
import { sweepCommand } from "./sweep.js";

let work: string;
let experiments: string;
let journal: string;
const output = captureOutput();

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "w2v-sweep-cmd-"));
  experiments = join(work, "experiments");
  journal = join(work, "journal.txt");
  writeFileSync(journal, "");
});

function sweepFile(lines: string[]): string {
  return writeTinySweep(work, lines);
}

/** The fake trial, journalling to this test's journal. */
function fake(behaviour: Record<string, string> = {}): TrialCommandFor {
  return fakeTrialCommand(journal, behaviour);
}

/** Journal lines `start <mode> <trial>`, in order. */
function starts(): string[] {
  return readFileSync(journal, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("start "))
    .map((line) => {
      const [, mode, dir] = line.split(" ");
      return `${mode} ${basename(dir)}`;
    });
}

function maxConcurrent(): number {
  let running = 0;
  let max = 0;
  for (const line of readFileSync(journal, "utf8").split("\n")) {
    if (line.startsWith("start ")) max = Math.max(max, ++running);
    if (line.startsWith("end ")) running--;
  }
  return max;
}

function status(trial: string): string {
  return JSON.parse(readFileSync(join(experiments, "tiny", trial, "status.json"), "utf8")).status;
}

describe("exp sweep", () => {
  it("--dry-run validates and lists every trial without writing anything", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.1, 0.2] }", "repeat: 2"]);
    const code = await main(["--experiments-dir", experiments, "sweep", file, "--dry-run"]);
    expect(code).toBe(0);
    expect(output.out).toContain("sweep tiny: 4 trials");
    expect(output.out).toMatch(/4\s+0\.2\s+2\s+\S*experiments\/tiny\/lr=0\.2,seed=2/);
    expect(existsSync(experiments)).toBe(false);
  });

  it("a trial config error exits 2 naming the sweep file's line, before anything runs", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.1, -1] }"]);
    const code = await main(["--experiments-dir", experiments, "sweep", file]);
    expect(code).toBe(2);
    expect(output.err).toContain(`${file}:2:27: trainer.lr: expected a value > 0, found -1 (trial lr=-1)`);
    expect(existsSync(experiments)).toBe(false);
  });

  it("runs P at a time; a failure spares the others; rerunning runs only the failed trial", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.1, 0.2] }", "repeat: 3"]);
    const first = await sweepCommand(file, {
      experimentsDir: experiments,
      parallel: 2,
      trialCommand: fake({ "lr=0.2,seed=2": "fail" }),
    });
    expect(first).toBe(1);
    expect(starts()).toHaveLength(6);
    expect(maxConcurrent()).toBe(2);
    expect(status("lr=0.2,seed=2")).toBe("failed");
    expect(status("lr=0.2,seed=3")).toBe("finished");
    expect(output.err).toContain("sweep: 5 finished (0 already), 1 failed, 0 interrupted");
    expect(output.err).toContain(
      "failed: lr=0.2,seed=2: exit code 1, status.json says failed: loss became NaN at step 2",
    );
    // The trial's output went to its log, not to the sweep's console.
    expect(readFileSync(join(experiments, "tiny", "logs", "lr=0.2,seed=2.log"), "utf8")).toContain(
      "the loss became NaN",
    );

    writeFileSync(journal, "");
    const second = await sweepCommand(file, {
      experimentsDir: experiments,
      parallel: 2,
      trialCommand: fake(),
    });
    expect(second).toBe(0);
    expect(starts()).toEqual(["run lr=0.2,seed=2"]);
    expect(status("lr=0.2,seed=2")).toBe("finished");
    expect(output.err).toContain("sweep: 6 finished (5 already), 0 failed, 0 interrupted");

    output.out = "";
    expect(compareCommand([join(experiments, "tiny")], { metric: [], format: "table" })).toBe(0);
    const lines = output.out.trim().split("\n");
    // Only the swept field differs (the fake's loss is lr * 10 + seed / 10).
    expect(lines[0].split(/\s{2,}/)).toEqual(["run", "lr", "seed", "finalLoss", "analogies.accuracy"]);
    expect(lines[1].split(/\s{2,}/)).toEqual(["lr=0.1,seed=*", "0.1", "1 2 3", "1.2 ± 0.1", "0.02 ± 0.01"]);
    expect(lines[2].split(/\s{2,}/)).toEqual(["lr=0.2,seed=*", "0.2", "1 2 3", "2.2 ± 0.1", "0.02 ± 0.01"]);
  });

  it("Ctrl-C forwards SIGINT and starts no more trials; rerunning resumes the interrupted one", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.7, 0.1, 0.2] }"]);
    const sweep = sweepCommand(file, {
      experimentsDir: experiments,
      parallel: 1,
      trialCommand: fake({ "lr=0.7": "wait" }),
    });
    await vi.waitFor(() => expect(status("lr=0.7")).toBe("running"), { timeout: 10_000, interval: 20 });
    process.emit("SIGINT");
    expect(await sweep).toBe(130);
    expect(status("lr=0.7")).toBe("interrupted");
    expect(starts()).toEqual(["run lr=0.7"]);
    expect(output.err).toContain("2 not started");

    writeFileSync(journal, "");
    expect(await sweepCommand(file, { experimentsDir: experiments, parallel: 1, trialCommand: fake() })).toBe(
      0,
    );
    expect(starts()).toEqual(["resume lr=0.7", "run lr=0.1", "run lr=0.2"]);
  });

  it("a finished trial whose config the sweep has since changed is reported, not silently reused", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.1, 0.2] }"]);
    expect(await sweepCommand(file, { experimentsDir: experiments, parallel: 2, trialCommand: fake() })).toBe(
      0,
    );
    writeFileSync(journal, "");
    const edited = sweepFile(["set: { trainer.epochs: 2 }", "grid: { trainer.lr: [0.1, 0.2] }"]);
    expect(
      await sweepCommand(edited, { experimentsDir: experiments, parallel: 2, trialCommand: fake() }),
    ).toBe(1);
    expect(starts()).toEqual([]);
    expect(output.err).toContain("2 finished with another config");
    expect(output.err).toMatch(
      /changed: lr=0\.1: finished with another config \(trainer\.epochs 5 -> 2\); remove .* to rerun it/,
    );
  });

  it("a trial whose status.json is unreadable is reported, not rerun or deleted", async () => {
    const file = sweepFile(["grid: { trainer.lr: [0.1, 0.2] }"]);
    expect(await sweepCommand(file, { experimentsDir: experiments, parallel: 1, trialCommand: fake() })).toBe(
      0,
    );
    writeFileSync(join(experiments, "tiny", "lr=0.1", "status.json"), "{ truncated");
    writeFileSync(journal, "");
    expect(await sweepCommand(file, { experimentsDir: experiments, parallel: 1, trialCommand: fake() })).toBe(
      1,
    );
    expect(starts()).toEqual([]);
    expect(output.err).toMatch(/failed: lr=0\.1: .*status\.json: unreadable .*remove .* to rerun it/);
    expect(readdirSync(join(experiments, "tiny", "lr=0.1"))).toContain("config.yaml");
  });
});
