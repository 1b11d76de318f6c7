/**
 * An engine with no model behind it, for tests of the loop and of resume: each step
 * consumes `wordsPerStep` words and `examplesPerStep` examples of loss `lossAt(step)`, an
 * epoch is `stepsPerEpoch` steps, and each step adds 1 to every weight (and to an optimiser
 * tensor), so what was restored is visible in the numbers.
 */
import type { Engine, EngineState, Params, StepsReport } from "@w2v/model";

export interface FakeEngineOptions {
  totalSteps: number;
  stepsPerEpoch?: number;
  wordsPerStep?: number;
  examplesPerStep?: number;
  lossAt?: (step: number) => number;
  vocabSize?: number;
  dim?: number;
  /** report `trainsInBackground` (the fake still computes at the call) */
  trainsInBackground?: boolean;
}

export class FakeEngine implements Engine {
  readonly name = "tfjs" as const;
  readonly params: Params;
  readonly totalSteps: number;
  readonly trainsInBackground: boolean;
  /** the n of every runSteps call, in order */
  readonly calls: number[] = [];
  private step = 0;
  private readonly moments: Float32Array;
  private readonly options: Required<FakeEngineOptions>;

  constructor(options: FakeEngineOptions) {
    this.options = {
      stepsPerEpoch: 10,
      wordsPerStep: 100,
      examplesPerStep: 4,
      lossAt: () => 1,
      vocabSize: 3,
      dim: 2,
      trainsInBackground: false,
      ...options,
    };
    const { vocabSize, dim } = this.options;
    this.totalSteps = options.totalSteps;
    this.trainsInBackground = this.options.trainsInBackground;
    this.params = {
      vocabSize,
      dim,
      input: new Float32Array(vocabSize * dim),
      output: new Float32Array(vocabSize * dim),
      bias: null,
    };
    this.moments = new Float32Array(vocabSize * dim);
  }

  async runSteps(n: number): Promise<StepsReport> {
    this.calls.push(n);
    const { wordsPerStep, examplesPerStep, lossAt } = this.options;
    const steps = Math.max(0, Math.min(n, this.totalSteps - this.step));
    let lossSum = 0;
    for (let k = 0; k < steps; k++) {
      lossSum += examplesPerStep * lossAt(this.step);
      this.step++;
      for (const table of [this.params.input, this.params.output, this.moments]) {
        for (let i = 0; i < table.length; i++) table[i] += 1;
      }
    }
    return {
      steps,
      words: steps * wordsPerStep,
      examples: steps * examplesPerStep,
      lossSum,
      lossCount: steps * examplesPerStep,
      lr: 0.1 / (1 + this.step),
      done: this.step >= this.totalSteps,
      busySeconds: steps * 0.001,
    };
  }

  getState(): EngineState {
    const { stepsPerEpoch, wordsPerStep } = this.options;
    return {
      engine: "tfjs",
      step: this.step,
      epoch: Math.floor(this.step / stepsPerEpoch),
      wordsDone: this.step * wordsPerStep,
      position: { step: this.step },
      rngs: {},
    };
  }

  setState(state: EngineState): void {
    this.step = state.step;
  }

  optimizerState(): Record<string, Float32Array> {
    return { "fake.moments": this.moments };
  }

  async close(): Promise<void> {}
}
