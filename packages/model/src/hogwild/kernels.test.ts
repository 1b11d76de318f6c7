// One kernel step against the hand-derived reference gradients, for every loss and both
// architectures: same loss, same parameter updates (within 1e-5 relative).
import { expectedCount as tfExpectedCount, Rng } from "@w2v/data";
import { beforeAll, describe, expect, it } from "vitest";
import type { Params } from "../params.js";
import type { LossAndGrads } from "../reference/example.js";
import { nceLossAndGrads } from "../reference/nce.js";
import { nsLossAndGrads } from "../reference/negative-sampling.js";
import { sampledSoftmaxLossAndGrads } from "../reference/sampled-softmax.js";
import { softmaxLossAndGrads } from "../reference/softmax.js";
import { compileKernels, instantiateKernels } from "./kernels.js";
import { LOSS_CODES, SharedMemory } from "./shared-memory.js";
import {
  ARCH_CBOW,
  ARCH_SKIPGRAM,
  T_CANDIDATE_COUNT,
  T_CANDIDATES,
  T_CONTEXTS,
  T_NUM_TRIES,
} from "./slots.js";
import type { WasmModule } from "./webassembly.js";

const VOCAB = 13;
// Not a multiple of 4: the SIMD body and the scalar tail both run.
const DIM = 10;
const LR = 0.7;
const SAMPLES = 4;

type LossName = keyof typeof LOSS_CODES;

interface Case {
  loss: LossName;
  removeHits: boolean;
  candidates: number[];
  /** draws the unique sampler took (default 9); SAMPLES = all distinct: TF's p * SAMPLES */
  numTries?: number;
}

const CASES: Case[] = [
  { loss: "negative-sampling", removeHits: false, candidates: [3, 7, 1, 9] },
  // a negative drawn twice: two updates, both from the row's old value
  { loss: "negative-sampling", removeHits: false, candidates: [3, 7, 3, 9] },
  { loss: "nce", removeHits: false, candidates: [3, 7, 1, 9] },
  // the first SAMPLES draws were distinct: TF's expected count is p * SAMPLES, not 1 - (1-p)^SAMPLES
  { loss: "nce", removeHits: false, candidates: [3, 7, 1, 9], numTries: SAMPLES },
  { loss: "sampled-softmax", removeHits: false, candidates: [3, 7, 1, 9], numTries: SAMPLES },
  // an accidental hit kept (TF's NCE default): the positive's row gets both updates
  { loss: "nce", removeHits: false, candidates: [3, 5, 1, 9] },
  // an accidental hit (5 is the positive), removed
  { loss: "nce", removeHits: true, candidates: [3, 5, 1, 9] },
  { loss: "sampled-softmax", removeHits: true, candidates: [3, 5, 1, 9] },
  { loss: "sampled-softmax", removeHits: false, candidates: [3, 7, 1, 9] },
  { loss: "softmax", removeHits: false, candidates: [] },
];
const POSITIVE = 5;

let module: WasmModule;
beforeAll(async () => {
  module = await compileKernels();
});

function setUp(testCase: Case, architecture: number, options: { freezeInput?: boolean } = {}) {
  const biases = testCase.loss !== "negative-sampling";
  const sampled = testCase.loss === "nce" || testCase.loss === "sampled-softmax";
  const memory = new SharedMemory({
    vocabSize: VOCAB,
    dim: DIM,
    biases,
    corpusLength: 1,
    sentences: 1,
    maxSentenceLength: 1,
    threads: 1,
    samples: SAMPLES,
    window: 2,
    lrSteps: 1,
    subsampling: false,
    uniqueCandidates: sampled,
    fullSoftmax: testCase.loss === "softmax",
    hotRows: 0,
  });
  memory.writeHeader({
    architecture,
    loss: LOSS_CODES[testCase.loss],
    removeHits: testCase.removeHits,
    sigmoidExact: true,
    windowFixed: false,
    freezeInput: options.freezeInput ?? false,
    stepWords: 1,
    totalSteps: 0,
    hotSyncWords: 0,
    firstSentence: 0,
    sentenceSeed: 0,
  });
  const rng = new Rng(42);
  for (const table of [memory.input, memory.output, memory.bias ?? new Float32Array(0)]) {
    for (let i = 0; i < table.length; i++) table[i] = rng.nextFloat() - 0.5;
  }
  // An arbitrary noise distribution for the expected counts.
  const weights = Array.from({ length: VOCAB }, () => 0.1 + rng.nextFloat());
  const total = weights.reduce((a, b) => a + b, 0);
  const probability = weights.map((w) => w / total);
  probability.forEach((p, k) => {
    memory.noiseLog1m[k] = Math.log1p(-p);
  });
  const thread = memory.threads[0];
  const candidates = new Int32Array(memory.buffer, thread.i32(T_CANDIDATES), 4);
  candidates.set(testCase.candidates);
  thread.setI32(T_CANDIDATE_COUNT, testCase.candidates.length);
  const numTries = testCase.numTries ?? 9;
  thread.setI32(T_NUM_TRIES, numTries);
  const kernels = instantiateKernels(module, memory.memory);
  kernels.bindRun();
  if (sampled) kernels.storeCandidateLogQ(thread.pointer);
  // TF's expected count under unique sampling.
  const noise = { size: VOCAB, sample: () => 0, probability: (k: number) => probability[k] };
  const expectedCount = (k: number) => tfExpectedCount(noise, k, SAMPLES, numTries);
  const params: Params = {
    vocabSize: VOCAB,
    dim: DIM,
    input: memory.input,
    output: memory.output,
    bias: memory.bias,
  };
  const before: Params = {
    ...params,
    input: params.input.slice(),
    output: params.output.slice(),
    bias: params.bias?.slice() ?? null,
  };
  return { memory, kernels, thread, params, before, expectedCount };
}

function reference(testCase: Case, inputIds: number[], params: Params, expectedCount: (k: number) => number) {
  const example = { inputIds, target: POSITIVE };
  const sampledExample = {
    ...example,
    sampled: testCase.candidates,
    trueExpectedCount: expectedCount(POSITIVE),
    sampledExpectedCounts: testCase.candidates.map(expectedCount),
    removeAccidentalHits: testCase.removeHits,
  };
  switch (testCase.loss) {
    case "negative-sampling":
      return nsLossAndGrads({ ...example, negatives: testCase.candidates }, params);
    case "nce":
      return nceLossAndGrads(sampledExample, params);
    case "sampled-softmax":
      return sampledSoftmaxLossAndGrads(sampledExample, params);
    case "softmax":
      return softmaxLossAndGrads(example, params);
  }
}

/** Every row's update equals -lr * its reference gradient (rows without one must not move). */
function expectUpdates(before: Params, after: Params, grads: LossAndGrads): void {
  const tables: [string, Float32Array, Float32Array, Map<number, Float32Array>, number][] = [
    ["input", before.input, after.input, grads.dInputRows, DIM],
    ["output", before.output, after.output, grads.dOutputRows, DIM],
  ];
  if (before.bias && after.bias && grads.dBias) {
    const biasGrads = new Map([...grads.dBias].map(([id, g]) => [id, Float32Array.of(g)]));
    tables.push(["bias", before.bias, after.bias, biasGrads, 1]);
  }
  let rowsChecked = 0;
  for (const [name, old, now, rowGrads, width] of tables) {
    for (let row = 0; row < VOCAB; row++) {
      const grad = rowGrads.get(row) ?? new Float32Array(width);
      const expected = Array.from(grad, (g) => -LR * g);
      const actual = Array.from({ length: width }, (_, d) => now[row * width + d] - old[row * width + d]);
      const scale = Math.max(...expected.map(Math.abs));
      const error = Math.max(...actual.map((a, d) => Math.abs(a - expected[d])));
      if (scale === 0) expect(error, `${name} row ${row} must not move`).toBe(0);
      else {
        expect(error / scale, `${name} row ${row}`).toBeLessThan(1e-5);
        rowsChecked++;
      }
    }
  }
  expect(rowsChecked).toBeGreaterThan(2);
}

describe.each(CASES)("$loss (remove hits: $removeHits, candidates $candidates)", (testCase) => {
  it("skip-gram: one kernel step is the reference gradient step", () => {
    const { kernels, thread, params, before, expectedCount } = setUp(testCase, ARCH_SKIPGRAM);
    const grads = reference(testCase, [2], before, expectedCount);
    const loss = kernels.skipGramStep(thread.pointer, 2, POSITIVE, LR);
    expect(Math.abs(loss - grads.loss) / grads.loss).toBeLessThan(1e-5);
    expectUpdates(before, params, grads);
  });

  it("CBOW: one kernel step is the reference (word2vec) update", () => {
    const { memory, kernels, thread, params, before, expectedCount } = setUp(testCase, ARCH_CBOW);
    // word 2 twice: its row receives the error twice
    const contexts = [2, 8, 2, 11];
    new Int32Array(memory.buffer, thread.i32(T_CONTEXTS), contexts.length).set(contexts);
    const grads = reference(testCase, contexts, before, expectedCount);
    const loss = kernels.cbowStep(thread.pointer, thread.i32(T_CONTEXTS), contexts.length, POSITIVE, LR);
    expect(Math.abs(loss - grads.loss) / grads.loss).toBeLessThan(1e-5);
    expectUpdates(before, params, grads);
  });
});

describe("frozen input vectors (model.pretrained.freeze)", () => {
  it("move no input row, and the output rows as without freezing", () => {
    const testCase = CASES[0];
    const frozen = setUp(testCase, ARCH_SKIPGRAM, { freezeInput: true });
    const grads = reference(testCase, [2], frozen.before, frozen.expectedCount);
    frozen.kernels.skipGramStep(frozen.thread.pointer, 2, POSITIVE, LR);
    expect(frozen.params.input).toEqual(frozen.before.input);
    expectUpdates(frozen.before, frozen.params, { ...grads, dInputRows: new Map() });

    const cbow = setUp(testCase, ARCH_CBOW, { freezeInput: true });
    const contexts = [2, 8];
    new Int32Array(cbow.memory.buffer, cbow.thread.i32(T_CONTEXTS), contexts.length).set(contexts);
    cbow.kernels.cbowStep(cbow.thread.pointer, cbow.thread.i32(T_CONTEXTS), contexts.length, POSITIVE, LR);
    expect(cbow.params.input).toEqual(cbow.before.input);
  });
});
