// The run's header, read from shared memory into this instance's globals once per call,
// so the hot loops see plain globals instead of loads through the header.
import {
  H_ARCHITECTURE,
  H_BIAS,
  H_CORPUS,
  H_DIM,
  H_FIRST_SENTENCE,
  H_FREEZE_INPUT,
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
  HEADER_BASE,
} from "../src/hogwild/slots";

export let vocabSize: i32 = 0;
export let dim: i32 = 0;
export let architecture: i32 = 0;
export let loss: i32 = 0;
export let kernel: i32 = 0;
export let samples: i32 = 0;
export let removeHits: bool = false;
export let sigmoidExact: bool = false;
export let window: i32 = 0;
export let windowFixed: bool = false;
export let freezeInput: bool = false;
export let stepWords: i32 = 1;
export let totalSteps: i32 = 0;
export let sentences: i32 = 0;
export let firstSentence: i32 = 0;
export let threads: i32 = 0;
export let sentenceSeed: u32 = 0;
export let input: usize = 0;
export let output: usize = 0;
export let bias: usize = 0;
export let corpus: usize = 0;
export let sentenceStarts: usize = 0;
export let keep: usize = 0;
export let noiseProb: usize = 0;
export let noiseAlias: usize = 0;
export let noiseLog1m: usize = 0;
export let sigmoidTable: usize = 0;
export let logSigmoidTable: usize = 0;
export let lrTable: usize = 0;
/** hot words with private rows in the calling thread (0 until hot-rows.ts binds them) */
export let hotRows: i32 = 0;
export let hotSyncWords: i32 = 0;
export let hotOutput: usize = 0;
export let hotBias: usize = 0;

export function bindRun(): void {
  const h: usize = HEADER_BASE;
  vocabSize = load<i32>(h + H_VOCAB_SIZE);
  dim = load<i32>(h + H_DIM);
  architecture = load<i32>(h + H_ARCHITECTURE);
  loss = load<i32>(h + H_LOSS);
  kernel = load<i32>(h + H_KERNEL);
  samples = load<i32>(h + H_SAMPLES);
  removeHits = load<i32>(h + H_REMOVE_HITS) !== 0;
  sigmoidExact = load<i32>(h + H_SIGMOID_EXACT) !== 0;
  window = load<i32>(h + H_WINDOW);
  windowFixed = load<i32>(h + H_WINDOW_FIXED) !== 0;
  freezeInput = load<i32>(h + H_FREEZE_INPUT) !== 0;
  stepWords = load<i32>(h + H_STEP_WORDS);
  totalSteps = load<i32>(h + H_TOTAL_STEPS);
  sentences = load<i32>(h + H_SENTENCES);
  firstSentence = load<i32>(h + H_FIRST_SENTENCE);
  threads = load<i32>(h + H_THREADS);
  sentenceSeed = load<u32>(h + H_SENTENCE_SEED);
  input = load<usize>(h + H_INPUT);
  output = load<usize>(h + H_OUTPUT);
  bias = load<usize>(h + H_BIAS);
  corpus = load<usize>(h + H_CORPUS);
  sentenceStarts = load<usize>(h + H_SENTENCE_STARTS);
  keep = load<usize>(h + H_KEEP);
  noiseProb = load<usize>(h + H_NOISE_PROB);
  noiseAlias = load<usize>(h + H_NOISE_ALIAS);
  noiseLog1m = load<usize>(h + H_NOISE_LOG1M);
  sigmoidTable = load<usize>(h + H_SIGMOID_TABLE);
  logSigmoidTable = load<usize>(h + H_LOG_SIGMOID_TABLE);
  lrTable = load<usize>(h + H_LR_TABLE);
  hotSyncWords = load<i32>(h + H_HOT_SYNC_WORDS);
}

export function inputRow(word: i32): usize {
  return input + ((<usize>word * <usize>dim) << 2);
}

/** Route words below `count` to private rows and biases (hot-rows.ts). */
export function setHotRows(count: i32, rows: usize, biases: usize): void {
  hotRows = count;
  hotOutput = rows;
  hotBias = biases;
}

/** A word's output row: the thread's private copy for a hot word (while one is bound). */
export function outputRow(word: i32): usize {
  const row = (<usize>word * <usize>dim) << 2;
  return word < hotRows ? hotOutput + row : output + row;
}

/** A word's bias (when the run has biases), private for a hot word like its output row. */
export function biasSlot(word: i32): usize {
  const offset = (<usize>word) << 2;
  return word < hotRows ? hotBias + offset : bias + offset;
}
