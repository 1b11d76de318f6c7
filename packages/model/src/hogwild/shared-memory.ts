/**
 * The one SharedArrayBuffer-backed WebAssembly memory every thread trains in: the header,
 * the per-thread blocks and scratch, the parameters, the corpus ids and the sampling
 * tables, each placed once. Its size is fixed at creation (initial = maximum pages), so
 * the typed-array views below never go stale.
 */

import {
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
  stepWords: number;
  totalSteps: number;
  /** corpus words between two merges of a thread's hot rows */
  hotSyncWords: number;
  /** the ring's first sentence and the seed of the sentences' generators */
  firstSentence: number;
  sentenceSeed: number;
}

/**
 * A bump allocator over byte offsets, 128-byte aligned: regions start on cache lines, and two
 * threads' scratch never shares a pair of lines (Intel's adjacent-line prefetcher moves
 * lines in pairs, so a neighbour's writes in the pair would ping-pong it between cores).
 */
class Placer {
  private end: number;
  readonly regions: [number, number][] = [];

  constructor(start: number) {
    this.end = start;
  }

  place(bytes: number): number {
    const offset = Math.ceil(this.end / ALIGN_BYTES) * ALIGN_BYTES;
    this.end = offset + bytes;
    return offset;
  }

  get size(): number {
    return this.end;
  }
}

export class SharedMemory {
  readonly memory: WasmMemory;
  readonly buffer: SharedArrayBuffer;
  readonly input: Float32Array;
  readonly output: Float32Array;
  readonly bias: Float32Array | null;
  readonly corpus: Int32Array;
  readonly sentenceStarts: Int32Array;
  readonly keep: Float32Array | null;
  readonly noiseProb: Float32Array;
  readonly noiseAlias: Int32Array;
  readonly noiseLog1m: Float64Array;
  readonly sigmoidTable: Float32Array;
  readonly logSigmoidTable: Float32Array;
  readonly lrTable: Float32Array;
  readonly threads: ThreadContext[];
  private readonly marks: Int32Array[];
  private readonly header: DataView;

  constructor(readonly shape: MemoryShape) {
    const { vocabSize, dim, threads, samples } = shape;
    const placer = new Placer(HEADER_BASE + HEADER_BYTES + threads * THREAD_BYTES);
    const f32 = (count: number) => placer.place(count * 4);
    const offsets = {
      input: f32(vocabSize * dim),
      output: f32(vocabSize * dim),
      bias: shape.biases ? f32(vocabSize) : 0,
      corpus: f32(shape.corpusLength),
      sentenceStarts: f32(shape.sentences + 1),
      keep: shape.subsampling ? f32(vocabSize) : 0,
      noiseProb: f32(vocabSize),
      noiseAlias: f32(vocabSize),
      noiseLog1m: placer.place(vocabSize * 8),
      sigmoidTable: f32(SIGMOID_TABLE_SIZE),
      logSigmoidTable: f32(SIGMOID_TABLE_SIZE),
      lrTable: f32(shape.lrSteps),
    };
    const logitColumns = shape.fullSoftmax ? vocabSize : samples + 1;
    const scratch = Array.from({ length: threads }, () => ({
      [T_NEU1]: f32(dim),
      [T_NEU1E]: f32(dim),
      [T_SENTENCE_BUFFER]: f32(shape.maxSentenceLength),
      [T_CANDIDATES]: f32(samples),
      [T_CANDIDATE_LOGQ]: f32(samples),
      [T_LOGITS]: f32(logitColumns),
      [T_MARKS]: shape.uniqueCandidates ? f32(vocabSize) : 0,
      [T_CONTEXTS]: f32(2 * shape.window),
      [T_HOT_OUTPUT]: shape.hotRows ? f32(shape.hotRows * dim) : 0,
      [T_HOT_OUTPUT_BASE]: shape.hotRows ? f32(shape.hotRows * dim) : 0,
      [T_HOT_BIAS]: shape.hotRows && shape.biases ? f32(shape.hotRows) : 0,
      [T_HOT_BIAS_BASE]: shape.hotRows && shape.biases ? f32(shape.hotRows) : 0,
    }));
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
    const pointer = (field: number, offset: number) => this.header.setUint32(field, offset, true);
    pointer(H_INPUT, offsets.input);
    pointer(H_OUTPUT, offsets.output);
    pointer(H_BIAS, offsets.bias);
    pointer(H_CORPUS, offsets.corpus);
    pointer(H_SENTENCE_STARTS, offsets.sentenceStarts);
    pointer(H_KEEP, offsets.keep);
    pointer(H_NOISE_PROB, offsets.noiseProb);
    pointer(H_NOISE_ALIAS, offsets.noiseAlias);
    pointer(H_NOISE_LOG1M, offsets.noiseLog1m);
    pointer(H_SIGMOID_TABLE, offsets.sigmoidTable);
    pointer(H_LOG_SIGMOID_TABLE, offsets.logSigmoidTable);
    pointer(H_LR_TABLE, offsets.lrTable);
    this.input = new Float32Array(buffer, offsets.input, vocabSize * dim);
    this.output = new Float32Array(buffer, offsets.output, vocabSize * dim);
    this.bias = shape.biases ? new Float32Array(buffer, offsets.bias, vocabSize) : null;
    this.corpus = new Int32Array(buffer, offsets.corpus, shape.corpusLength);
    this.sentenceStarts = new Int32Array(buffer, offsets.sentenceStarts, shape.sentences + 1);
    this.keep = shape.subsampling ? new Float32Array(buffer, offsets.keep, vocabSize) : null;
    this.noiseProb = new Float32Array(buffer, offsets.noiseProb, vocabSize);
    this.noiseAlias = new Int32Array(buffer, offsets.noiseAlias, vocabSize);
    this.noiseLog1m = new Float64Array(buffer, offsets.noiseLog1m, vocabSize);
    this.sigmoidTable = new Float32Array(buffer, offsets.sigmoidTable, SIGMOID_TABLE_SIZE);
    this.logSigmoidTable = new Float32Array(buffer, offsets.logSigmoidTable, SIGMOID_TABLE_SIZE);
    this.lrTable = new Float32Array(buffer, offsets.lrTable, shape.lrSteps);
    this.threads = scratch.map((fields, t) => {
      const context = new ThreadContext(buffer, HEADER_BASE + HEADER_BYTES + t * THREAD_BYTES);
      for (const [field, offset] of Object.entries(fields)) context.setI32(Number(field), offset);
      return context;
    });
    this.marks = scratch.map((fields) =>
      shape.uniqueCandidates ? new Int32Array(buffer, fields[T_MARKS], vocabSize) : new Int32Array(0),
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
