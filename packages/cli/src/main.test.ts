import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { main } from "./main.js";
import { captureOutput } from "./sweep/console-capture.fixture.js";

const quickstart = new URL("../../../configs/quickstart.yaml", import.meta.url).pathname;

let experiments: string;
const output = captureOutput();

beforeEach(() => {
  experiments = join(mkdtempSync(join(tmpdir(), "w2v-cli-")), "experiments");
});

function exp(...args: string[]): Promise<number> {
  return main(["--experiments-dir", experiments, ...args]);
}

describe("exp run", () => {
  it("--dry-run prints the resolved config and creates nothing", async () => {
    expect(await exp("run", quickstart, "--dry-run", "--set", "trainer.lr=0.5")).toBe(0);
    expect(output.out).toContain("name: quickstart");
    expect(output.out).toContain("lr: 0.5");
    expect(output.out).toContain("sampler: unigram");
    expect(existsSync(experiments)).toBe(false);
  });

  it.each([
    [["--set", "trainer.lr=abc"], "trainer.lr: expected a number"],
    [["--set", "trainer.epocs=5"], 'did you mean "epochs"'],
    [["--set", "nonsense"], "expected --set section.field=value"],
  ])("config error %j exits 2 and leaves experiments/ untouched", async (args, message) => {
    expect(await exp("run", quickstart, ...args)).toBe(2);
    expect(output.err).toContain(message);
    expect(existsSync(experiments)).toBe(false);
  });

  it("a bad config file exits 2 naming the file and position", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "w2v-cfg-")), "bad.yaml");
    writeFileSync(file, "trainer: { epocs: 5 }\n");
    expect(await exp("run", file)).toBe(2);
    expect(output.err).toContain(`${file}:1:12: trainer.epocs: unknown key "epocs" (did you mean "epochs"?)`);
    expect(existsSync(experiments)).toBe(false);
  });

  it("a missing config file exits 2", async () => {
    expect(await exp("run", "/nonexistent/x.yaml")).toBe(2);
    expect(output.err).toContain("/nonexistent/x.yaml: file not found");
  });

  it("usage errors exit 2; --help exits 0", async () => {
    expect(await exp("run")).toBe(2);
    expect(await exp("frobnicate")).toBe(2);
    expect(await exp("--help")).toBe(0);
    expect(await exp("run", "--help")).toBe(0);
    expect(existsSync(experiments)).toBe(false);
  });
});

describe("run directories", () => {
  it("run ids sort by start time and stay unique within the same millisecond", async () => {
    const { createRunDir } = await import("./run-dir.js");
    const at = new Date("2026-11-21T10:00:00.000Z");
    const ids = [
      createRunDir(experiments, "x", at),
      createRunDir(experiments, "x", at),
      createRunDir(experiments, "x", new Date(at.getTime() + 1000)),
    ].map((run) => run.runId);
    expect(new Set(ids).size).toBe(3);
    expect([...ids].sort()).toEqual(ids);
    expect(readdirSync(join(experiments, "x")).sort()).toEqual(ids);
  });
});
