// The kernels draw what the TypeScript data pipeline (the reference for what examples a
// run sees) and the samplers of @w2v/data define: as many skip-gram pairs and CBOW windows
// per epoch after subsampling, negatives with the alias table's probabilities, unique
// candidates with TF's expected counts.
import { parseExperiment, resolveConfig } from "@w2v/config";
import {
  CbowWindows,
  type Corpus,
  CorpusBuilder,
  createCbowBatch,
  createPairBatch,
  exampleOptions,
  LogUniformSampler,
  Rng,
  SkipGramPairs,
  Vocab,
} from "@w2v/data";
import { describe, expect, it } from "vitest";
import { syntheticCorpus } from "../planted-clusters.js";
import { noiseDistribution } from "../run-plan.js";
import { createHogwildEngine } from "./hogwild-engine.js";
import { compileKernels, instantiateKernels } from "./kernels.js";
import { noiseTables } from "./noise-tables.js";
import { LOSS_CODES, SharedMemory } from "./shared-memory.js";
import {
  ARCH_SKIPGRAM,
  KERNEL_WORD2VEC,
  T_CANDIDATE_COUNT,
  T_CANDIDATE_LOGQ,
  T_CANDIDATES,
  T_NUM_TRIES,
} from "./slots.js";

/** Zipfian words (P ~ 1/rank), so that subsampling drops many of the frequent ones. */
function zipfCorpus(): Corpus {
  const rng = new Rng(9);
  const words = 300;
  const cumulative = Float64Array.from({ length: words }, (_, k) => 1 / (k + 1));
  for (let k = 1; k < words; k++) cumulative[k] += cumulative[k - 1];
  const builder = new CorpusBuilder();
  for (let s = 0; s < 2000; s++) {
    const length = 5 + rng.nextInt(20);
    for (let i = 0; i < length; i++) {
      const u = rng.nextFloat() * cumulative[words - 1];
      let k = 0;
      while (cumulative[k] < u) k++;
      builder.add(`w${k}`);
    }
    builder.endSentence();
  }
  return syntheticCorpus(builder, "zipf");
}

/** Examples a @w2v/data stream delivers in `epochs` epochs (a short fill ends an epoch). */
function countExamples<B extends { centers: Int32Array }>(
  stream: { fill(batch: B): number },
  batch: B,
  epochs: number,
): number {
  let total = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    let n: number;
    do {
      n = stream.fill(batch);
      total += n;
    } while (n === batch.centers.length);
  }
  return total;
}

describe("examples per epoch match the data pipeline", () => {
  const EPOCHS = 3;
  for (const architecture of ["skipgram", "cbow"] as const) {
    it(`${architecture}: subsampled windows give as many examples as @w2v/data's stream`, async () => {
      const corpus = zipfCorpus();
      const config = resolveConfig(
        parseExperiment({
          seed: 4,
          data: { window: 4, subsampling: { rule: "word2vec", threshold: 1e-3 } },
          model: { architecture, dim: 8 },
          trainer: { threads: 1, epochs: EPOCHS, stepWords: 500 },
        }),
      );
      const options = exampleOptions(corpus, config.data, config.seed);
      const expected =
        architecture === "skipgram"
          ? countExamples(new SkipGramPairs(corpus, options), createPairBatch(4096), EPOCHS)
          : countExamples(
              new CbowWindows(corpus, options),
              createCbowBatch(4096, config.data.window),
              EPOCHS,
            );
      const unsubsampledWords = EPOCHS * corpus.ids.length;
      const engine = await createHogwildEngine({ config, corpus });
      const report = await engine.runSteps(engine.totalSteps);
      await engine.close();
      expect(report.words).toBe(unsubsampledWords);
      // Different draws, same distribution: about 1% apart at these counts.
      expect(Math.abs(report.examples - expected) / expected).toBeLessThan(0.02);
      // and subsampling did drop words: without it there would be far more
      expect(expected).toBeLessThan(0.8 * unsubsampledWords * (architecture === "skipgram" ? 5 : 1));
    });
  }
});

describe("noise drawn in the kernels", () => {
  const SAMPLES = 8;
  const vocab = new Vocab(
    Array.from({ length: 40 }, (_, k) => `w${String(k).padStart(2, "0")}`),
    Array.from({ length: 40 }, (_, k) => Math.round(1000 / (k + 1))),
  );

  async function kernelsWith(sampler: "unigram" | "log-uniform") {
    const memory = new SharedMemory({
      vocabSize: vocab.size,
      dim: 4,
      biases: true,
      corpusLength: 1,
      sentences: 1,
      maxSentenceLength: 1,
      threads: 1,
      samples: SAMPLES,
      window: 1,
      lrSteps: 1,
      subsampling: false,
      uniqueCandidates: true,
      fullSoftmax: false,
      hotRows: 0,
      blocked: false,
    });
    memory.writeHeader({
      architecture: ARCH_SKIPGRAM,
      loss: LOSS_CODES.nce,
      removeHits: false,
      sigmoidExact: false,
      windowFixed: false,
      freezeInput: false,
      kernel: KERNEL_WORD2VEC,
      stepWords: 1,
      totalSteps: 0,
      hotSyncWords: 0,
      firstSentence: 0,
      sentenceSeed: 0,
    });
    const noise = noiseTables(noiseDistribution(vocab, { sampler, samplerPower: 0.75 }));
    memory.noiseProb.set(noise.prob);
    memory.noiseAlias.set(noise.alias);
    memory.noiseLog1m.set(noise.log1m);
    const kernels = instantiateKernels(await compileKernels(), memory.memory);
    kernels.bindRun();
    const thread = memory.threads[0];
    const candidates = new Int32Array(memory.buffer, thread.i32(T_CANDIDATES), SAMPLES);
    const logq = new Float32Array(memory.buffer, thread.i32(T_CANDIDATE_LOGQ), SAMPLES);
    return { kernels, thread, candidates, logq };
  }

  it("negatives follow unigram^0.75, and a draw of the positive word is skipped", async () => {
    const { kernels, thread, candidates } = await kernelsWith("unigram");
    const counts = new Float64Array(vocab.size);
    const rounds = 25_000;
    let drawn = 0;
    for (let r = 0; r < rounds; r++) {
      kernels.drawNegatives(thread.pointer, 0);
      const count = thread.i32(T_CANDIDATE_COUNT);
      for (let j = 0; j < count; j++) counts[candidates[j]]++;
      drawn += count;
    }
    expect(counts[0]).toBe(0);
    const weights = Array.from(vocab.counts, (c) => c ** 0.75);
    const total = weights.reduce((a, b) => a + b, 0);
    const p0 = weights[0] / total;
    // word 0 draws are skipped: a share p0 of the draws is missing
    expect(drawn / (rounds * SAMPLES)).toBeCloseTo(1 - p0, 2);
    for (let k = 1; k < vocab.size; k++) {
      const p = weights[k] / total / (1 - p0);
      const sigma = Math.sqrt((p * (1 - p)) / drawn);
      expect(Math.abs(counts[k] / drawn - p), `word ${k}`).toBeLessThan(5 * sigma);
    }
  });

  it("unique log-uniform candidates are distinct, with TF's expected counts for their num_tries", async () => {
    const { kernels, thread, candidates, logq } = await kernelsWith("log-uniform");
    const sampler = new LogUniformSampler(vocab.size);
    const firstSeen = new Float64Array(vocab.size);
    const rounds = 20_000;
    let tries = 0;
    let worstLogQError = 0;
    for (let r = 0; r < rounds; r++) {
      kernels.drawUniqueCandidates(thread.pointer);
      const numTries = thread.i32(T_NUM_TRIES);
      tries += numTries;
      expect(thread.i32(T_CANDIDATE_COUNT)).toBe(SAMPLES);
      expect(new Set(candidates).size).toBe(SAMPLES);
      for (let j = 0; j < SAMPLES; j++) {
        firstSeen[candidates[j]]++;
        const expectedCount = sampler.expectedCount(candidates[j], SAMPLES, numTries);
        worstLogQError = Math.max(
          worstLogQError,
          Math.abs(Math.exp(logq[j]) - expectedCount) / expectedCount,
        );
      }
    }
    expect(worstLogQError).toBeLessThan(1e-5);
    // How often each word is among the candidates matches its expected count on average.
    const meanTries = tries / rounds;
    for (const k of [0, 1, 5, 20, 39]) {
      const expectedRate = sampler.expectedCount(k, SAMPLES, meanTries);
      expect(Math.abs(firstSeen[k] / rounds - expectedRate), `word ${k}`).toBeLessThan(0.03);
    }
  });
});
