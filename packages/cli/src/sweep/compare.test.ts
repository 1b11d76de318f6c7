import { describe, expect, it } from "vitest";
import { compareRuns, formatComparison } from "./compare.js";
import type { RunSummary } from "./runs.js";

function run(
  id: string,
  config: Record<string, unknown>,
  metrics: Record<string, number>,
  status = "finished",
): RunSummary {
  return {
    dir: `/x/${id}`,
    id,
    config: { name: "sweep", "data.corpus": "ptb", "trainer.epochs": 5, ...config },
    metrics,
    state: {
      status: status as "finished",
      file: { status: status as "finished", startTime: "", pid: 1, step: 1, totalSteps: 1 },
      meta: undefined,
    },
  };
}

const runs = [
  run("loss=nce,seed=1", { "model.loss": "nce", seed: 1 }, { finalLoss: 2, accuracy: 0.3 }),
  run("loss=nce,seed=2", { "model.loss": "nce", seed: 2 }, { finalLoss: 4, accuracy: 0.5 }),
  run("loss=nce,seed=3", { "model.loss": "nce", seed: 3 }, { finalLoss: 6, accuracy: 0.4 }),
  run("loss=softmax,seed=1", { "model.loss": "softmax", seed: 1 }, { finalLoss: 1, accuracy: 0.6 }),
];

describe("compareRuns", () => {
  it("keeps only the fields that differ and groups seeds as mean ± sample std", () => {
    const comparison = compareRuns(runs);
    expect(comparison.params).toEqual(["model.loss"]);
    expect(comparison.seeds).toBe(true);
    expect(comparison.rows).toHaveLength(2);
    expect(comparison.rows[0]).toMatchObject({
      run: "loss=nce,seed=*",
      runs: ["loss=nce,seed=1", "loss=nce,seed=2", "loss=nce,seed=3"],
      params: { "model.loss": "nce" },
      seeds: [1, 2, 3],
      metrics: { finalLoss: { mean: 4, std: 2, n: 3 } },
    });
    expect(comparison.rows[0].metrics.accuracy.mean).toBeCloseTo(0.4);
    expect(comparison.rows[0].metrics.accuracy.std).toBeCloseTo(0.1);
    expect(comparison.rows[1]).toMatchObject({
      run: "loss=softmax,seed=1",
      metrics: { finalLoss: { mean: 1, std: 0, n: 1 } },
    });
  });

  it("sorts by the first --metric, losses ascending and other metrics descending", () => {
    expect(compareRuns(runs, { metrics: ["finalLoss"] }).rows.map((r) => r.run)).toEqual([
      "loss=softmax,seed=1",
      "loss=nce,seed=*",
    ]);
    expect(compareRuns(runs, { metrics: ["accuracy"] }).rows.map((r) => r.run)).toEqual([
      "loss=softmax,seed=1",
      "loss=nce,seed=*",
    ]);
    const sorted = compareRuns(runs, { sort: "loss:desc" }).rows.map((r) => r.run);
    expect(sorted).toEqual(["loss=softmax,seed=1", "loss=nce,seed=*"]);
    expect(compareRuns(runs, { sort: "finalLoss:desc" }).rows.map((r) => r.run)).toEqual([
      "loss=nce,seed=*",
      "loss=softmax,seed=1",
    ]);
  });

  it("says which columns and metrics exist when asked for one that does not", () => {
    expect(() => compareRuns(runs, { sort: "lr" })).toThrow(
      "--sort lr: no such column; columns: run, seed, model.loss, finalLoss, accuracy",
    );
    expect(() => compareRuns(runs, { metrics: ["recall"] })).toThrow(
      "no run has the metric recall; metrics: finalLoss, accuracy",
    );
  });
});

describe("formatComparison", () => {
  const comparison = compareRuns(runs, { metrics: ["finalLoss"] });

  it("table: short parameter names and mean ± std", () => {
    expect(formatComparison(comparison, "table").split("\n")).toEqual([
      "run                  loss     seed   finalLoss",
      "loss=softmax,seed=1  softmax  1      1",
      "loss=nce,seed=*      nce      1 2 3  4 ± 2",
      "",
    ]);
  });

  it("csv: full field names, mean and std in their own columns", () => {
    expect(formatComparison(comparison, "csv")).toBe(
      "run,model.loss,seed,finalLoss,finalLoss.std\nloss=softmax,seed=1,softmax,1,1,\nloss=nce,seed=*,nce,1 2 3,4,2\n".replace(
        /loss=(\w+),seed=([*1])/g,
        '"loss=$1,seed=$2"',
      ),
    );
  });

  it("md and json", () => {
    expect(formatComparison(comparison, "md")).toContain(
      "| loss=nce,seed=*     | nce     | 1 2 3 | 4 ± 2     |",
    );
    const json = JSON.parse(formatComparison(comparison, "json"));
    expect(json.rows[1].metrics.finalLoss).toEqual({ mean: 4, std: 2, n: 3 });
  });

  it("shows a status column when some runs did not finish, and how many runs each mean has", () => {
    const mixed = [
      ...runs.slice(0, 2),
      run("loss=nce,seed=3", { "model.loss": "nce", seed: 3 }, {}, "failed"),
    ];
    const text = formatComparison(compareRuns(mixed, { metrics: ["finalLoss"] }), "table");
    expect(text).toContain("status");
    expect(text).toContain("2 finished, 1 failed");
    expect(text).toContain("3 ± 1.414 (n=2)");
  });
});
