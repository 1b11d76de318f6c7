/**
 * What a run will do, computed once for both engines: the noise distribution negatives
 * and candidates are drawn from, how many steps the run has, the learning rate at each
 * step, and the checks a config must pass before an engine is built. The engines differ
 * only in what a step is: `trainer.stepWords` corpus words on hogwild (word2vec's
 * learning-rate cadence), one minibatch of `trainer.batchSize` examples on tfjs.
 */
import type { ResolvedConfig } from "@w2v/config";
import {
  type Corpus,
  LogUniformSampler,
  type NoiseSampler,
  UniformSampler,
  unigramNoiseTable,
  type Vocab,
} from "@w2v/data";
import type { EngineName } from "./engine.js";
import { learningRateAt } from "./lr-schedule.js";

export interface RunPlan {
  readonly engine: EngineName;
  /** the distribution every noise word and candidate is drawn from */
  readonly noise: NoiseSampler;
  /** steps in the whole run: trainer.steps, or what `trainer.epochs` epochs take */
  readonly totalSteps: number;
  /** the learning rate at `step` (0..totalSteps), from trainer.lr and trainer.lrSchedule */
  learningRate(step: number): number;
}

/**
 * The noise distribution of `model.sampler` over the vocabulary's ids.
 *
 * The unknown-word token (`data.unknownWords: unk`) is never drawn by the unigram
 * sampler: it pools every rare word, so its count says nothing about one word's frequency
 * and would make it one of the most drawn negatives. d2l's `RandomGenerator` leaves it out
 * the same way; word2vec and gensim have no such token (they drop unknown words). The
 * log-uniform and uniform samplers are TF's candidate samplers, defined over the whole id
 * range [0, vocabulary size) whatever the ids stand for (cs20 samples its UNK too), so they
 * keep it.
 */
export function noiseDistribution(
  vocab: Vocab,
  model: Pick<ResolvedConfig["model"], "sampler" | "samplerPower">,
): NoiseSampler {
  switch (model.sampler) {
    case "unigram":
      return unigramNoiseTable(vocab, model.samplerPower, vocab.unkId >= 0 ? [vocab.unkId] : []);
    case "log-uniform":
      return new LogUniformSampler(vocab.size);
    case "uniform":
      return new UniformSampler(vocab.size);
    default:
      throw new Error(`unknown sampler "${model.sampler satisfies never}"`);
  }
}

/** How many ids a sampler can draw (its support). */
function drawableIds(noise: NoiseSampler): number {
  let count = 0;
  for (let id = 0; id < noise.size; id++) if (noise.probability(id) > 0) count++;
  return count;
}

/** Checks that need no distribution: the engine can train this config on this corpus. */
function validateEngine(engine: EngineName, config: ResolvedConfig, corpus: Corpus): void {
  const { optimizer, kernel } = config.trainer;
  if (engine === "tfjs" && kernel !== "word2vec") {
    throw new Error(
      `trainer.kernel: "${kernel}" is a kernel of the hogwild engine; the tfjs engine trains minibatches by autodiff (leave trainer.kernel at word2vec, or use trainer.engine: hogwild)`,
    );
  }
  if (engine === "hogwild" && optimizer !== "sgd") {
    throw new Error(
      `trainer.optimizer: the hogwild engine trains with plain SGD, as word2vec does (got "${optimizer}"); use trainer.engine: tfjs for ${optimizer}`,
    );
  }
  if (corpus.ids.length === 0 || corpus.sentenceStarts.length < 2) {
    throw new Error("the corpus has no words to train on");
  }
}

/**
 * NCE and sampled softmax draw `samples` distinct candidates, which needs more drawable
 * words than that (the kernels' and UniqueDraws' loops would otherwise never end, or
 * take every word).
 */
function validateSamples(config: ResolvedConfig, corpus: Corpus, noise: NoiseSampler): void {
  const { loss, samples } = config.model;
  if (loss !== "nce" && loss !== "sampled-softmax") return;
  const drawable = drawableIds(noise);
  if (samples >= drawable) {
    throw new Error(
      `model.samples (${samples}) exceeds the vocabulary (${corpus.vocab.size} words): ${loss} draws that many distinct candidates, and this noise distribution can draw at most ${drawable - 1}`,
    );
  }
}

/**
 * Steps in the run. hogwild: a step is `stepWords` corpus words, so an epoch is
 * ceil(words / stepWords) steps. tfjs: a step is a batch, and batches run across epoch
 * boundaries, so the count is ceil(examples in all epochs / batchSize); `countExamples`
 * is a dry run of the tfjs example stream.
 */
export function planTotalSteps(
  engine: EngineName,
  config: ResolvedConfig,
  corpus: Corpus,
  countExamples?: (epochs: number) => number,
): number {
  const { trainer } = config;
  if (trainer.steps !== undefined) return trainer.steps;
  if (engine === "hogwild") return trainer.epochs * Math.ceil(corpus.ids.length / trainer.stepWords);
  if (!countExamples) throw new Error("planTotalSteps: the tfjs engine counts its examples");
  const examples = countExamples(trainer.epochs);
  if (examples === 0)
    throw new Error("the corpus yields no training examples (are all its sentences one word long?)");
  return Math.ceil(examples / trainer.batchSize);
}

/** The plan of a run on `engine`: noise, validation, total steps and learning rates. */
export function planRun(
  engine: EngineName,
  config: ResolvedConfig,
  corpus: Corpus,
  countExamples?: (epochs: number, noise: NoiseSampler) => number,
): RunPlan {
  validateEngine(engine, config, corpus);
  const noise = noiseDistribution(corpus.vocab, config.model);
  validateSamples(config, corpus, noise);
  const count = countExamples && ((epochs: number) => countExamples(epochs, noise));
  const totalSteps = planTotalSteps(engine, config, corpus, count);
  const { lr, lrSchedule } = config.trainer;
  return {
    engine,
    noise,
    totalSteps,
    learningRate: (step) => learningRateAt(lrSchedule, lr, step, totalSteps),
  };
}
