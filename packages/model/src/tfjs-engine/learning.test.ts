// Learning is tested by what was learned: on a planted corpus (20 clusters of words that
// co-occur only within their cluster) every loss, with both architectures, puts at least
// 90% of words' nearest neighbours in their own cluster; untrained, about chance.
import { type ExperimentConfigInput, ExperimentSchema, resolveConfig } from "@w2v/config";
import { describe, expect, it } from "vitest";
import { clusterRecovery, plantedCorpus } from "../planted-clusters.js";
import { createTfjsEngine } from "./tfjs-engine.js";

const planted = plantedCorpus({
  clusters: 20,
  wordsPerCluster: 10,
  sentences: 800,
  sentenceLength: 10,
  seed: 3,
});

async function train(model: ExperimentConfigInput["model"], trainer: ExperimentConfigInput["trainer"] = {}) {
  const config = resolveConfig(
    ExperimentSchema.parse({
      seed: 11,
      data: { window: 3, subsampling: { rule: "none" } },
      model: { dim: 16, ...model },
      trainer: {
        engine: "tfjs",
        optimizer: "adam",
        lr: 0.03,
        lrSchedule: { type: "constant" },
        batchSize: 256,
        ...trainer,
      },
    }),
  );
  const engine = await createTfjsEngine({ config, corpus: planted.corpus });
  const before = clusterRecovery(engine.params, planted.clusterOf);
  const report = await engine.runSteps(engine.totalSteps);
  expect(report.done).toBe(true);
  const after = clusterRecovery(engine.params, planted.clusterOf);
  await engine.close();
  return { before, after };
}

const cases = [
  { loss: "negative-sampling", samples: 5, skipgramEpochs: 3 },
  { loss: "nce", samples: 10, skipgramEpochs: 5 },
  { loss: "sampled-softmax", samples: 10, skipgramEpochs: 3 },
  { loss: "softmax", samples: 5, skipgramEpochs: 3 },
] as const;

describe("the tfjs engine recovers planted clusters", () => {
  it("the corpus's chance level is low", () => {
    expect(planted.corpus.vocab.size).toBe(200);
    expect(planted.chance).toBeLessThan(0.05);
  });

  describe.each(cases)("$loss", ({ loss, samples, skipgramEpochs }) => {
    it.each([
      { architecture: "skipgram", epochs: skipgramEpochs },
      { architecture: "cbow", epochs: 8 },
    ] as const)("$architecture", async ({ architecture, epochs }) => {
      const { before, after } = await train({ loss, samples, architecture }, { epochs });
      expect(before).toBeLessThan(3 * planted.chance);
      expect(after).toBeGreaterThanOrEqual(0.9);
    });
  });

  it.each([
    { optimizer: "sgd", lr: 8 },
    { optimizer: "adagrad", lr: 1 },
  ] as const)("with $optimizer", async ({ optimizer, lr }) => {
    const { after } = await train({ loss: "negative-sampling" }, { optimizer, lr, epochs: 3 });
    expect(after).toBeGreaterThanOrEqual(0.9);
  });

  it("d2l's centre rows with the masked mean loss", async () => {
    const { after } = await train(
      { loss: "negative-sampling", negativeSampling: "d2l", init: "xavier" },
      { epochs: 6 },
    );
    expect(after).toBeGreaterThanOrEqual(0.9);
  });
});
