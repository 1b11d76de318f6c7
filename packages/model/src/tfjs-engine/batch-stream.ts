/**
 * Turns the example streams of @w2v/data into the tfjs engine's minibatches: skip-gram
 * pairs (input: the centre, target: the context, as TF and d2l), CBOW windows (input: the
 * contexts, target: the centre), or d2l's padded centre rows; then adds each row's noise
 * words (word2vec negative sampling: `samples` draws per row, a draw equal to the target
 * skipped as word2vec.c does) or the batch's shared candidates (NCE, sampled softmax).
 * Batches run across epoch boundaries, so every batch is full until the run's last one.
 */
import type { ResolvedConfig } from "@w2v/config";
import {
  type CbowBatch,
  CbowWindows,
  type Corpus,
  createCbowBatch,
  createPaddedBatch,
  createPairBatch,
  type ExamplePosition,
  exampleOptions,
  type NoiseSampler,
  type PaddedBatch,
  PaddedBatches,
  type PairBatch,
  Rng,
  type RngState,
  SkipGramPairs,
} from "@w2v/data";
import { CandidateSampler } from "../candidates.js";
import { noiseDistribution } from "../run-plan.js";
import type { ExampleBatch } from "./example-batch.js";

type Source =
  | { kind: "pairs"; stream: SkipGramPairs; batch: PairBatch }
  | { kind: "cbow"; stream: CbowWindows; batch: CbowBatch }
  | { kind: "d2l"; stream: PaddedBatches; batch: PaddedBatch };

export class BatchStream {
  readonly wordsPerEpoch: number;
  private readonly source: Source;
  private readonly negatives: number;
  private readonly noise: NoiseSampler;
  private readonly candidates: CandidateSampler | null;
  private negativesRng: Rng;
  private candidatesRng: Rng;

  constructor(
    corpus: Corpus,
    private readonly config: ResolvedConfig,
    readonly batchSize: number,
    /** the run plan's noise distribution (validated there against model.samples) */
    noise: NoiseSampler = noiseDistribution(corpus.vocab, config.model),
  ) {
    const { model, seed } = config;
    this.noise = noise;
    this.source = createSource(corpus, config, batchSize, this.noise);
    this.wordsPerEpoch = this.source.stream.wordsPerEpoch;
    this.negatives = model.loss === "negative-sampling" && this.source.kind !== "d2l" ? model.samples : 0;
    const sampled = model.loss === "nce" || model.loss === "sampled-softmax";
    this.candidates = sampled ? new CandidateSampler(this.noise, model.samples) : null;
    this.negativesRng = Rng.derive(seed, "negatives");
    this.candidatesRng = Rng.derive(seed, "candidates");
  }

  /** The epoch the next example belongs to. */
  get epoch(): number {
    return this.source.stream.epoch;
  }

  /** Corpus words read so far over all epochs, before subsampling (word2vec's count). */
  get wordsDone(): number {
    return this.epoch * this.wordsPerEpoch + this.source.stream.wordsInEpoch;
  }

  /** A batch able to hold any batch of this stream. */
  createBatch(): ExampleBatch {
    const rows = this.batchSize;
    const { window } = this.config.data;
    const inputs = this.source.kind === "cbow" ? rows * 2 * window : rows;
    const columns = this.source.kind === "d2l" ? rows * this.source.batch.width : rows * (1 + this.negatives);
    return {
      rows: 0,
      inputStarts: new Int32Array(rows + 1),
      inputIds: new Int32Array(inputs),
      targets: new Int32Array(rows),
      columnStarts: new Int32Array(rows + 1),
      columnIds: new Int32Array(columns),
      columnLabels: new Uint8Array(columns),
      columnReduction: this.source.kind === "d2l" ? "mean" : "sum",
      candidates: null,
    };
  }

  /**
   * Fills `batch` with the next examples: `batchSize` rows, continuing into the next epoch
   * unless that is `endEpoch` (then fewer, possibly none).
   */
  next(batch: ExampleBatch, endEpoch: number): number {
    let rows = 0;
    while (rows < this.batchSize && this.epoch < endEpoch) rows += fillFrom(this.source, rows);
    batch.rows = rows;
    this.convert(batch, rows);
    return rows;
  }

  /** Where the examples stand (JSON): restoring it continues with the same examples. */
  position(): ExamplePosition {
    return this.source.stream.position();
  }

  restore(position: ExamplePosition): void {
    this.source.stream.restore(position);
  }

  /** The engine's own generators (noise words, candidates). */
  rngStates(): Record<string, RngState> {
    return { negatives: this.negativesRng.getState(), candidates: this.candidatesRng.getState() };
  }

  restoreRngs(states: Record<string, RngState>): void {
    for (const name of ["negatives", "candidates"]) {
      if (!states[name]) throw new Error(`the tfjs engine state lacks the "${name}" generator state`);
    }
    this.negativesRng = Rng.fromState(states.negatives);
    this.candidatesRng = Rng.fromState(states.candidates);
  }

  private convert(batch: ExampleBatch, rows: number): void {
    const { inputStarts, inputIds, targets, columnStarts, columnIds, columnLabels } = batch;
    const source = this.source;
    let inputs = 0;
    let columns = 0;
    inputStarts[0] = 0;
    columnStarts[0] = 0;
    for (let r = 0; r < rows; r++) {
      if (source.kind === "cbow") {
        const { width, contexts, contextCounts, centers } = source.batch;
        for (let k = 0; k < contextCounts[r]; k++) inputIds[inputs++] = contexts[r * width + k];
        targets[r] = centers[r];
      } else {
        inputIds[inputs++] = source.batch.centers[r];
        targets[r] = source.kind === "pairs" ? source.batch.contexts[r] : -1;
      }
      inputStarts[r + 1] = inputs;
      if (source.kind === "d2l") {
        const { width, contextsNegatives, labels, rowLengths } = source.batch;
        for (let k = 0; k < rowLengths[r]; k++) {
          columnIds[columns] = contextsNegatives[r * width + k];
          columnLabels[columns++] = labels[r * width + k];
        }
      } else if (this.negatives > 0) {
        const target = targets[r];
        columnIds[columns] = target;
        columnLabels[columns++] = 1;
        for (let k = 0; k < this.negatives; k++) {
          const noise = this.noise.sample(this.negativesRng);
          if (noise === target) continue;
          columnIds[columns] = noise;
          columnLabels[columns++] = 0;
        }
      }
      columnStarts[r + 1] = columns;
    }
    batch.candidates =
      this.candidates && rows > 0
        ? this.candidates.draw(this.candidatesRng, targets.subarray(0, rows))
        : null;
  }
}

/** Examples in `epochs` epochs: a dry run of a fresh stream with the run's seed. */
export function countExamples(
  corpus: Corpus,
  config: ResolvedConfig,
  noise: NoiseSampler,
  epochs: number,
): number {
  const source = createSource(corpus, config, 4096, noise);
  let count = 0;
  while (source.stream.epoch < epochs) count += fillFrom(source, 0);
  return count;
}

function createSource(corpus: Corpus, config: ResolvedConfig, capacity: number, noise: NoiseSampler): Source {
  const { data, model, seed } = config;
  const options = exampleOptions(corpus, data, seed);
  if (model.architecture === "cbow") {
    if (model.negativeSampling === "d2l" && model.loss === "negative-sampling") {
      throw new Error(
        'model.negativeSampling "d2l" is defined for skip-gram only (set model.architecture: skipgram)',
      );
    }
    return {
      kind: "cbow",
      stream: new CbowWindows(corpus, options),
      batch: createCbowBatch(capacity, data.window),
    };
  }
  if (model.loss === "negative-sampling" && model.negativeSampling === "d2l") {
    return {
      kind: "d2l",
      stream: new PaddedBatches(corpus, { ...options, negatives: model.samples, noise }),
      batch: createPaddedBatch(capacity, data.window, model.samples),
    };
  }
  return { kind: "pairs", stream: new SkipGramPairs(corpus, options), batch: createPairBatch(capacity) };
}

/** Fills the source's batch from row `from` on; returns the rows written (fewer at an epoch's end). */
function fillFrom(source: Source, from: number): number {
  switch (source.kind) {
    case "pairs": {
      const { centers, contexts } = source.batch;
      return source.stream.fill({ centers: centers.subarray(from), contexts: contexts.subarray(from) });
    }
    case "cbow": {
      const { width, centers, contexts, contextCounts } = source.batch;
      return source.stream.fill({
        width,
        centers: centers.subarray(from),
        contexts: contexts.subarray(from * width),
        contextCounts: contextCounts.subarray(from),
      });
    }
    case "d2l": {
      const { width, centers, contextsNegatives, masks, labels, rowLengths } = source.batch;
      return source.stream.fill({
        width,
        centers: centers.subarray(from),
        contextsNegatives: contextsNegatives.subarray(from * width),
        masks: masks.subarray(from * width),
        labels: labels.subarray(from * width),
        rowLengths: rowLengths.subarray(from),
        maxRowLength: 0,
      });
    }
  }
}
