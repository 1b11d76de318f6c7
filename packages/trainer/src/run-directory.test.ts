import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { removeRunTempFiles, updateMeta } from "./run-directory.js";
import { readStatus } from "./run-status.js";

describe("run directory", () => {
  it("removes the temporary files crashed writers left, keeping the run's files and event files", () => {
    const run = mkdtempSync(join(tmpdir(), "w2v-rundir-"));
    const checkpoints = join(run, "checkpoints");
    mkdirSync(join(checkpoints, "ckpt-0000000040"), { recursive: true });
    mkdirSync(join(checkpoints, ".tmp-ckpt-0000000080-4242"));
    mkdirSync(join(checkpoints, ".ckpt-0000000080.tmp-4242-3"));
    const kept = [
      "status.json",
      "vectors.bin",
      "run.lock.owner",
      "events.out.tfevents.1796460035.vm.22284.0",
    ];
    const leftovers = [
      "status.json.tmp-4242",
      "status.json.2771936010",
      ".vectors.bin.tmp-4242-1",
      "meta.json.tmp-9",
    ];
    for (const name of [...kept, ...leftovers]) writeFileSync(join(run, name), "x");
    const lines: string[] = [];
    const removed = removeRunTempFiles(run, (line) => lines.push(line));
    expect(removed).toHaveLength(6);
    expect(readdirSync(run).sort()).toEqual(["checkpoints", ...kept].sort());
    expect(readdirSync(checkpoints)).toEqual(["ckpt-0000000040"]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("removed 6 temporary file(s) left by an interrupted run");
  });

  it("names a corrupt status.json or meta.json instead of printing the parser's text alone", () => {
    const run = mkdtempSync(join(tmpdir(), "w2v-rundir-"));
    writeFileSync(join(run, "status.json"), '{"status": "runn');
    writeFileSync(join(run, "meta.json"), "not json");
    expect(() => readStatus(run)).toThrow(`${join(run, "status.json")}: unreadable (`);
    expect(() => updateMeta(run, { a: 1 })).toThrow(`${join(run, "meta.json")}: unreadable (`);
    expect(existsSync(join(run, "meta.json"))).toBe(true);
  });
});
