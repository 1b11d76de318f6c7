import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dataStatsCommand } from "./data-stats.js";

const realDataDir = process.env.W2V_DATA_DIR;
if (!realDataDir) console.warn("W2V_DATA_DIR is not set: `data stats` on text8-prefix is skipped");

let dir: string;
afterEach(() => {
  vi.restoreAllMocks();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function statsOutput(configText: string, set: string[] = [], json = false): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), "w2v-data-stats-"));
  writeFileSync(join(dir, "corpus.txt"), "The cat sat.\nThe dog sat on the mat.\n");
  writeFileSync(join(dir, "exp.yaml"), configText);
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(console, "error").mockImplementation(() => {});
  expect(
    await dataStatsCommand(join(dir, "exp.yaml"), { set: [`data.cacheDir=${dir}/cache`, ...set], json }),
  ).toBe(0);
  return out;
}

describe("exp data stats", () => {
  it("prints the corpus figures of a config, with --set overrides", async () => {
    const config =
      "data:\n  corpus: text\n  path: corpus.txt\n  minCount: 1\n  window: 1\n  windowRule: fixed\n";
    const out = await statsOutput(config, ["data.subsampling.rule=none"]);
    expect(out).toMatch(/^tokens +9 read, 9 after the vocabulary rules$/m);
    expect(out).toMatch(/^sentences +2$/m);
    expect(out).toMatch(/^vocabulary +6 words \(min count 1\)$/m);
    expect(out).toMatch(/^examples +14 skip-gram pairs, 9 CBOW windows per epoch/m);
    const json = JSON.parse(await statsOutput(config, ["data.minCount=2"], true));
    expect(json.vocabSize).toBe(2);
  });

  it.skipIf(!realDataDir)("prints text8-prefix's vocabulary at min count 5", async () => {
    const out = await statsOutput("data:\n  corpus: text8\n  minCount: 5\n  allowText8Prefix: true\n");
    expect(out).toMatch(/^tokens +2,139,748 read/m);
    expect(out).toMatch(/^vocabulary +22,541 words \(min count 5\)$/m);
    expect(out).toMatch(/^WARNING +this is a PREFIX of text8/m);
  });
});
