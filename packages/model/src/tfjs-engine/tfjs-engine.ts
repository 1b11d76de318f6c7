/**
 * The tfjs training engine (`trainer.engine: tfjs`): minibatches of `trainer.batchSize`
 * examples; each step gathers the rows the batch touches from the Float32Array tables,
 * lets TensorFlow.js compute the batch's mean loss and its gradients on them, and applies
 * the chosen optimiser to those rows only. No step does O(vocabulary x dim) work, except
 * the full softmax, which scores every class by definition.
 */
import { type ExamplePosition, Rng } from "@w2v/data";
import type { Engine, EngineOptions, EngineState, Json, StepsReport } from "../engine.js";
import { initParams } from "../init.js";
import { createSparseOptimizer, type SparseOptimizer } from "../optimizers/index.js";
import { createParams, type Params } from "../params.js";
import { planRun, type RunPlan } from "../run-plan.js";
import { type ChosenBackend, selectTfjsBackend } from "../tfjs-backend.js";
import { BatchStream, countExamples } from "./batch-stream.js";
import type { ExampleBatch } from "./example-batch.js";
import type { LossHead, OutputGradients } from "./loss-head.js";
import { NegativeSamplingHead } from "./negative-sampling-head.js";
import { SampledHead } from "./sampled-head.js";
import { SoftmaxHead } from "./softmax-head.js";

export interface TfjsEngine extends Engine {
  readonly name: "tfjs";
  /** the tfjs backend in use (logged at creation) */
  readonly backend: ChosenBackend;
}

export async function createTfjsEngine(options: EngineOptions): Promise<TfjsEngine> {
  const { config, corpus, log } = options;
  const backend = await selectTfjsBackend(config.trainer.backend);
  log?.(`tfjs backend: ${backend.description}`);
  const params = createParams(corpus.vocab.size, config.model.dim, { biases: config.model.biases });
  initParams(params, config.model.init, Rng.derive(config.seed, "init"));
  // The step count is exact, so that the run ends with its epochs at step totalSteps
  // (batches span epochs).
  const plan = planRun("tfjs", config, corpus, (epochs, noise) =>
    countExamples(corpus, config, noise, epochs),
  );
  const stream = new BatchStream(corpus, config, config.trainer.batchSize, plan.noise);
  return new TfjsTrainingEngine(options, params, stream, plan, backend);
}

class TfjsTrainingEngine implements TfjsEngine {
  readonly name = "tfjs";
  /** it trains in this thread: the host logs between calls */
  readonly trainsInBackground = false;
  private step = 0;
  private readonly batch: ExampleBatch;
  private readonly head: LossHead;
  private readonly optimizer: SparseOptimizer;
  private readonly hidden: Float32Array;
  private readonly outputGradients: OutputGradients;
  /** the epoch the run ends at: trainer.epochs, or never when trainer.steps bounds it */
  private readonly endEpoch: number;
  private readonly freezeInput: boolean;

  constructor(
    options: EngineOptions,
    readonly params: Params,
    private readonly stream: BatchStream,
    private readonly plan: RunPlan,
    readonly backend: ChosenBackend,
  ) {
    const { model, trainer } = options.config;
    this.endEpoch = trainer.steps === undefined ? trainer.epochs : Number.POSITIVE_INFINITY;
    this.freezeInput = model.pretrained?.freeze ?? false;
    this.batch = stream.createBatch();
    this.head =
      model.loss === "negative-sampling"
        ? new NegativeSamplingHead()
        : model.loss === "softmax"
          ? new SoftmaxHead()
          : new SampledHead(model.loss, model.removeAccidentalHits);
    this.optimizer = createSparseOptimizer(trainer, params);
    this.hidden = new Float32Array(stream.batchSize * params.dim);
    this.outputGradients = {
      hidden: new Float32Array(stream.batchSize * params.dim),
      output: this.optimizer.sink("output"),
      bias: params.bias ? this.optimizer.sink("bias") : null,
    };
  }

  get totalSteps(): number {
    return this.plan.totalSteps;
  }

  private get done(): boolean {
    return this.step >= this.totalSteps || this.stream.epoch >= this.endEpoch;
  }

  async runSteps(n: number): Promise<StepsReport> {
    const start = performance.now();
    const report: StepsReport = {
      steps: 0,
      words: 0,
      examples: 0,
      lossSum: 0,
      lossCount: 0,
      lr: 0,
      done: this.done,
      busySeconds: 0,
    };
    const wordsBefore = this.stream.wordsDone;
    while (report.steps < n && !this.done) {
      const rows = this.stream.next(this.batch, this.endEpoch);
      if (rows === 0) break;
      report.lr = this.plan.learningRate(this.step);
      report.lossSum += this.trainBatch(report.lr);
      report.lossCount += rows;
      report.examples += rows;
      report.steps++;
      this.step++;
    }
    report.words = this.stream.wordsDone - wordsBefore;
    report.done = this.done;
    report.busySeconds = (performance.now() - start) / 1000;
    return report;
  }

  /** One optimiser step on the batch; returns the sum of its rows' losses. */
  private trainBatch(lr: number): number {
    const { batch, params, hidden, optimizer, outputGradients } = this;
    const { dim, input } = params;
    const { rows, inputStarts, inputIds } = batch;
    // The hidden vector of a row: its input row (skip-gram) or the mean of its contexts' (CBOW).
    hidden.fill(0, 0, rows * dim);
    for (let r = 0; r < rows; r++) {
      const start = inputStarts[r];
      const end = inputStarts[r + 1];
      const scale = 1 / (end - start);
      for (let k = start; k < end; k++) {
        const from = inputIds[k] * dim;
        for (let d = 0; d < dim; d++) hidden[r * dim + d] += scale * input[from + d];
      }
    }
    optimizer.begin(lr, this.step + 1);
    const lossSum = this.head.lossAndGrads(batch, hidden.subarray(0, rows * dim), params, outputGradients);
    // word2vec's CBOW: every context word receives the hidden vector's gradient unscaled.
    // Imported vectors with model.pretrained.freeze stay as they are.
    if (!this.freezeInput) {
      const dHidden = outputGradients.hidden;
      const inputGradient = optimizer.sink("input");
      for (let r = 0; r < rows; r++) {
        for (let k = inputStarts[r]; k < inputStarts[r + 1]; k++) {
          inputGradient.add(inputIds[k], dHidden, r * dim);
        }
      }
    }
    optimizer.finish();
    return lossSum;
  }

  getState(): EngineState {
    return {
      engine: "tfjs",
      step: this.step,
      epoch: this.stream.epoch,
      wordsDone: this.stream.wordsDone,
      position: { ...this.stream.position() } as unknown as Json,
      rngs: this.stream.rngStates(),
    };
  }

  setState(state: EngineState): void {
    if (state.engine !== "tfjs")
      throw new Error(`cannot resume a ${state.engine} engine state on the tfjs engine`);
    this.stream.restoreRngs(state.rngs);
    this.stream.restore(state.position as unknown as ExamplePosition);
    this.step = state.step;
  }

  optimizerState(): Record<string, Float32Array> {
    return this.optimizer.state();
  }

  async close(): Promise<void> {}
}
