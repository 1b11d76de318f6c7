import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../main.js";
import { captureOutput } from "../sweep/console-capture.fixture.js";
import { writeConfig, writePlantedCorpus } from "./planted-corpus.fixture.js";

const output = captureOutput();

describe("a run whose loss becomes NaN", () => {
  it("stops with exit 1, says why, and never checkpoints NaN weights", async () => {
    const { dir } = writePlantedCorpus({ clusters: 2, wordsPerCluster: 5, sentences: 500 });
    const config = writeConfig(
      dir,
      "diverge.yaml",
      [
        "data: { corpus: text, path: corpus.txt, minCount: 1, subsampling: { rule: none } }",
        "model: { dim: 8 }",
        "trainer: { engine: tfjs, lr: 1.0e+30, lrSchedule: { type: constant }, epochs: 3, checkpoint: { every: 2 } }",
        "logging: { every: 1, progress: none }",
        "",
      ].join("\n"),
    );
    const runDir = join(dir, "run");
    expect(await main(["run", config, "--run-dir", runDir])).toBe(1);
    expect(output.err).toMatch(/(the loss is NaN|the weights hold NaN or Inf) at step \d+: training stopped/);
    const status = JSON.parse(readFileSync(join(runDir, "status.json"), "utf8"));
    expect(status.status).toBe("failed");
    expect(status.error).toContain("a learning rate too large");
    const checkpoints = existsSync(join(runDir, "checkpoints"))
      ? readdirSync(join(runDir, "checkpoints"))
      : [];
    for (const name of checkpoints) {
      const params = readFileSync(join(runDir, "checkpoints", name, "params.safetensors"));
      const headerLength = Number(params.readBigUInt64LE(0));
      const floats = new Float32Array(
        params.buffer.slice(params.byteOffset + 8 + headerLength, params.byteOffset + params.length),
      );
      expect(floats.every(Number.isFinite)).toBe(true);
    }
    expect(existsSync(join(runDir, "vectors.bin"))).toBe(false);
  });
});
