/**
 * The one SharedArrayBuffer-backed WebAssembly memory every thread trains in: the header,
 * the per-thread blocks and scratch, the parameters, the corpus ids and the sampling
 * tables, each placed once. Its size is fixed at creation (initial = maximum pages), so
 * the typed-array views below never go stale.
 */

import {
  CBOW_BATCH,
  H_ARCHITECTURE,
  H_BIAS,
  H_CALL_BASE,
  H_CORPUS,
  H_DIM,
  H_FIRST_SENTENCE,
  H_FREEZE_INPUT,
  H_HOT_ROWS,
  H_HOT_SYNC_WORDS,
  H_INPUT,
  H_KEEP,
  H_KERNEL,
  H_LOG_SIGMOID_TABLE,
  H_LOSS,
  H_LR_TABLE,
  H_NOISE_ALIAS,
  H_NOISE_LOG1M,
  H_NOISE_PROB,
  H_OUTPUT,
  H_REMOVE_HITS,
  H_SAMPLES,
  H_SENTENCE_SEED,
  H_SENTENCE_STARTS,
  H_SENTENCES,
  H_SIGMOID_EXACT,
  H_SIGMOID_TABLE,
  H_STEP_WORDS,
  H_THREADS,
  H_TOTAL_STEPS,
  H_VOCAB_SIZE,
  H_WINDOW,
  H_WINDOW_FIXED,
  H_WORDS_DONE,
  HEADER_BASE,
  HEADER_BYTES,
  LOSS_NCE,
  LOSS_NEGATIVE_SAMPLING,
  LOSS_SAMPLED_SOFTMAX,
  LOSS_SOFTMAX,
  SIGMOID_TABLE_SIZE,
  T_BLOCK_COUNTS,
  T_BLOCK_ERRORS,
  T_BLOCK_HIDDEN,
  T_BLOCK_POSITIVES,
  T_BLOCK_ROWS,
  T_BLOCK_STEPS,
  T_CANDIDATE_LOGQ,
  T_CANDIDATES,
  T_CONTEXTS,
  T_HOT_BIAS,
  T_HOT_BIAS_BASE,
  T_HOT_OUTPUT,
  T_HOT_OUTPUT_BASE,
  T_LOGITS,
  T_MARKS,
  T_NEU1,
  T_NEU1E,
  T_SENTENCE_BUFFER,
  THREAD_BYTES,
} from "./slots.js";
import { ThreadContext } from "./thread-context.js";
import { type WasmMemory, wasm } from "./webassembly.js";

const PAGE_BYTES = 65536;
const ALIGN_BYTES = 128;
/** a 32-bit WebAssembly memory: 65536 pages, 4 GiB */
const MAX_PAGES = 65536;

/** The sizes a run needs. */
export interface MemoryShape {
  vocabSize: number;
  dim: number;
  biases: boolean;
  corpusLength: number;
  sentences: number;
  maxSentenceLength: number;
  threads: number;
  /** candidates per draw (negatives or num_sampled) */
  samples: number;
  window: number;
  /** learning-rate table entries: totalSteps + 1 */
  lrSteps: number;
  subsampling: boolean;
  /** unique candidate draws (NCE, sampled softmax) need per-thread marks over the vocabulary */
  uniqueCandidates: boolean;
  /** softmax logits per example: vocabSize for the full softmax */
  fullSoftmax: boolean;
  /** words whose output rows (and biases) each thread trains in private copies (hot-rows.ts) */
  hotRows: number;
  /** the blocked kernel (trainer.kernel: hogbatch) needs its block scratch */
  blocked: boolean;
}

/** The kernels' code of each `model.loss`. */
export const LOSS_CODES = {
  "negative-sampling": LOSS_NEGATIVE_SAMPLING,
  nce: LOSS_NCE,
  "sampled-softmax": LOSS_SAMPLED_SOFTMAX,
  softmax: LOSS_SOFTMAX,
} as const;

/** The run's settings the kernels read (codes from slots.ts). */
export interface RunHeader {
  architecture: number;
  loss: number;
  removeHits: boolean;
  sigmoidExact: boolean;
  windowFixed: boolean;
  freezeInput: boolean;
  /** KERNEL_WORD2VEC or KERNEL_HOGBATCH */
  kernel: number;
  stepWords: number;
  totalSteps: number;
  /** corpus words between two merges of a thread's hot rows */
  hotSyncWords: number;
  /** the ring's first sentence and the seed of the sentences' generators */
  firstSentence: number;
  sentenceSeed: number;
}

/** The typed-array type of a region's elements (Float32Array, Int32Array, Float64Array). */
interface ElementArray {
  readonly BYTES_PER_ELEMENT: number;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): ArrayLike<number>;
}

/**
 * One region of the memory: the header field that points at it (slots.ts, read by
 * assembly/run.ts), its element type, and its length for a shape (0: absent, pointer 0).
 * `optional` regions are null on the host when absent.
 */
interface Region {
  pointer: number;
  type: ElementArray;
  length: (shape: MemoryShape) => number;
  optional?: true;
}

/** The regions every thread shares, in placement order: a new region is one entry here. */
const REGIONS = {
  input: { pointer: H_INPUT, type: Float32Array, length: (s) => s.vocabSize * s.dim },
  output: { pointer: H_OUTPUT, type: Float32Array, length: (s) => s.vocabSize * s.dim },
  bias: { pointer: H_BIAS, type: Float32Array, length: (s) => (s.biases ? s.vocabSize : 0), optional: true },
  corpus: { pointer: H_CORPUS, type: Int32Array, length: (s) => s.corpusLength },
  sentenceStarts: { pointer: H_SENTENCE_STARTS, type: Int32Array, length: (s) => s.sentences + 1 },
  keep: {
    pointer: H_KEEP,
    type: Float32Array,
    length: (s) => (s.subsampling ? s.vocabSize : 0),
    optional: true,
  },
  noiseProb: { pointer: H_NOISE_PROB, type: Float32Array, length: (s) => s.vocabSize },
  noiseAlias: { pointer: H_NOISE_ALIAS, type: Int32Array, length: (s) => s.vocabSize },
  noiseLog1m: { pointer: H_NOISE_LOG1M, type: Float64Array, length: (s) => s.vocabSize },
  sigmoidTable: { pointer: H_SIGMOID_TABLE, type: Float32Array, length: () => SIGMOID_TABLE_SIZE },
  logSigmoidTable: { pointer: H_LOG_SIGMOID_TABLE, type: Float32Array, length: () => SIGMOID_TABLE_SIZE },
  lrTable: { pointer: H_LR_TABLE, type: Float32Array, length: (s) => s.lrSteps },
} satisfies Record<string, Region>;

type Regions = typeof REGIONS;
/** The host's view of each region, typed from the table (null for an absent optional one). */
export type RegionViews = {
  readonly [K in keyof Regions]: Regions[K] extends { optional: true }
    ? InstanceType<Regions[K]["type"]> | null
    : InstanceType<Regions[K]["type"]>;
};

/** The blocked kernel's rows per block: a skip-gram centre's contexts, or a batch of CBOW windows. */
const blockRows = (s: MemoryShape) => (s.blocked ? Math.max(2 * s.window, CBOW_BATCH) : 0);

/** Each thread's scratch: the thread-block field that points at it and its f32/i32 count (0: absent). */
const SCRATCH: [field: number, elements: (shape: MemoryShape) => number][] = [
  [T_NEU1, (s) => s.dim],
  [T_NEU1E, (s) => s.dim],
  [T_SENTENCE_BUFFER, (s) => s.maxSentenceLength],
  [T_CANDIDATES, (s) => s.samples],
  [T_CANDIDATE_LOGQ, (s) => s.samples],
  // softmax logits per example: every class for the full softmax, else the positive and the samples
  [T_LOGITS, (s) => (s.fullSoftmax ? s.vocabSize : s.samples + 1)],
  [T_MARKS, (s) => (s.uniqueCandidates ? s.vocabSize : 0)],
  // the blocked kernel keeps the contexts of a batch of CBOW windows
  [T_CONTEXTS, (s) => 2 * s.window * (s.blocked ? CBOW_BATCH : 1)],
  [T_HOT_OUTPUT, (s) => s.hotRows * s.dim],
  [T_HOT_OUTPUT_BASE, (s) => s.hotRows * s.dim],
  [T_HOT_BIAS, (s) => (s.biases ? s.hotRows : 0)],
  [T_HOT_BIAS_BASE, (s) => (s.biases ? s.hotRows : 0)],
  [T_BLOCK_ROWS, blockRows],
  [T_BLOCK_POSITIVES, blockRows],
  [T_BLOCK_COUNTS, (s) => (s.blocked ? CBOW_BATCH : 0)],
  [T_BLOCK_STEPS, (s) => blockRows(s) * (s.samples + 1)],
  [T_BLOCK_ERRORS, (s) => blockRows(s) * s.dim],
  [T_BLOCK_HIDDEN, (s) => (s.blocked ? CBOW_BATCH * s.dim : 0)],
];

/**
 * A bump allocator over byte offsets, 128-byte aligned: regions start on cache lines, and two
 * threads' scratch never shares a pair of lines (Intel's adjacent-line prefetcher moves
 * lines in pairs, so a neighbour's writes in the pair would ping-pong it between cores).
 * An empty region is not placed and gets offset 0 (absent).
 */
class Placer {
  private end: number;

  constructor(start: number) {
    this.end = start;
  }

  place(bytes: number): number {
    if (bytes === 0) return 0;
    const offset = Math.ceil(this.end / ALIGN_BYTES) * ALIGN_BYTES;
    this.end = offset + bytes;
    return offset;
  }

  get size(): number {
    return this.end;
  }
}

/** The region views become fields of SharedMemory (`memory.input`, ...), typed by the table. */
const RegionFields = class {} as new () => RegionViews;

export class SharedMemory extends RegionFields {
  readonly memory: WasmMemory;
  readonly buffer: SharedArrayBuffer;
  readonly threads: ThreadContext[];
  private readonly marks: Int32Array[];
  private readonly header: DataView;

  constructor(readonly shape: MemoryShape) {
    super();
    const { vocabSize, dim, threads } = shape;
    const placer = new Placer(HEADER_BASE + HEADER_BYTES + threads * THREAD_BYTES);
    const regions = Object.entries(REGIONS) as [keyof Regions, Region][];
    const offsets = regions.map(([, region]) =>
      placer.place(region.length(shape) * region.type.BYTES_PER_ELEMENT),
    );
    const scratch = Array.from({ length: threads }, () =>
      SCRATCH.map(([field, elements]) => [field, placer.place(elements(shape) * 4)] as const),
    );
    const pages = Math.ceil(placer.size / PAGE_BYTES);
    if (pages > MAX_PAGES) {
      throw new Error(
        `the hogwild engine needs ${(placer.size / 2 ** 20).toFixed(0)} MiB of shared memory, more than the 4096 MiB a 32-bit WebAssembly memory addresses (vocabulary ${vocabSize}, dim ${dim}, corpus ${shape.corpusLength} words)`,
      );
    }
    this.memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
    this.buffer = this.memory.buffer as unknown as SharedArrayBuffer;
    const buffer = this.buffer;
    this.header = new DataView(buffer, HEADER_BASE, HEADER_BYTES);
    const views: Record<string, unknown> = {};
    regions.forEach(([name, region], k) => {
      const length = region.length(shape);
      this.header.setUint32(region.pointer, offsets[k], true);
      views[name] = length > 0 ? new region.type(buffer, offsets[k], length) : null;
    });
    Object.assign(this, views);
    this.threads = scratch.map((fields, t) => {
      const context = new ThreadContext(buffer, HEADER_BASE + HEADER_BYTES + t * THREAD_BYTES);
      for (const [field, offset] of fields) context.setI32(field, offset);
      return context;
    });
    this.marks = this.threads.map((thread) =>
      shape.uniqueCandidates ? new Int32Array(buffer, thread.i32(T_MARKS), vocabSize) : new Int32Array(0),
    );
  }

  /** Write the run's settings; the sizes come from the shape. */
  writeHeader(run: RunHeader): void {
    const set = (field: number, value: number | boolean) => this.header.setInt32(field, Number(value), true);
    set(H_VOCAB_SIZE, this.shape.vocabSize);
    set(H_DIM, this.shape.dim);
    set(H_SAMPLES, this.shape.samples);
    set(H_WINDOW, this.shape.window);
    set(H_SENTENCES, this.shape.sentences);
    set(H_THREADS, this.shape.threads);
    set(H_ARCHITECTURE, run.architecture);
    set(H_LOSS, run.loss);
    set(H_REMOVE_HITS, run.removeHits);
    set(H_SIGMOID_EXACT, run.sigmoidExact);
    set(H_WINDOW_FIXED, run.windowFixed);
    set(H_FREEZE_INPUT, run.freezeInput);
    set(H_KERNEL, run.kernel);
    set(H_STEP_WORDS, run.stepWords);
    set(H_TOTAL_STEPS, run.totalSteps);
    set(H_HOT_ROWS, this.shape.hotRows);
    set(H_HOT_SYNC_WORDS, run.hotSyncWords);
    set(H_FIRST_SENTENCE, run.firstSentence);
    set(H_SENTENCE_SEED, run.sentenceSeed | 0);
  }

  /** Corpus words consumed by all threads (the kernels add to it atomically). */
  get wordsDone(): number {
    return this.loadCounter(H_WORDS_DONE);
  }

  set wordsDone(value: number) {
    this.storeCounter(H_WORDS_DONE, value);
  }

  /** The cursor of the first sentence of the next kernel calls (lanes count from it). */
  set callBase(value: number) {
    this.storeCounter(H_CALL_BASE, value);
  }

  private loadCounter(field: number): number {
    return Number(Atomics.load(new BigInt64Array(this.buffer, HEADER_BASE + field, 1), 0));
  }

  private storeCounter(field: number, value: number): void {
    Atomics.store(new BigInt64Array(this.buffer, HEADER_BASE + field, 1), 0, BigInt(value));
  }

  /** Forget every thread's unique-draw marks (after a restore, so no stale mark matches). */
  clearMarks(): void {
    for (const marks of this.marks) marks.fill(0);
    for (const thread of this.threads) thread.resetMarks();
  }
}
