// The hogwild engine end to end on the planted-cluster corpus: it learns the clusters
// with every loss, both architectures, on 1 and 2 threads; one thread is deterministic
// for a seed and resumes exactly from a saved state.

import { parseExperiment, resolveConfig } from "@w2v/config";
import { describe, expect, it } from "vitest";
import { clusterRecovery, plantedCorpus } from "../planted-clusters.js";
import { createHogwildEngine } from "./hogwild-engine.js";

const planted = plantedCorpus({
  clusters: 20,
  wordsPerCluster: 8,
  sentences: 1500,
  sentenceLength: 12,
  seed: 7,
});
const LOSSES = ["negative-sampling", "nce", "sampled-softmax", "softmax"] as const;
const ARCHITECTURES = ["skipgram", "cbow"] as const;

function config(overrides: {
  loss?: (typeof LOSSES)[number];
  architecture?: (typeof ARCHITECTURES)[number];
  threads?: number;
  epochs?: number;
  seed?: number;
  /** word2vec's subsampling at this threshold (default: none) */
  subsampling?: number;
  kernel?: "word2vec" | "hogbatch";
}) {
  const architecture = overrides.architecture ?? "skipgram";
  const subsampling =
    overrides.subsampling === undefined
      ? { rule: "none" as const }
      : { rule: "word2vec" as const, threshold: overrides.subsampling };
  return resolveConfig(
    parseExperiment({
      seed: overrides.seed ?? 3,
      data: { window: 4, subsampling },
      model: { architecture, dim: 24, loss: overrides.loss ?? "negative-sampling", samples: 5 },
      trainer: {
        kernel: overrides.kernel ?? "word2vec",
        threads: overrides.threads ?? 1,
        epochs: overrides.epochs ?? 2,
        stepWords: 1000,
        lr: architecture === "cbow" ? 0.05 : 0.025,
      },
    }),
  );
}

/** Trains the whole run and checks the clusters are learned (>= 90% same-cluster neighbours). */
async function expectClustersLearned(overrides: Parameters<typeof config>[0]) {
  const engine = await createHogwildEngine({ config: config(overrides), corpus: planted.corpus });
  try {
    const untrained = clusterRecovery(engine.params, planted.clusterOf);
    let report = await engine.runSteps(engine.totalSteps);
    expect(report.done).toBe(true);
    expect(engine.getState().epoch).toBe(2);
    expect(report.words).toBe(2 * planted.corpus.ids.length);
    // the live counters the kernels publish agree with the report
    expect(engine.progress()).toEqual({
      wordsDone: report.words,
      examples: report.examples,
      lossSum: report.lossSum,
    });
    expect(report.lossSum / report.lossCount).toBeGreaterThan(0);
    report = await engine.runSteps(1);
    expect(report.steps).toBe(0);
    const trained = clusterRecovery(engine.params, planted.clusterOf);
    expect(untrained).toBeLessThan(3 * planted.chance);
    expect(trained).toBeGreaterThanOrEqual(0.9);
  } finally {
    await engine.close();
  }
}

describe("hogwild engine: planted clusters", () => {
  for (const loss of LOSSES) {
    for (const architecture of ARCHITECTURES) {
      for (const threads of [1, 2]) {
        it(`${loss}, ${architecture}, ${threads} thread${threads > 1 ? "s" : ""}: >= 90% same-cluster neighbours`, async () => {
          await expectClustersLearned({ loss, architecture, threads });
        });
      }
    }
  }
});

describe("hogbatch kernel: planted clusters", () => {
  // the losses the blocked kernel trains (the others fall back to word2vec's steps)
  const BLOCKED = [
    ["skipgram", "negative-sampling"],
    ["skipgram", "nce"],
    ["skipgram", "sampled-softmax"],
    ["cbow", "negative-sampling"],
  ] as const;
  for (const [architecture, loss] of BLOCKED) {
    for (const threads of [1, 2]) {
      it(`${loss}, ${architecture}, ${threads} thread${threads > 1 ? "s" : ""}: >= 90% same-cluster neighbours`, async () => {
        await expectClustersLearned({ loss, architecture, threads, kernel: "hogbatch" });
      });
    }
  }
});

describe("hogwild engine: determinism and resume", () => {
  async function train(seed: number, chunks: number[], kernel: "word2vec" | "hogbatch" = "word2vec") {
    const engine = await createHogwildEngine({
      config: config({ seed, epochs: 2, kernel }),
      corpus: planted.corpus,
    });
    const losses: number[] = [];
    for (const steps of chunks) losses.push((await engine.runSteps(steps)).lossSum);
    const input = engine.params.input.slice();
    const state = engine.getState();
    await engine.close();
    return { input, losses, state };
  }

  it("one thread gives the same parameters for a seed, other ones for another seed", async () => {
    const a = await train(11, [1000]);
    const b = await train(11, [1000]);
    const c = await train(12, [1000]);
    expect(b.input).toEqual(a.input);
    expect(b.losses).toEqual(a.losses);
    expect(c.input).not.toEqual(a.input);
  });

  it("hogbatch: one thread gives the same parameters for a seed, other ones than word2vec's kernel", async () => {
    const a = await train(11, [1000], "hogbatch");
    const b = await train(11, [1000], "hogbatch");
    const word2vec = await train(11, [1000]);
    expect(b.input).toEqual(a.input);
    expect(b.losses).toEqual(a.losses);
    expect(a.input).not.toEqual(word2vec.input);
  });

  it("a run restored from a saved state and parameters continues exactly", async () => {
    const whole = await train(5, [3, 1000]);
    const first = await createHogwildEngine({
      config: config({ seed: 5, epochs: 2 }),
      corpus: planted.corpus,
    });
    await first.runSteps(3);
    const state = JSON.parse(JSON.stringify(first.getState()));
    const input = first.params.input.slice();
    const output = first.params.output.slice();
    await first.close();

    const resumed = await createHogwildEngine({
      config: config({ seed: 5, epochs: 2 }),
      corpus: planted.corpus,
    });
    resumed.params.input.set(input);
    resumed.params.output.set(output);
    resumed.setState(state);
    const report = await resumed.runSteps(1000);
    expect(report.lossSum).toBe(whole.losses[1]);
    expect(resumed.params.input).toEqual(whole.input);
    expect(resumed.getState()).toEqual(whole.state);
    await resumed.close();
  });

  it("resumes a state saved with one thread on two: every sentence once per epoch, clusters learned", async () => {
    const first = await createHogwildEngine({ config: config({ threads: 1 }), corpus: planted.corpus });
    await first.runSteps(5);
    const state = JSON.parse(JSON.stringify(first.getState()));
    const input = first.params.input.slice();
    const output = first.params.output.slice();
    await first.close();

    const two = await createHogwildEngine({ config: config({ threads: 2 }), corpus: planted.corpus });
    two.params.input.set(input);
    two.params.output.set(output);
    two.setState(state);
    const report = await two.runSteps(two.totalSteps);
    expect(report.words).toBe(2 * planted.corpus.ids.length - state.wordsDone);
    expect(two.getState()).toMatchObject({ epoch: 2, wordsDone: 2 * planted.corpus.ids.length });
    expect(clusterRecovery(two.params, planted.clusterOf)).toBeGreaterThanOrEqual(0.9);
    await two.close();
  });

  it("refuses a state of another corpus or seed, and one without a sentence cursor", async () => {
    const engine = await createHogwildEngine({ config: config({ seed: 1 }), corpus: planted.corpus });
    const other = await createHogwildEngine({ config: config({ seed: 2 }), corpus: planted.corpus });
    const state = other.getState();
    await other.close();
    expect(() => engine.setState(state)).toThrow(/the corpus or the seed changed/);
    expect(() => engine.setState({ ...state, position: { threads: [] } })).toThrow(/no sentence cursor/);
    await engine.close();
  });
});

describe("hogwild engine: sentences taken in turn", () => {
  // Each sentence's draws (subsampling, windows) come from the seed and its place in the
  // run, not from the thread that takes it: one and two threads train the same examples.
  for (const [architecture, kernel] of ARCHITECTURES.flatMap((a) =>
    (["word2vec", "hogbatch"] as const).map((k) => [a, k] as const),
  )) {
    it(`${architecture}, ${kernel} kernel: 1 and 2 threads train the same number of examples`, async () => {
      const examples = async (threads: number) => {
        const engine = await createHogwildEngine({
          config: config({ architecture, threads, seed: 8, subsampling: 1e-3, kernel }),
          corpus: planted.corpus,
        });
        const report = await engine.runSteps(engine.totalSteps);
        await engine.close();
        return report.examples;
      };
      const one = await examples(1);
      expect(one).toBeGreaterThan(0);
      expect(await examples(2)).toBe(one);
    });
  }

  it("a thread whose lane is empty takes the other lane's sentences from the back", async () => {
    const run = async (threads: number, lopsided: boolean) => {
      const engine = await createHogwildEngine({
        config: config({ threads, seed: 6, epochs: 5 }),
        corpus: planted.corpus,
      });
      if (lopsided) {
        // every sentence in thread 0's lane: thread 1 has only what it takes from its back
        const ring = (engine as unknown as { ring: { lanes: (from: number, to: number) => number[][] } })
          .ring;
        ring.lanes = (from, to) => [
          [0, to - from],
          [to - from, to - from],
        ];
      }
      const report = await engine.runSteps(engine.totalSteps);
      const trained = clusterRecovery(engine.params, planted.clusterOf);
      const perThread = (
        engine as unknown as { memory: { threads: { examples: number }[] } }
      ).memory.threads.map((thread) => thread.examples);
      await engine.close();
      return { report, trained, perThread };
    };
    const even = await run(1, false);
    const lopsided = await run(2, true);
    expect(lopsided.report.words).toBe(5 * planted.corpus.ids.length);
    // the same sentences, each once: the same examples as one thread
    expect(lopsided.report.examples).toBe(even.report.examples);
    // thread 1 trained sentences, all of them taken from thread 0's lane (how many depends
    // on when each thread got a core)
    expect(lopsided.perThread[1]).toBeGreaterThan(0);
    expect(lopsided.trained).toBeGreaterThanOrEqual(0.9);
  });
});

describe("hogwild engine: private hot rows", () => {
  // One thread with private copies of every output row (and bias), merged every 300 words:
  // each merge must carry all of the thread's updates into the shared rows, and each call
  // must start from the shared values, which the host may change between calls (as a
  // restored checkpoint does). Only the merge's rounding (shared + (copy - base)) may
  // differ from in-place updates.
  for (const loss of ["negative-sampling", "nce"] as const) {
    it(`${loss}: the same parameters as in-place updates, up to rounding`, async () => {
      const trained = async (hotRows: number) => {
        const engine = await createHogwildEngine(
          { config: config({ loss, seed: 4 }), corpus: planted.corpus },
          { hotRows, hotSyncWords: 300 },
        );
        const { input, output, bias } = engine.params;
        output.forEach((_, i) => {
          output[i] = 0.1 * Math.sin(i);
        });
        await engine.runSteps(7);
        output.forEach((value, i) => {
          output[i] = 0.5 * value;
        });
        await engine.runSteps(engine.totalSteps);
        const params = { input: input.slice(), output: output.slice(), bias: bias?.slice() };
        await engine.close();
        return params;
      };
      const inPlace = await trained(0);
      const privateRows = await trained(planted.corpus.vocab.size);
      const largestDifference = (a: Float32Array, b: Float32Array) =>
        a.reduce((largest, value, i) => Math.max(largest, Math.abs(value - b[i])), 0);
      expect(largestDifference(privateRows.output, inPlace.output)).toBeLessThan(1e-4);
      expect(largestDifference(privateRows.input, inPlace.input)).toBeLessThan(1e-4);
      if (loss === "nce") {
        expect(inPlace.bias).toBeDefined();
        expect(
          largestDifference(privateRows.bias as Float32Array, inPlace.bias as Float32Array),
        ).toBeLessThan(1e-4);
      }
      // the rows did train: far from where they started
      expect(largestDifference(inPlace.output, new Float32Array(inPlace.output.length))).toBeGreaterThan(0.1);
    });
  }
});

describe("hogwild engine: progress", () => {
  it("can be read while the threads train", async () => {
    // the full softmax is slow enough to be watched
    const engine = await createHogwildEngine({
      config: config({ loss: "softmax", threads: 2 }),
      corpus: planted.corpus,
    });
    const seen = new Set<number>();
    let finished = false;
    const run = engine.runSteps(engine.totalSteps).finally(() => {
      finished = true;
    });
    while (!finished) {
      seen.add(engine.progress().wordsDone);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const report = await run;
    await engine.close();
    const intermediate = [...seen].filter((words) => words > 0 && words < report.words);
    expect(intermediate.length).toBeGreaterThan(2);
  });
});
