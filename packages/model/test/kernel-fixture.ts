// What the kernels' agreement tests share (kernels.test.ts: word2vec's steps;
// hogbatch.test.ts: the blocked steps): a one-thread shared memory with random parameters
// and a planted candidate set, the reference gradients of each loss, and the check that
// every row moved by -lr times its reference gradient.
import { Rng, expectedCount as tfExpectedCount } from "@w2v/data";
import { beforeAll, expect } from "vitest";
import { compileKernels, instantiateKernels } from "../src/hogwild/kernels.js";
import { LOSS_CODES, SharedMemory } from "../src/hogwild/shared-memory.js";
import { fillSigmoidTables } from "../src/hogwild/sigmoid-table.js";
import {
  KERNEL_HOGBATCH,
  KERNEL_WORD2VEC,
  T_CANDIDATE_COUNT,
  T_CANDIDATES,
  T_NUM_TRIES,
} from "../src/hogwild/slots.js";
import type { WasmModule } from "../src/hogwild/webassembly.js";
import type { Params } from "../src/params.js";
import type { LossAndGrads } from "../src/reference/example.js";
import { nceLossAndGrads } from "../src/reference/nce.js";
import { nsLossAndGrads } from "../src/reference/negative-sampling.js";
import { sampledSoftmaxLossAndGrads } from "../src/reference/sampled-softmax.js";
import { softmaxLossAndGrads } from "../src/reference/softmax.js";

export const VOCAB = 13;
// Not a multiple of 4: the SIMD body and the scalar tail both run.
export const DIM = 10;
export const LR = 0.7;
export const SAMPLES = 4;

export type LossName = keyof typeof LOSS_CODES;

export interface Case {
  loss: LossName;
  removeHits: boolean;
  candidates: number[];
  /** draws the unique sampler took (default 9); SAMPLES = all distinct: TF's p * SAMPLES */
  numTries?: number;
}

export const CASES: Case[] = [
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
export const POSITIVE = 5;

let module: WasmModule;
beforeAll(async () => {
  module = await compileKernels();
});

export function setUp(
  testCase: Case,
  architecture: number,
  options: { freezeInput?: boolean; sigmoid?: "exact" | "table"; kernel?: "word2vec" | "hogbatch" } = {},
) {
  const blocked = options.kernel === "hogbatch";
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
    blocked,
  });
  memory.writeHeader({
    architecture,
    loss: LOSS_CODES[testCase.loss],
    removeHits: testCase.removeHits,
    sigmoidExact: options.sigmoid !== "table",
    windowFixed: false,
    freezeInput: options.freezeInput ?? false,
    kernel: blocked ? KERNEL_HOGBATCH : KERNEL_WORD2VEC,
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
  const candidates = new Int32Array(memory.buffer, thread.i32(T_CANDIDATES), SAMPLES);
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

export function reference(
  testCase: Case,
  inputIds: number[],
  params: Params,
  expectedCount: (k: number) => number,
) {
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
export function expectUpdates(before: Params, after: Params, grads: LossAndGrads): void {
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

/** The gradients of a sum of losses, all taken at the same parameters: rows touched by several add up. */
export function sumGrads(terms: LossAndGrads[]): LossAndGrads {
  const addRows = (rows: Map<number, Float32Array>, more: Map<number, Float32Array>) => {
    for (const [id, grad] of more) {
      const sum = rows.get(id) ?? new Float32Array(grad.length);
      grad.forEach((g, d) => {
        sum[d] += g;
      });
      rows.set(id, sum);
    }
  };
  const sum: LossAndGrads = {
    loss: 0,
    dHidden: new Float32Array(0),
    dInputRows: new Map(),
    dOutputRows: new Map(),
    dBias: terms[0].dBias && new Map(),
  };
  for (const term of terms) {
    sum.loss += term.loss;
    addRows(sum.dInputRows, term.dInputRows);
    addRows(sum.dOutputRows, term.dOutputRows);
    for (const [id, g] of term.dBias ?? []) sum.dBias?.set(id, (sum.dBias.get(id) ?? 0) + g);
  }
  return sum;
}
