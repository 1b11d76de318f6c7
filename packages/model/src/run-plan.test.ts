// Both engines take their noise distribution, step count and learning rates from one run
// plan: the hogwild engine's alias tables in shared memory and the tfjs engine's sampler
// must give every word the same probability, with and without an unknown-word token.
import { parseExperiment, resolveConfig } from "@w2v/config";
import { type Corpus, CorpusBuilder, type NoiseSampler, Rng } from "@w2v/data";
import { describe, expect, it } from "vitest";
import { createHogwildEngine, type HogwildEngine } from "./hogwild/hogwild-engine.js";
import { syntheticCorpus } from "./planted-clusters.js";
import { planRun } from "./run-plan.js";
import { createTfjsEngine, type TfjsEngine } from "./tfjs-engine/tfjs-engine.js";

/** Zipf-like words w0..w499; with `unk`, the words seen fewer than 4 times become `<unk>`. */
function corpusWith(unknownWords: "drop" | "unk"): Corpus {
  const rng = new Rng(3);
  const builder = new CorpusBuilder();
  for (let s = 0; s < 400; s++) {
    for (let t = 0; t < 12; t++) builder.add(`w${Math.floor(500 * rng.nextFloat() ** 4)}`);
    builder.endSentence();
  }
  return syntheticCorpus(builder, `zipf-${unknownWords}`, { minCount: 4, unknownWords });
}

function configFor(engine: "hogwild" | "tfjs", sampler: "unigram" | "log-uniform" | "uniform") {
  return resolveConfig(
    parseExperiment({
      seed: 5,
      model: { dim: 4, sampler, loss: "negative-sampling" },
      trainer: { engine, threads: 1, epochs: 2, stepWords: 700, batchSize: 64, lr: 0.05 },
      logging: { probeWords: [] },
    }),
  );
}

/** The probability of each id that an alias table (the kernels' form) draws with. */
function aliasProbabilities(prob: Float32Array, alias: Int32Array): Float64Array {
  const p = new Float64Array(prob.length);
  for (let k = 0; k < prob.length; k++) {
    p[k] += prob[k] / prob.length;
    p[alias[k]] += (1 - prob[k]) / prob.length;
  }
  return p;
}

async function hogwildNoise(corpus: Corpus, sampler: "unigram" | "log-uniform" | "uniform") {
  const engine = await createHogwildEngine({ config: configFor("hogwild", sampler), corpus });
  await engine.close();
  const { memory } = engine as unknown as { memory: { noiseProb: Float32Array; noiseAlias: Int32Array } };
  return { engine, probabilities: aliasProbabilities(memory.noiseProb, memory.noiseAlias) };
}

async function tfjsNoise(corpus: Corpus, sampler: "unigram" | "log-uniform" | "uniform") {
  const engine = await createTfjsEngine({ config: configFor("tfjs", sampler), corpus });
  await engine.close();
  const { stream } = engine as unknown as { stream: { noise: NoiseSampler } };
  return { engine, sampler: stream.noise };
}

describe("one run plan for both engines", () => {
  for (const unknownWords of ["drop", "unk"] as const) {
    for (const sampler of ["unigram", "log-uniform", "uniform"] as const) {
      it(`${sampler} noise, unknownWords: ${unknownWords}: both engines draw each word equally often`, async () => {
        const corpus = corpusWith(unknownWords);
        const { vocab } = corpus;
        expect(vocab.unkId >= 0).toBe(unknownWords === "unk");
        const tfjs = await tfjsNoise(corpus, sampler);
        const hogwild = await hogwildNoise(corpusWith(unknownWords), sampler);
        for (let id = 0; id < vocab.size; id++) {
          expect(hogwild.probabilities[id], `${vocab.words[id]}`).toBeCloseTo(
            tfjs.sampler.probability(id),
            6,
          );
        }
        // What the tfjs engine actually draws matches the hogwild tables, word by word.
        const draws = 200_000;
        const counts = new Float64Array(vocab.size);
        const rng = new Rng(11);
        for (let n = 0; n < draws; n++) counts[tfjs.sampler.sample(rng)]++;
        for (let id = 0; id < vocab.size; id++) {
          const p = hogwild.probabilities[id];
          const sigma = Math.sqrt((p * (1 - p)) / draws);
          expect(Math.abs(counts[id] / draws - p), `${vocab.words[id]}`).toBeLessThanOrEqual(5 * sigma);
        }
        if (vocab.unkId >= 0) {
          // The unigram sampler never draws <unk> (d2l); TF's samplers cover every id.
          const unkDrawn = hogwild.probabilities[vocab.unkId] > 0;
          expect(unkDrawn).toBe(sampler !== "unigram");
          expect(counts[vocab.unkId] > 0).toBe(sampler !== "unigram");
        }
        expect((hogwild.engine as HogwildEngine).totalSteps).toBe(
          planRun("hogwild", configFor("hogwild", sampler), corpus).totalSteps,
        );
        expect((tfjs.engine as TfjsEngine).totalSteps).toBeGreaterThan(0);
      });
    }
  }

  it("plans the steps each engine counts, and one learning-rate table", () => {
    const corpus = corpusWith("drop");
    const hogwild = planRun("hogwild", configFor("hogwild", "unigram"), corpus);
    // hogwild: an epoch is ceil(words / stepWords) steps
    expect(hogwild.totalSteps).toBe(2 * Math.ceil(corpus.ids.length / 700));
    const tfjs = planRun("tfjs", configFor("tfjs", "unigram"), corpus, (epochs) => epochs * 1000);
    // tfjs: a step is a batch, and batches run across epochs
    expect(tfjs.totalSteps).toBe(Math.ceil(2000 / 64));
    // word2vec's linear decay over each plan's own steps
    expect(hogwild.learningRate(0)).toBe(0.05);
    expect(hogwild.learningRate(hogwild.totalSteps)).toBeCloseTo(0.05 / (hogwild.totalSteps + 1), 12);
    expect(tfjs.learningRate(tfjs.totalSteps)).toBeCloseTo(0.05 / (tfjs.totalSteps + 1), 12);
  });

  it("refuses, for both engines alike, more distinct candidates than the noise can draw", () => {
    const corpus = corpusWith("unk");
    for (const engine of ["hogwild", "tfjs"] as const) {
      const config = resolveConfig(
        parseExperiment({ model: { loss: "nce", samples: corpus.vocab.size }, trainer: { engine } }),
      );
      expect(() => planRun(engine, config, corpus, () => 1)).toThrow(
        `model.samples (${corpus.vocab.size}) exceeds the vocabulary (${corpus.vocab.size} words)`,
      );
    }
  });

  it("refuses the hogbatch kernel on the tfjs engine, naming the field", () => {
    const corpus = corpusWith("drop");
    const config = resolveConfig(parseExperiment({ trainer: { engine: "tfjs", kernel: "hogbatch" } }));
    expect(() => planRun("tfjs", config, corpus, () => 1)).toThrow(
      'trainer.kernel: "hogbatch" is a kernel of the hogwild engine',
    );
    const hogwild = resolveConfig(parseExperiment({ trainer: { engine: "hogwild", kernel: "hogbatch" } }));
    expect(planRun("hogwild", hogwild, corpus).totalSteps).toBeGreaterThan(0);
  });
});
