import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRun as readEvents } from "@w2v/logging";
import { describe, expect, it } from "vitest";
import { writeSweepHParams } from "./hparams.js";
import { planSweep } from "./plan.js";

describe("writeSweepHParams", () => {
  it("records the varied fields with their domains and the metric tags, in the sweep directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "w2v-hparams-"));
    const file = join(dir, "hp.yaml");
    writeFileSync(
      file,
      [
        "base: { trainer: { epochs: 1 } }",
        "set: { model.dim: 16 }",
        "grid: { model.loss: [nce, negative-sampling], data.subsampling: [{ rule: none }, { rule: d2l }] }",
        "random: { samples: 2, parameters: { trainer.lr: { logUniform: [0.01, 1] } } }",
        "repeat: 2",
      ].join("\n"),
    );
    const plan = planSweep(file, { experimentsDir: join(dir, "experiments") });
    // One trial has evaluated: its metrics become HParams metric columns.
    mkdirSync(plan.trials[0].dir, { recursive: true });
    writeFileSync(
      join(plan.trials[0].dir, "eval.json"),
      JSON.stringify({ analogies: { accuracy: 0.3, total: null } }),
    );

    await writeSweepHParams(plan);
    await writeSweepHParams(plan);
    const events = await readEvents(plan.dir);
    // Rewriting replaces the record: TensorBoard would only show the first one it reads.
    expect(events.files).toHaveLength(1);
    expect(events.experiments).toHaveLength(1);
    const { experiment } = events.experiments[0];
    expect(experiment.name).toBe("hp");
    const byName = Object.fromEntries(experiment.hparams.map((info) => [info.name, info]));
    // Fields set for every trial (model.dim) are not hyperparameters of the sweep.
    expect(Object.keys(byName).sort()).toEqual(["data.subsampling.rule", "model.loss", "seed", "trainer.lr"]);
    expect(byName["model.loss"]).toMatchObject({
      type: "string",
      displayName: "loss",
      domain: { discrete: ["nce", "negative-sampling"] },
    });
    expect(byName["data.subsampling.rule"].domain).toEqual({ discrete: ["d2l", "none"] });
    expect(byName.seed).toMatchObject({ type: "float64", domain: { discrete: [1, 2] } });
    expect(byName["trainer.lr"]).toMatchObject({
      type: "float64",
      domain: { interval: { min: 0.01, max: 1 } },
    });
    expect(experiment.metrics.map((metric) => metric.tag)).toEqual([
      "loss/smoothed",
      "train/words_per_sec",
      "eval/analogies_accuracy",
    ]);
  });
});
