import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { loadSweepFile, sweepJsonSchema } from "./sweep-schema.js";

function sweepFile(text: string, name = "sweep.yaml"): string {
  const path = join(mkdtempSync(join(tmpdir(), "w2v-sweep-")), name);
  writeFileSync(path, text);
  return path;
}

function sweepError(text: string): string {
  const file = sweepFile(text);
  try {
    loadSweepFile(file);
  } catch (error) {
    if (error instanceof ConfigError) return error.message.replaceAll(file, "<file>");
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadSweepFile", () => {
  it("reads every kind of parameter and fills defaults", () => {
    const file = sweepFile(
      [
        "base: ../quickstart.yaml",
        "grid:",
        "  model.loss: [nce, negative-sampling]",
        "zip:",
        "  - { trainer.lr: [0.5, 1.0], trainer.batchSize: [64, 128] }",
        "random:",
        "  samples: 3",
        "  parameters:",
        "    model.dim: { int: [50, 300] }",
        "    trainer.adam.epsilon: { logUniform: [1.0e-9, 1.0e-6] }",
        "repeat: 3",
      ].join("\n"),
      "my-sweep.yaml",
    );
    const { sweep, name, origins } = loadSweepFile(file);
    expect(name).toBe("my-sweep");
    expect(sweep.grid).toEqual({ "model.loss": ["nce", "negative-sampling"] });
    expect(sweep.zip).toEqual([{ "trainer.lr": [0.5, 1.0], "trainer.batchSize": [64, 128] }]);
    expect(sweep.random).toEqual({
      samples: 3,
      seed: 0,
      parameters: { "model.dim": { int: [50, 300] }, "trainer.adam.epsilon": { logUniform: [1e-9, 1e-6] } },
    });
    expect(sweep.repeat).toBe(3);
    expect(sweep.set).toEqual({});
    // Dotted keys keep their positions, so trial errors can point at the value that caused them.
    expect(origins.values.get("grid.model.loss.1")).toMatchObject({ line: 3 });
  });

  it("accepts an inline base config", () => {
    const { sweep } = loadSweepFile(sweepFile("name: inline\nbase: { trainer: { epochs: 1 } }\n"));
    expect(sweep.base).toEqual({ trainer: { epochs: 1 } });
  });

  it("names the line and suggests the field for an unknown swept path", () => {
    expect(sweepError("base: a.yaml\ngrid:\n  trainer.lrr: [0.5]\n")).toBe(
      '<file>:3:3: grid.trainer.lrr: unknown field "lrr" in trainer (did you mean "lr"?); expected one of: ' +
        "engine, kernel, backend, threads, epochs, steps, stepWords, batchSize, optimizer, lr, lrSchedule, adam, adagrad, checkpoint, diagnostics",
    );
    expect(sweepError("base: a.yaml\ngrid:\n  modle.loss: [nce]\n")).toContain(
      'grid.modle.loss: unknown field "modle" (did you mean "model"?)',
    );
  });

  it("suggests the key for an unknown sweep section", () => {
    expect(sweepError("base: a.yaml\ngird: {}\n")).toContain(
      '<file>:2:1: gird: unknown key "gird" (did you mean "grid"?)',
    );
  });

  it("rejects a field swept in two places, repeat with a swept seed, and ragged zips", () => {
    const message = sweepError(
      [
        "base: a.yaml",
        "grid: { trainer.lr: [1], seed: [1, 2] }",
        "zip:",
        "  - { trainer.lr: [0.5, 1.0], model.dim: [8] }",
        "repeat: 2",
      ].join("\n"),
    );
    expect(message).toContain("zip.0.trainer.lr: trainer.lr is already swept in grid");
    expect(message).toContain(
      "<file>:5:9: repeat: repeat sets the seed of each trial, but seed is also swept",
    );
    expect(message).toContain("zip.0: the lists of a zip group are varied together");
    expect(message).toContain("trainer.lr has 2, model.dim has 1");
  });

  it("checks distributions: exactly one kind, ordered ranges, typed bounds", () => {
    const lines = [
      "base: a.yaml",
      "random:",
      "  samples: 2",
      "  parameters:",
      "    trainer.lr: { uniform: [1, 0.5] }",
      "    model.dim: { int: [8, 16], choice: [8] }",
    ];
    const message = sweepError([...lines, "    model.samples: { logUniform: [0, 1] }"].join("\n"));
    expect(message).toContain("random.parameters.model.samples.logUniform.0: expected a value > 0, found 0");
    // zod's structural errors come first; the semantic checks run once the shape is right.
    const semantic = sweepError(lines.join("\n"));
    expect(semantic).toContain(
      "<file>:5:28: random.parameters.trainer.lr.uniform: expected [low, high] with low < high, found [1, 0.5]",
    );
    expect(semantic).toContain(
      "random.parameters.model.dim: expected exactly one of choice, uniform, logUniform, int",
    );
  });

  it("requires a base and non-empty lists", () => {
    const message = sweepError("grid: { trainer.lr: [] }\n");
    expect(message).toContain("base: expected");
    expect(message).toContain("grid.trainer.lr: expected at least 1 value, found an empty list");
  });

  it("rejects a file name that cannot name the sweep directory", () => {
    const file = sweepFile("base: a.yaml\n", "my sweep.yaml");
    expect(() => loadSweepFile(file)).toThrow(/the file name "my sweep" cannot name experiments/);
  });
});

describe("sweep JSON Schema", () => {
  it("is committed up to date (run `pnpm --filter @w2v/config schema` after changing a schema)", () => {
    const committed = JSON.parse(
      readFileSync(new URL("../schema/sweep.schema.json", import.meta.url), "utf8"),
    );
    expect(committed).toEqual(sweepJsonSchema());
  });
});
