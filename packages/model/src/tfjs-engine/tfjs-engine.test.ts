// The tfjs engine against the reference gradients (one SGD step), exact resumption from
// getState/setState, determinism, sparse updates and the backend choice.
import { type ExperimentConfigInput, ExperimentSchema, resolveConfig } from "@w2v/config";
import { describe, expect, it } from "vitest";
import type { Params } from "../params.js";
import { plantedCorpus } from "../planted-clusters.js";
import { applySgd, type LossAndGrads } from "../reference/example.js";
import { nceLossAndGrads } from "../reference/nce.js";
import { maskedBceLossAndGrads, nsLossAndGrads } from "../reference/negative-sampling.js";
import { sampledSoftmaxLossAndGrads } from "../reference/sampled-softmax.js";
import { softmaxLossAndGrads } from "../reference/softmax.js";
import { selectTfjsBackend } from "../tfjs-backend.js";
import { BatchStream } from "./batch-stream.js";
import type { ExampleBatch } from "./example-batch.js";
import { createTfjsEngine } from "./tfjs-engine.js";

const small = plantedCorpus({ clusters: 4, wordsPerCluster: 6, sentences: 40, sentenceLength: 8, seed: 5 });

function configOf(model: ExperimentConfigInput["model"], trainer: ExperimentConfigInput["trainer"] = {}) {
  return resolveConfig(
    ExperimentSchema.parse({
      seed: 21,
      data: { window: 2, subsampling: { rule: "none" } },
      model: { dim: 6, samples: 4, init: "tensorflow", ...model },
      trainer: {
        engine: "tfjs",
        backend: "cpu",
        optimizer: "sgd",
        lr: 0.5,
        lrSchedule: { type: "constant" },
        batchSize: 12,
        ...trainer,
      },
    }),
  );
}

function copyParams(params: Params): Params {
  return {
    ...params,
    input: params.input.slice(),
    output: params.output.slice(),
    bias: params.bias?.slice() ?? null,
  };
}

const slice = (array: Int32Array | Uint8Array, start: number, end: number) =>
  Array.from(array.subarray(start, end));

/** The reference loss and gradients of row r of a batch. */
function referenceRow(
  batch: ExampleBatch,
  r: number,
  params: Params,
  loss: string,
  removeHits: boolean,
): LossAndGrads {
  const inputIds = slice(batch.inputIds, batch.inputStarts[r], batch.inputStarts[r + 1]);
  const columns = slice(batch.columnIds, batch.columnStarts[r], batch.columnStarts[r + 1]);
  const target = batch.targets[r];
  if (loss === "negative-sampling") {
    if (batch.columnReduction === "mean") {
      const labels = slice(batch.columnLabels, batch.columnStarts[r], batch.columnStarts[r + 1]);
      return maskedBceLossAndGrads({ inputIds, columns, labels }, params);
    }
    return nsLossAndGrads({ inputIds, target: columns[0], negatives: columns.slice(1) }, params);
  }
  if (loss === "softmax") return softmaxLossAndGrads({ inputIds, target }, params);
  const candidates = batch.candidates;
  if (!candidates) throw new Error("no candidates");
  const example = {
    inputIds,
    target,
    sampled: candidates.sampled,
    trueExpectedCount: candidates.trueExpectedCounts[r],
    sampledExpectedCounts: candidates.sampledExpectedCounts,
    removeAccidentalHits: removeHits,
  };
  return loss === "nce" ? nceLossAndGrads(example, params) : sampledSoftmaxLossAndGrads(example, params);
}

function expectSameUpdate(
  name: string,
  before: Float32Array,
  engine: Float32Array,
  reference: Float32Array,
): void {
  let scale = 0;
  for (let i = 0; i < before.length; i++) scale = Math.max(scale, Math.abs(reference[i] - before[i]));
  expect(scale, `${name}: the reference moves nothing`).toBeGreaterThan(1e-4);
  for (let i = 0; i < before.length; i++) {
    const error = Math.abs(engine[i] - before[i] - (reference[i] - before[i]));
    if (error > 1e-4 * scale)
      expect.fail(
        `${name}[${i}]: engine update ${engine[i] - before[i]}, reference ${reference[i] - before[i]}`,
      );
  }
}

describe("one SGD step of the tfjs engine is the mean of the reference gradients", () => {
  it.each([
    { loss: "negative-sampling", architecture: "skipgram" },
    { loss: "negative-sampling", architecture: "cbow" },
    { loss: "negative-sampling", architecture: "skipgram", negativeSampling: "d2l" },
    { loss: "nce", architecture: "skipgram" },
    { loss: "nce", architecture: "cbow", removeAccidentalHits: true },
    { loss: "sampled-softmax", architecture: "skipgram" },
    { loss: "sampled-softmax", architecture: "cbow" },
    { loss: "softmax", architecture: "skipgram" },
    { loss: "softmax", architecture: "cbow" },
  ] as const)("$loss, $architecture $negativeSampling", async (model) => {
    const config = configOf(model);
    const engine = await createTfjsEngine({ config, corpus: small.corpus });
    const before = copyParams(engine.params);
    // The engine's first batch, drawn again from a stream with the same seed.
    const stream = new BatchStream(small.corpus, config, config.trainer.batchSize);
    const batch = stream.createBatch();
    const rows = stream.next(batch, 1);
    const reference = copyParams(before);
    const rowGrads = Array.from({ length: rows }, (_, r) =>
      referenceRow(batch, r, before, config.model.loss, config.model.removeAccidentalHits),
    );
    for (const grads of rowGrads) applySgd(reference, grads, config.trainer.lr / rows);
    const report = await engine.runSteps(1);
    expect(report.examples).toBe(rows);
    const referenceLoss = rowGrads.reduce((sum, grads) => sum + grads.loss, 0);
    expect(report.lossSum).toBeCloseTo(referenceLoss, 4);
    expectSameUpdate("input", before.input, engine.params.input, reference.input);
    expectSameUpdate("output", before.output, engine.params.output, reference.output);
    if (before.bias && engine.params.bias && reference.bias)
      expectSameUpdate("bias", before.bias, engine.params.bias, reference.bias);
  });
});

describe("engine state", () => {
  it.each([
    { model: { loss: "negative-sampling" }, trainer: { optimizer: "sgd" } },
    { model: { loss: "nce", architecture: "cbow" }, trainer: { optimizer: "adam", lr: 0.05 } },
    {
      model: { loss: "negative-sampling", negativeSampling: "d2l" },
      trainer: { optimizer: "adam", lr: 0.05 },
    },
    { model: { loss: "sampled-softmax" }, trainer: { optimizer: "adagrad" } },
  ] as const)(
    "resumes exactly, across epochs ($model.loss, $trainer.optimizer)",
    async ({ model, trainer }) => {
      const config = configOf(model, {
        ...trainer,
        epochs: 2,
        batchSize: 40,
        lrSchedule: { type: "linear" },
      });
      const first = await createTfjsEngine({ config, corpus: small.corpus });
      await first.runSteps(3);
      const state = JSON.parse(JSON.stringify(first.getState()));
      const params = copyParams(first.params);
      const optimizer = Object.fromEntries(
        Object.entries(first.optimizerState()).map(([name, array]) => [name, array.slice()]),
      );
      let report = await first.runSteps(first.totalSteps);
      expect(report.done).toBe(true);
      expect(first.getState().wordsDone).toBe(2 * small.corpus.ids.length);

      const resumed = await createTfjsEngine({ config, corpus: small.corpus });
      resumed.setState(state);
      resumed.params.input.set(params.input);
      resumed.params.output.set(params.output);
      if (params.bias) resumed.params.bias?.set(params.bias);
      for (const [name, array] of Object.entries(resumed.optimizerState())) array.set(optimizer[name]);
      report = await resumed.runSteps(resumed.totalSteps);
      expect(report.done).toBe(true);
      expect(resumed.params.input).toEqual(first.params.input);
      expect(resumed.params.output).toEqual(first.params.output);
      expect(resumed.getState()).toEqual(first.getState());
    },
  );

  it("is deterministic for a seed and differs across seeds", async () => {
    const run = async (seed: number) => {
      const engine = await createTfjsEngine({
        config: { ...configOf({ loss: "nce" }), seed },
        corpus: small.corpus,
      });
      await engine.runSteps(5);
      return engine.params.input;
    };
    expect(await run(3)).toEqual(await run(3));
    expect(await run(3)).not.toEqual(await run(4));
  });

  it("counts words, steps and epochs; trainer.steps bounds the run", async () => {
    const byEpochs = await createTfjsEngine({
      config: configOf({}, { epochs: 3, batchSize: 40 }),
      corpus: small.corpus,
    });
    const report = await byEpochs.runSteps(10_000);
    expect(report.done).toBe(true);
    expect(report.words).toBe(3 * small.corpus.ids.length);
    expect(report.steps).toBe(byEpochs.totalSteps);
    const bySteps = await createTfjsEngine({ config: configOf({}, { steps: 7 }), corpus: small.corpus });
    expect(bySteps.totalSteps).toBe(7);
    const stepped = await bySteps.runSteps(100);
    expect(stepped).toMatchObject({ steps: 7, done: true, examples: 7 * 12 });
    expect((await bySteps.runSteps(1)).steps).toBe(0);
  });

  it("a step moves only the rows its batch touched", async () => {
    const config = configOf({ loss: "negative-sampling" }, { batchSize: 3 });
    const engine = await createTfjsEngine({ config, corpus: small.corpus });
    const before = copyParams(engine.params);
    const stream = new BatchStream(small.corpus, config, config.trainer.batchSize);
    const batch = stream.createBatch();
    stream.next(batch, 1);
    await engine.runSteps(1);
    const inputs = new Set(batch.inputIds.subarray(0, batch.inputStarts[batch.rows]));
    const outputs = new Set(batch.columnIds.subarray(0, batch.columnStarts[batch.rows]));
    const dim = config.model.dim;
    expect(inputs.size).toBeLessThan(small.corpus.vocab.size);
    expect(outputs.size).toBeLessThan(small.corpus.vocab.size);
    for (let id = 0; id < small.corpus.vocab.size; id++) {
      const row = (table: Float32Array) => Array.from(table.subarray(id * dim, (id + 1) * dim));
      if (!inputs.has(id)) expect(row(engine.params.input)).toEqual(row(before.input));
      else expect(row(engine.params.input)).not.toEqual(row(before.input));
      if (!outputs.has(id)) expect(row(engine.params.output)).toEqual(row(before.output));
      else expect(row(engine.params.output)).not.toEqual(row(before.output));
    }
  });

  it("leaves the input vectors alone when imported vectors are frozen", async () => {
    const pretrained = { path: "vectors.txt", freeze: true };
    const engine = await createTfjsEngine({ config: configOf({ pretrained }), corpus: small.corpus });
    const before = copyParams(engine.params);
    await engine.runSteps(3);
    expect(engine.params.input).toEqual(before.input);
    expect(engine.params.output).not.toEqual(before.output);
  });
});

describe("bad settings", () => {
  it("name the field", async () => {
    await expect(
      createTfjsEngine({ config: configOf({ loss: "nce", samples: 500 }), corpus: small.corpus }),
    ).rejects.toThrow(/model.samples \(500\) exceeds the vocabulary \(24 words\)/);
    await expect(
      createTfjsEngine({
        config: configOf({ loss: "negative-sampling", negativeSampling: "d2l", architecture: "cbow" }),
        corpus: small.corpus,
      }),
    ).rejects.toThrow(/"d2l" is defined for skip-gram only/);
    const resumed = await createTfjsEngine({ config: configOf({}), corpus: small.corpus });
    const state = resumed.getState();
    expect(() => resumed.setState({ ...state, engine: "hogwild" })).toThrow(
      /cannot resume a hogwild engine state/,
    );
    expect(() => resumed.setState({ ...state, rngs: {} })).toThrow(/lacks the "negatives" generator state/);
  });
});

describe("tfjs backend", () => {
  it("uses tfjs-node only when installed, says why not, and falls back to wasm", async () => {
    await expect(selectTfjsBackend("node")).rejects.toThrow(/@tensorflow\/tfjs-node could not be loaded/);
    expect((await selectTfjsBackend("auto")).name).toBe("wasm");
    expect((await selectTfjsBackend("cpu")).name).toBe("cpu");
  });
});
