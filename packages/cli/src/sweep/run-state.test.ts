import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeRun } from "./run-files.fixture.js";
import { RunFileError, readRunState } from "./run-state.js";

function runDir(): string {
  return join(mkdtempSync(join(tmpdir(), "w2v-state-")), "run");
}

const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;

describe("readRunState", () => {
  it("is undefined before the run has written its status", () => {
    expect(readRunState(writeRun(runDir(), {}))).toBeUndefined();
  });

  it("keeps 'running' while the run's process lives", () => {
    const dir = writeRun(runDir(), { status: { status: "running", pid: process.pid } });
    expect(readRunState(dir)?.status).toBe("running");
  });

  it("counts a running run whose process is gone as interrupted (pid from status.json, else meta.json)", () => {
    expect(readRunState(writeRun(runDir(), { status: { status: "running", pid: deadPid } }))?.status).toBe(
      "interrupted",
    );
    const fromMeta = writeRun(runDir(), { status: { status: "running" }, pid: deadPid });
    expect(readRunState(fromMeta)?.status).toBe("interrupted");
  });

  it("a run of another host is running while its directory is locked, interrupted when it is not", () => {
    const dir = writeRun(runDir(), { status: { status: "running", pid: deadPid } });
    writeFileSync(join(dir, "meta.json"), JSON.stringify({ pid: deadPid, host: "elsewhere" }));
    expect(readRunState(dir)?.status).toBe("interrupted");
    // The lock another host holds: its pid cannot be checked, its fresh mtime says it lives.
    mkdirSync(join(dir, "run.lock"));
    const owner = { pid: deadPid, host: "elsewhere", since: new Date().toISOString() };
    writeFileSync(join(dir, "run.lock.owner"), JSON.stringify(owner));
    expect(readRunState(dir)?.status).toBe("running");
    expect(readRunState(dir)?.holder).toEqual(owner);
    // Not refreshed for a minute: its holder is gone.
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, "run.lock"), old, old);
    expect(readRunState(dir)?.status).toBe("interrupted");
  });

  it("names the file when status.json is corrupt or says something unknown", () => {
    const dir = writeRun(runDir(), {});
    writeFileSync(join(dir, "status.json"), "{ trunc");
    expect(() => readRunState(dir)).toThrow(RunFileError);
    expect(() => readRunState(dir)).toThrow(`${join(dir, "status.json")}: unreadable`);
    writeFileSync(join(dir, "status.json"), JSON.stringify({ status: "done" }));
    expect(() => readRunState(dir)).toThrow('"status" must be one of running, finished, failed, interrupted');
  });
});
