// One kernel step against the hand-derived reference gradients, for every loss and both
// architectures: same loss, same parameter updates (within 1e-5 relative).
import { Rng, expectedCount as tfExpectedCount } from "@w2v/data";
import { beforeAll, describe, expect, it } from "vitest";
import type { Params } from "../params.js";
import type { LossAndGrads } from "../reference/example.js";
import { nceLossAndGrads } from "../reference/nce.js";
import { nsLossAndGrads } from "../reference/negative-sampling.js";
import { sampledSoftmaxLossAndGrads } from "../reference/sampled-softmax.js";
import { softmaxLossAndGrads } from "../reference/softmax.js";
import { compileKernels, instantiateKernels } from "./kernels.js";
import { LOSS_CODES, SharedMemory } from "./shared-memory.js";
import { fillSigmoidTables } from "./sigmoid-table.js";
import {
  ARCH_CBOW,
  ARCH_SKIPGRAM,
  MAX_EXP,
  SIGMOID_TABLE_SIZE,
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

function setUp(
  testCase: Case,
  architecture: number,
  options: { freezeInput?: boolean; sigmoid?: "exact" | "table" } = {},
) {
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
    sigmoidExact: options.sigmoid !== "table",
    windowFixed: false,
    freezeInput: options.freezeInput ?? false,
    stepWords: 1,
    totalSteps: 0,
    hotSyncWords: 0,
    firstSentence: 0,
    sentenceSeed: 0,
  });
  fillSigmoidTables(memory.sigmoidTable, memory.logSigmoidTable);
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

describe("table sigmoid (model.sigmoid: table, the default)", () => {
  // word2vec's table: sigmoid at the grid point at or below z, 0 or 1 beyond ±MAX_EXP.
  const GRID = (2 * MAX_EXP) / SIGMOID_TABLE_SIZE;
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
  const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  /** The range of sigmoid(z) - tableSigmoid(z): one grid step at most, exact beyond ±MAX_EXP. */
  const sigmoidGap = (z: number): [number, number] =>
    z >= MAX_EXP
      ? [sigmoid(z) - 1, sigmoid(z) - 1]
      : z <= -MAX_EXP
        ? [sigmoid(z), sigmoid(z)]
        : [0, sigmoid(z) - sigmoid(z - GRID)];
  /** The range of one logistic loss term softplus(s) as read from the log-sigmoid table. */
  const lossTerm = (s: number): [number, number] =>
    s >= MAX_EXP ? [s, s] : s <= -MAX_EXP ? [0, 0] : [softplus(s), softplus(s + GRID)];
  // Logits of the positive (5) and the negatives 3, 7, 1, 9: two beyond ±6, three inside,
  // none near a grid point (where float rounding could pick the neighbouring entry).
  const LOGITS = new Map([
    [5, 8],
    [3, -9],
    [7, 3.305],
    [1, -5.9],
    [9, 0.41],
  ]);

  function within(actual: number, [low, high]: [number, number], what: string) {
    const slack = 2e-6;
    expect(actual, `${what}: ${actual} outside [${low}, ${high}]`).toBeGreaterThanOrEqual(low - slack);
    expect(actual, `${what}: ${actual} outside [${low}, ${high}]`).toBeLessThanOrEqual(high + slack);
  }

  it.each([
    ["skip-gram", ARCH_SKIPGRAM, [2]],
    ["CBOW", ARCH_CBOW, [2, 8, 2, 11]],
  ] as const)(
    "%s, negative sampling: one step is the reference step within the table's resolution",
    (_, architecture, inputIds) => {
      const testCase = CASES[0];
      const { memory, kernels, thread, params, before } = setUp(testCase, architecture, { sigmoid: "table" });
      // h as the kernel forms it (the context mean for CBOW); each output row is set so that
      // its logit h·w is the one planned.
      const h = Array.from({ length: DIM }, (_, d) => {
        let sum = 0;
        for (const id of inputIds) sum += before.input[id * DIM + d];
        return sum / inputIds.length;
      });
      const norm2 = h.reduce((sum, x) => sum + x * x, 0);
      for (const [word, logit] of LOGITS) {
        for (let d = 0; d < DIM; d++) before.output[word * DIM + d] = (logit * h[d]) / norm2;
        params.output.set(before.output.subarray(word * DIM, (word + 1) * DIM), word * DIM);
      }
      const z = new Map(
        [...LOGITS.keys()].map((word) => {
          let dot = 0;
          for (let d = 0; d < DIM; d++) dot += h[d] * before.output[word * DIM + d];
          return [word, dot];
        }),
      );
      const grads = nsLossAndGrads(
        { inputIds: [...inputIds], target: POSITIVE, negatives: testCase.candidates },
        before,
      );

      const loss =
        architecture === ARCH_SKIPGRAM
          ? kernels.skipGramStep(thread.pointer, inputIds[0], POSITIVE, LR)
          : (() => {
              new Int32Array(memory.buffer, thread.i32(T_CONTEXTS), inputIds.length).set(inputIds);
              return kernels.cbowStep(thread.pointer, thread.i32(T_CONTEXTS), inputIds.length, POSITIVE, LR);
            })();

      // Loss: each term from the log-sigmoid table; the reference's is exact.
      const signed = [...z].map(([word, logit]) => (word === POSITIVE ? -logit : logit));
      expect(grads.loss).toBeCloseTo(
        signed.reduce((sum, s) => sum + softplus(s), 0),
        5,
      );
      const terms = signed.map(lossTerm);
      within(loss, [terms.reduce((a, t) => a + t[0], 0), terms.reduce((a, t) => a + t[1], 0)], "loss");

      const moved = (table: Float32Array, old: Float32Array, row: number, d: number) =>
        table[row * DIM + d] - old[row * DIM + d];
      // Output rows: update - reference update = lr (sigmoid(z) - table sigmoid(z)) h.
      for (const [word, logit] of z) {
        const gap = sigmoidGap(logit);
        const reference = grads.dOutputRows.get(word)!;
        for (let d = 0; d < DIM; d++) {
          const diff = moved(params.output, before.output, word, d) + LR * reference[d];
          const bounds = gap.map((g) => LR * g * h[d]).sort((a, b) => a - b) as [number, number];
          within(diff, bounds, `output row ${word} (logit ${logit.toFixed(3)}), dim ${d}`);
        }
        // Beyond ±6 the table's sigmoid is exactly 0 or 1: a word already right does not move.
        if (Math.abs(logit) >= MAX_EXP) {
          expect(Array.from({ length: DIM }, (_, d) => moved(params.output, before.output, word, d))).toEqual(
            new Array(DIM).fill(0),
          );
        }
      }
      // Input rows: each occurrence adds the error sum_j lr (label_j - sigmoid_j) w_j.
      for (const id of new Set(inputIds)) {
        const count = inputIds.filter((other) => other === id).length;
        const reference = grads.dInputRows.get(id)!;
        for (let d = 0; d < DIM; d++) {
          let low = 0;
          let high = 0;
          for (const [word, logit] of z) {
            const ends = sigmoidGap(logit).map((g) => count * LR * g * before.output[word * DIM + d]);
            low += Math.min(...ends);
            high += Math.max(...ends);
          }
          within(
            moved(params.input, before.input, id, d) + LR * reference[d],
            [low, high],
            `input row ${id}, dim ${d}`,
          );
        }
      }
    },
  );
});
