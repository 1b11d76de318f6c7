import { SweepSchema } from "@w2v/config";
import { describe, expect, it } from "vitest";
import { expandSweep } from "./expand.js";

function points(input: Record<string, unknown>, baseSeed = 1) {
  return expandSweep(SweepSchema.parse({ base: "b.yaml", ...input }), baseSeed).map((point) =>
    Object.fromEntries(point.map(({ path, value }) => [path, value])),
  );
}

describe("expandSweep", () => {
  it("crosses grid lists, the first varying slowest, with repeats innermost", () => {
    expect(
      points({ grid: { "model.loss": ["nce", "softmax"], "trainer.lr": [0.5, 1] }, repeat: 2 }, 7),
    ).toEqual([
      { "model.loss": "nce", "trainer.lr": 0.5, seed: 7 },
      { "model.loss": "nce", "trainer.lr": 0.5, seed: 8 },
      { "model.loss": "nce", "trainer.lr": 1, seed: 7 },
      { "model.loss": "nce", "trainer.lr": 1, seed: 8 },
      { "model.loss": "softmax", "trainer.lr": 0.5, seed: 7 },
      { "model.loss": "softmax", "trainer.lr": 0.5, seed: 8 },
      { "model.loss": "softmax", "trainer.lr": 1, seed: 7 },
      { "model.loss": "softmax", "trainer.lr": 1, seed: 8 },
    ]);
  });

  it("varies a zip group's lists together and crosses groups with the grid", () => {
    expect(
      points({
        grid: { "model.architecture": ["skipgram", "cbow"] },
        zip: [{ "trainer.lr": [0.025, 0.05], "model.dim": [100, 200] }],
      }),
    ).toEqual([
      { "model.architecture": "skipgram", "trainer.lr": 0.025, "model.dim": 100 },
      { "model.architecture": "skipgram", "trainer.lr": 0.05, "model.dim": 200 },
      { "model.architecture": "cbow", "trainer.lr": 0.025, "model.dim": 100 },
      { "model.architecture": "cbow", "trainer.lr": 0.05, "model.dim": 200 },
    ]);
  });

  it("draws random points from each distribution, reproducibly for a seed", () => {
    const random = {
      samples: 200,
      seed: 3,
      parameters: {
        "trainer.lr": { logUniform: [1e-3, 1] },
        "model.dim": { int: [8, 10] },
        "logging.smoothing": { uniform: [0.5, 0.6] },
        "model.loss": { choice: ["nce", "softmax"] },
      },
    };
    const drawn = points({ random });
    expect(drawn).toHaveLength(200);
    expect(points({ random })).toEqual(drawn);
    expect(points({ random: { ...random, seed: 4 } })).not.toEqual(drawn);
    const lrs = drawn.map((p) => p["trainer.lr"] as number);
    expect(Math.min(...lrs)).toBeGreaterThanOrEqual(1e-3);
    expect(Math.max(...lrs)).toBeLessThanOrEqual(1);
    // Log-uniform: about a third of the draws in each decade.
    expect(lrs.filter((lr) => lr < 1e-2).length).toBeGreaterThan(40);
    expect(lrs.filter((lr) => lr >= 1e-1).length).toBeGreaterThan(40);
    // Reals keep 4 significant digits, so names and configs agree.
    expect(lrs.every((lr) => Number(lr.toPrecision(4)) === lr)).toBe(true);
    // Integer ranges include both ends.
    expect(new Set(drawn.map((p) => p["model.dim"]))).toEqual(new Set([8, 9, 10]));
    const smoothing = drawn.map((p) => p["logging.smoothing"] as number);
    expect(smoothing.every((s) => s >= 0.5 && s <= 0.6)).toBe(true);
    expect(new Set(drawn.map((p) => p["model.loss"]))).toEqual(new Set(["nce", "softmax"]));
  });

  it("keeps a parameter's draws when another parameter is added", () => {
    const one = { "trainer.lr": { uniform: [0, 1] } };
    const a = points({ random: { samples: 5, parameters: one } });
    const b = points({ random: { samples: 5, parameters: { ...one, "model.dim": { int: [1, 9] } } } });
    expect(b.map((p) => p["trainer.lr"])).toEqual(a.map((p) => p["trainer.lr"]));
  });

  it("records where each value comes from in the sweep file", () => {
    const sweep = SweepSchema.parse({
      base: "b.yaml",
      grid: { "trainer.lr": [0.5, 1] },
      zip: [{ "model.dim": [8] }],
      random: { samples: 1, parameters: { "model.samples": { int: [1, 3] } } },
      repeat: 2,
    });
    expect(expandSweep(sweep, 1)[3].map((value) => value.origin)).toEqual([
      "grid.trainer.lr.1",
      "zip.0.model.dim.0",
      "random.parameters.model.samples.int",
      "repeat",
    ]);
  });

  it("is one point with nothing set when nothing is swept", () => {
    expect(points({})).toEqual([{}]);
  });
});
