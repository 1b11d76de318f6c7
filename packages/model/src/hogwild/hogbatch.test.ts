// The blocked (hogbatch) kernel against the reference gradients of its objective: one
// skip-gram window, its contexts sharing one set of candidates, and one batch of CBOW
// windows sharing one set of negatives, each update equal (to 1e-5 relative) to the
// gradient step of the summed loss taken at the parameters before the block.
import { describe, expect, it } from "vitest";
import {
  CASES,
  DIM,
  expectUpdates,
  LR,
  POSITIVE,
  reference,
  SAMPLES,
  setUp,
  sumGrads,
} from "../../test/kernel-fixture.js";
import { nsLossAndGrads } from "../reference/negative-sampling.js";
import { ARCH_CBOW, ARCH_SKIPGRAM, CBOW_BATCH, T_BLOCK_COUNTS, T_BLOCK_POSITIVES } from "./slots.js";

// word 2 twice: its input row receives both errors, each from the old output rows
const CONTEXTS = [2, 8, 2, 11];
const BLOCKED_CASES = CASES.filter((testCase) => testCase.loss !== "softmax");

function expectLoss(actual: number, expected: number): void {
  expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-5);
}

describe.each(BLOCKED_CASES)(
  "hogbatch skip-gram, $loss (remove hits: $removeHits, candidates $candidates)",
  (testCase) => {
    it("one window's update is the gradient step of its contexts' summed loss", () => {
      const fixture = setUp(testCase, ARCH_SKIPGRAM, { kernel: "hogbatch" });
      const { memory, kernels, thread, params, before, expectedCount } = fixture;
      const grads = sumGrads(
        CONTEXTS.map((context) => reference(testCase, [context], before, expectedCount)),
      );
      const contexts = kernels.windowContexts(thread.pointer, 0);
      new Int32Array(memory.buffer, contexts, CONTEXTS.length).set(CONTEXTS);
      const loss = kernels.skipGramBlock(thread.pointer, contexts, CONTEXTS.length, POSITIVE, LR);
      expectLoss(loss, grads.loss);
      expectUpdates(before, params, grads);
    });
  },
);

/** A CBOW batch: each window's centre and contexts; the shared negatives include two of the centres. */
const WINDOWS = [
  { centre: POSITIVE, contexts: [2, 8, 2, 11] },
  { centre: 3, contexts: [5, 1] },
  { centre: 7, contexts: [4] },
  { centre: POSITIVE, contexts: [12, 0, 6] },
];
const SHARED_NEGATIVES = [3, 7, 1, 3];

function trainCbowBatch(options: { freezeInput?: boolean } = {}) {
  const testCase = { loss: "negative-sampling" as const, removeHits: false, candidates: SHARED_NEGATIVES };
  const fixture = setUp(testCase, ARCH_CBOW, { kernel: "hogbatch", ...options });
  const { memory, kernels, thread } = fixture;
  const counts = new Int32Array(memory.buffer, thread.i32(T_BLOCK_COUNTS), CBOW_BATCH);
  const centres = new Int32Array(memory.buffer, thread.i32(T_BLOCK_POSITIVES), CBOW_BATCH);
  WINDOWS.forEach(({ centre, contexts }, b) => {
    new Int32Array(memory.buffer, kernels.windowContexts(thread.pointer, b), contexts.length).set(contexts);
    counts[b] = contexts.length;
    centres[b] = centre;
  });
  const loss = kernels.cbowBlock(thread.pointer, WINDOWS.length, LR);
  return { ...fixture, loss };
}

describe("hogbatch CBOW, negative sampling", () => {
  it("one batch's update is the gradient step of its windows' summed loss (word2vec's CBOW update)", () => {
    expect(WINDOWS.length).toBeLessThanOrEqual(CBOW_BATCH);
    expect(SHARED_NEGATIVES.length).toBe(SAMPLES);
    const { params, before, loss } = trainCbowBatch();
    // a shared negative equal to a window's centre is no negative of that window, as
    // word2vec skips a draw equal to the positive
    const grads = sumGrads(
      WINDOWS.map(({ centre, contexts }) =>
        nsLossAndGrads(
          {
            inputIds: contexts,
            target: centre,
            negatives: SHARED_NEGATIVES.filter((word) => word !== centre),
          },
          before,
        ),
      ),
    );
    expectLoss(loss, grads.loss);
    expectUpdates(before, params, grads);
  });

  it("frozen input vectors: no input row moves, the output rows as without freezing", () => {
    const free = trainCbowBatch();
    const frozen = trainCbowBatch({ freezeInput: true });
    expect(frozen.params.input).toEqual(frozen.before.input);
    expect(frozen.params.output).toEqual(free.params.output);
    expect(frozen.params.output).not.toEqual(frozen.before.output);
  });
});

describe("hogbatch skip-gram, frozen input vectors", () => {
  it("moves no input row, and the output rows as the reference", () => {
    const testCase = CASES[0];
    const { memory, kernels, thread, params, before, expectedCount } = setUp(testCase, ARCH_SKIPGRAM, {
      kernel: "hogbatch",
      freezeInput: true,
    });
    const grads = sumGrads(CONTEXTS.map((context) => reference(testCase, [context], before, expectedCount)));
    const contexts = kernels.windowContexts(thread.pointer, 0);
    new Int32Array(memory.buffer, contexts, CONTEXTS.length).set(CONTEXTS);
    kernels.skipGramBlock(thread.pointer, contexts, CONTEXTS.length, POSITIVE, LR);
    expect(params.input).toEqual(before.input);
    expectUpdates(before, params, { ...grads, dInputRows: new Map() });
    expect(DIM % 4).not.toBe(0);
  });
});
