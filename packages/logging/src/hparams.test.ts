import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readRun } from "./event-reader.js";
import { describeHParams, type ExperimentInfo, flattenHParams } from "./hparams.js";
import { writeHParamsExperiment } from "./hparams-experiment.js";
import { SummaryWriter } from "./summary-writer.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "w2v-hparams-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("flattenHParams", () => {
  it("joins nested keys with dots, keeps numbers, strings and booleans, writes arrays as JSON, drops null", () => {
    const config = {
      data: { corpus: "ptb", minCount: 5, subsample: { rule: "word2vec", threshold: 1e-3 } },
      model: { dim: 100, bias: false },
      logging: { probeWords: ["king", "queen"], progress: null, unset: undefined },
    };
    expect(flattenHParams(config)).toEqual({
      "data.corpus": "ptb",
      "data.minCount": 5,
      "data.subsample.rule": "word2vec",
      "data.subsample.threshold": 1e-3,
      "model.dim": 100,
      "model.bias": false,
      "logging.probeWords": '["king","queen"]',
    });
  });
});

describe("describeHParams", () => {
  it("lists every hparam of a sweep's runs with the sorted discrete domain of its values", () => {
    const infos = describeHParams([
      { "model.dim": 300, "model.arch": "skipgram", "trainer.shuffle": true },
      { "model.dim": 50, "model.arch": "cbow", "trainer.shuffle": true },
      { "model.dim": 100, "model.arch": "skipgram", mixed: 1 },
      { mixed: "one" },
    ]);
    expect(infos).toEqual([
      { name: "mixed" },
      { name: "model.arch", type: "string", domain: { discrete: ["cbow", "skipgram"] } },
      { name: "model.dim", type: "float64", domain: { discrete: [50, 100, 300] } },
      { name: "trainer.shuffle", type: "bool", domain: { discrete: [true] } },
    ]);
  });
});

const experiment: ExperimentInfo = {
  name: "dim-sweep",
  description: "embedding size",
  user: "lab",
  timeCreatedSecs: 1_700_000_000,
  hparams: [
    { name: "model.dim", type: "float64", domain: { discrete: [50, 100] }, displayName: "dim" },
    { name: "trainer.lr", type: "float64", domain: { interval: { min: 0.001, max: 0.1 } } },
    { name: "model.arch", type: "string", description: "skip-gram or CBOW" },
  ],
  metrics: [{ tag: "loss/smoothed", group: "", displayName: "loss" }, { tag: "eval/analogy_accuracy" }],
};

describe("HParams experiment record", () => {
  it("round-trips hparams with discrete and interval domains and metric tags", async () => {
    await writeHParamsExperiment(dir, experiment);
    const run = await readRun(dir);
    expect(run.experiments).toEqual([
      {
        step: 0,
        wallTime: expect.any(Number),
        experiment: {
          ...experiment,
          metrics: [
            { tag: "loss/smoothed", group: "", displayName: "loss" },
            { tag: "eval/analogy_accuracy", group: "" },
          ],
        },
      },
    ]);
    // Not a training run: no SessionLog START.
    expect(run.sessionStarts).toEqual([]);
  });

  it("replaces an older experiment record, which TensorBoard would otherwise show instead", async () => {
    await writeHParamsExperiment(dir, experiment);
    const runLog = await SummaryWriter.open(dir, { startStep: 0 });
    await runLog.close();
    const newer = await writeHParamsExperiment(dir, {
      ...experiment,
      description: "embedding size, more runs",
    });
    const files = (await readdir(dir)).map((name) => join(dir, name)).sort();
    expect(files).toEqual([runLog.path, newer].sort());
    const run = await readRun(dir);
    expect(run.experiments.map((record) => record.experiment.description)).toEqual([
      "embedding size, more runs",
    ]);
  });
});
