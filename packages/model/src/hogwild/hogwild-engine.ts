/**
 * The "hogwild" engine: word2vec's training loop as WebAssembly SIMD kernels, one per
 * thread, updating one shared set of parameters without locks. A step is
 * `trainer.stepWords` corpus words (word2vec's learning-rate cadence); the learning rate
 * of every step is tabulated from the run plan and read by the kernels from the words all
 * threads have done.
 */
import { keepProbabilities, Rng } from "@w2v/data";
import { Piscina } from "piscina";
import type { Engine, EngineOptions, EngineState, StepsReport } from "../engine.js";
import { initParams } from "../init.js";
import type { Params } from "../params.js";
import { planRun, type RunPlan } from "../run-plan.js";
import { compileKernels } from "./kernels.js";
import { noiseTables } from "./noise-tables.js";
import { SentenceRing } from "./sentence-ring.js";
import { LOSS_CODES, SharedMemory } from "./shared-memory.js";
import { fillSigmoidTables } from "./sigmoid-table.js";
import { ARCH_CBOW, ARCH_SKIPGRAM, KERNEL_HOGBATCH, KERNEL_WORD2VEC } from "./slots.js";

const WORKER_URL = new URL("../../dist/hogwild/worker.js", import.meta.url);

/**
 * How threads share the most frequent words' output rows (assembly/hot-rows.ts). With two
 * threads on text8-prefix, private copies of the top 2048 rows merged every 8192 words
 * brought the words per CPU second of skip-gram from ~85% to ~93% of a single thread's
 * (1024 rows merged every 4096 words: ~90%; private input rows as well: no better), and
 * CBOW's to ~91%. With one thread nothing contends, and the rows stay the shared ones.
 */
export interface HotRowSettings {
  /** words (the most frequent ids) with private rows per thread; default 2048, 0 with one thread */
  hotRows?: number;
  /** corpus words a thread trains between two merges; default 8192 */
  hotSyncWords?: number;
}

const DEFAULT_HOT_ROWS = 2048;
const DEFAULT_HOT_SYNC_WORDS = 8192;

/** Live counters, readable while `runSteps` is under way. */
export interface HogwildProgress {
  wordsDone: number;
  examples: number;
  lossSum: number;
}

/** Where the run stands: EngineState.position of this engine (a type alias, so it is JSON). */
type RunPosition = {
  /** sentences taken since the run began, over all epochs */
  cursor: number;
  /** the ring's first sentence and the corpus's sentence count, to check a restore against */
  firstSentence: number;
  sentences: number;
};

export class HogwildEngine implements Engine {
  readonly name = "hogwild" as const;
  readonly trainsInBackground = true;
  readonly params: Params;
  private step = 0;
  /** the cursor of the next sentence to train */
  private cursor = 0;

  constructor(
    private readonly memory: SharedMemory,
    private readonly pool: Piscina,
    readonly totalSteps: number,
    private readonly totalWords: number,
    private readonly stepWords: number,
    private readonly ring: SentenceRing,
  ) {
    const { vocabSize, dim } = memory.shape;
    this.params = { vocabSize, dim, input: memory.input, output: memory.output, bias: memory.bias };
  }

  get threads(): number {
    return this.memory.threads.length;
  }

  async runSteps(n: number): Promise<StepsReport> {
    const before = this.progress();
    const target = Math.min(this.step + Math.max(0, Math.floor(n)), this.totalSteps);
    const words = target === this.totalSteps ? this.totalWords : target * this.stepWords;
    const end = this.ring.cursorReaching(words, this.cursor);
    this.memory.callBase = this.cursor;
    this.ring.lanes(this.cursor, end, this.threads).forEach(([next, stop], t) => {
      this.memory.threads[t].setLane(next, stop);
    });
    const busy: number[] = await Promise.all(
      this.memory.threads.map((thread) => this.pool.run(thread.pointer)),
    );
    this.cursor = end;
    const after = this.progress();
    const steps = target - this.step;
    this.step = target;
    const examples = after.examples - before.examples;
    return {
      steps,
      words: after.wordsDone - before.wordsDone,
      examples,
      lossSum: after.lossSum - before.lossSum,
      lossCount: examples,
      lr: this.memory.threads[0].lr,
      done: this.step >= this.totalSteps,
      busySeconds: busy.reduce((sum, seconds) => sum + seconds, 0) / busy.length,
    };
  }

  /** Words, examples and loss so far, read from the counters the kernels publish per sentence. */
  progress(): HogwildProgress {
    let examples = 0;
    let lossSum = 0;
    for (const thread of this.memory.threads) {
      examples += thread.examples;
      lossSum += thread.lossSum;
    }
    return { wordsDone: this.memory.wordsDone, examples, lossSum };
  }

  /**
   * The cursor is the whole data position: each sentence's generator is derived from the
   * seed and its cursor, so there is no generator state besides it (`rngs` is empty).
   */
  getState(): EngineState {
    const { sentences, first } = this.ring;
    const position: RunPosition = { cursor: this.cursor, firstSentence: first, sentences };
    return {
      engine: "hogwild",
      step: this.step,
      epoch: Math.floor(this.cursor / sentences),
      wordsDone: this.memory.wordsDone,
      position,
      rngs: {},
    };
  }

  setState(state: EngineState): void {
    if (state.engine !== "hogwild")
      throw new Error(`cannot resume the hogwild engine from a ${state.engine} state`);
    const saved = state.position as Partial<RunPosition> | null;
    if (typeof saved?.cursor !== "number") {
      throw new Error(
        "the saved hogwild state has no sentence cursor (it was saved by an earlier version of the engine); start the run afresh",
      );
    }
    const { sentences, first } = this.ring;
    if (saved.firstSentence !== first || saved.sentences !== sentences) {
      throw new Error(
        `the saved run started at sentence ${saved.firstSentence} of ${saved.sentences}, this one at ${first} of ${sentences}: the corpus or the seed changed`,
      );
    }
    this.cursor = saved.cursor;
    for (const thread of this.memory.threads) {
      thread.examples = 0;
      thread.lossSum = 0;
    }
    this.memory.clearMarks();
    this.memory.wordsDone = state.wordsDone;
    this.step = state.step;
  }

  optimizerState(): Record<string, Float32Array> {
    return {};
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

function longestSentence(sentenceStarts: Int32Array): number {
  let longest = 0;
  for (let s = 0; s + 1 < sentenceStarts.length; s++) {
    longest = Math.max(longest, sentenceStarts[s + 1] - sentenceStarts[s]);
  }
  return longest;
}

/**
 * The run in one shared memory: sizes, the header the kernels read, the corpus, the
 * subsampling, noise, sigmoid and learning-rate tables. `corpus.ids` and
 * `corpus.sentenceStarts` are replaced by views of the shared copy.
 */
function shareRun(
  { config, corpus }: EngineOptions,
  plan: RunPlan,
  settings: HotRowSettings,
  firstSentence: number,
): SharedMemory {
  const { model, trainer, data, seed } = config;
  const { vocab } = corpus;
  const threads = trainer.threads;
  const { totalSteps } = plan;
  const memory = new SharedMemory({
    vocabSize: vocab.size,
    dim: model.dim,
    biases: model.biases,
    corpusLength: corpus.ids.length,
    sentences: corpus.sentenceStarts.length - 1,
    maxSentenceLength: longestSentence(corpus.sentenceStarts),
    threads,
    samples: model.samples,
    window: data.window,
    lrSteps: totalSteps + 1,
    subsampling: data.subsampling.rule !== "none",
    uniqueCandidates: model.loss === "nce" || model.loss === "sampled-softmax",
    fullSoftmax: model.loss === "softmax",
    hotRows: Math.min(settings.hotRows ?? (threads > 1 ? DEFAULT_HOT_ROWS : 0), vocab.size),
    blocked: trainer.kernel === "hogbatch",
  });
  memory.writeHeader({
    architecture: model.architecture === "cbow" ? ARCH_CBOW : ARCH_SKIPGRAM,
    loss: LOSS_CODES[model.loss],
    removeHits: model.removeAccidentalHits,
    sigmoidExact: model.sigmoid === "exact",
    windowFixed: data.windowRule === "fixed",
    freezeInput: model.pretrained?.freeze ?? false,
    kernel: trainer.kernel === "hogbatch" ? KERNEL_HOGBATCH : KERNEL_WORD2VEC,
    stepWords: trainer.stepWords,
    totalSteps,
    hotSyncWords: settings.hotSyncWords ?? DEFAULT_HOT_SYNC_WORDS,
    firstSentence,
    sentenceSeed: Rng.derive(seed, "hogwild", "sentences").nextU32(),
  });
  // Move the corpus into the shared memory: the caller's arrays become views of it, so
  // the ids are held once (the previous arrays are garbage unless the caller kept them).
  memory.corpus.set(corpus.ids);
  memory.sentenceStarts.set(corpus.sentenceStarts);
  corpus.ids = memory.corpus;
  corpus.sentenceStarts = memory.sentenceStarts;
  memory.keep?.set(keepProbabilities(vocab, data.subsampling.rule, data.subsampling.threshold));
  const noise = noiseTables(plan.noise);
  memory.noiseProb.set(noise.prob);
  memory.noiseAlias.set(noise.alias);
  memory.noiseLog1m.set(noise.log1m);
  fillSigmoidTables(memory.sigmoidTable, memory.logSigmoidTable);
  for (let step = 0; step <= totalSteps; step++) memory.lrTable[step] = plan.learningRate(step);
  for (const thread of memory.threads) thread.lr = memory.lrTable[0];
  return memory;
}

/**
 * One worker per thread, each started now (one task each: piscina gives a busy worker no
 * second task), so that their start-up and the kernels' instantiation are part of creating
 * the engine, not of the first runSteps.
 */
async function startWorkers(memory: SharedMemory): Promise<Piscina> {
  const threads = memory.threads.length;
  const pool = new Piscina({
    filename: WORKER_URL.href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    // Workers run compiled JS only: no TypeScript loader inherited from the parent.
    execArgv: [],
    workerData: { module: await compileKernels(), memory: memory.memory },
  });
  try {
    await Promise.all(memory.threads.map(() => pool.run(null, { name: "ready" })));
  } catch (error) {
    await pool.destroy();
    throw error;
  }
  return pool;
}

/**
 * Places the parameters (initialised from the seed), the corpus and the sampling tables in
 * one shared memory and starts `trainer.threads` workers. `corpus.ids` and
 * `corpus.sentenceStarts` are replaced by views of the shared copy.
 */
export async function createHogwildEngine(
  options: EngineOptions,
  settings: HotRowSettings = {},
): Promise<HogwildEngine> {
  const { config, corpus, log } = options;
  const { model, trainer, seed } = config;
  const plan = planRun("hogwild", config, corpus);
  // word2vec starts each thread at its own place in the corpus; here the ring of
  // sentences starts at a place drawn from the seed, and each kernel call cuts its stretch
  // of the ring into one lane per thread.
  const sentences = corpus.sentenceStarts.length - 1;
  const firstSentence = Rng.derive(seed, "hogwild", "first sentence").nextInt(sentences);
  const totalWords = trainer.steps ? trainer.steps * trainer.stepWords : trainer.epochs * corpus.ids.length;
  const memory = shareRun(options, plan, settings, firstSentence);
  const pool = await startWorkers(memory);
  const ring = new SentenceRing(memory.sentenceStarts, firstSentence);
  const engine = new HogwildEngine(memory, pool, plan.totalSteps, totalWords, trainer.stepWords, ring);
  initParams(engine.params, model.init, Rng.derive(seed, "init"));
  const threads = memory.threads.length;
  log?.(
    `hogwild engine: ${threads} thread${threads === 1 ? "" : "s"}, ${(memory.buffer.byteLength / 2 ** 20).toFixed(1)} MiB shared memory, sigmoid ${model.sigmoid}, ${trainer.kernel} kernel`,
  );
  return engine;
}
