// One kernel step against the hand-derived reference gradients, for every loss and both
// architectures: same loss, same parameter updates (within 1e-5 relative).
import { describe, expect, it } from "vitest";
import { CASES, DIM, expectUpdates, LR, POSITIVE, reference, setUp } from "../../test/kernel-fixture.js";
import { nsLossAndGrads } from "../reference/negative-sampling.js";
import { ARCH_CBOW, ARCH_SKIPGRAM, MAX_EXP, SIGMOID_TABLE_SIZE, T_CONTEXTS } from "./slots.js";

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
