/**
 * The step-driven training engine the trainer drives, implemented by both engines
 * ("tfjs": minibatches through TensorFlow.js autodiff; "hogwild": WebAssembly kernels on
 * threads). The trainer owns the loop, checkpoints and logging; an engine owns the
 * parameters, the example stream and the optimiser.
 */
import type { ResolvedConfig } from "@w2v/config";
import type { Corpus, RngState } from "@w2v/data";
import type { Params } from "./params.js";

export type EngineName = "hogwild" | "tfjs";

/** What `runSteps` did; sums cover only the steps of that call. */
export interface StepsReport {
  /** steps actually run (fewer than asked when the run ended) */
  steps: number;
  /** corpus words consumed, counted as word2vec counts them (before subsampling) */
  words: number;
  /** training examples (tfjs: batch rows; hogwild: centre/context updates) */
  examples: number;
  /** sum of per-example losses and how many were summed: mean loss = lossSum / lossCount */
  lossSum: number;
  lossCount: number;
  /** the last learning rate used */
  lr: number;
  /** true once the engine has run `totalSteps` steps */
  done: boolean;
  /**
   * seconds spent training in this call, averaged over the engine's threads: the rest of
   * the loop's wall time is host work (logging, checkpoints) and threads waiting
   */
  busySeconds: number;
}

/** A JSON value: engine states go to checkpoints' state.json as they are. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Everything needed to continue a run exactly where it stopped, besides the parameters
 * and the optimiser state (saved separately as tensors). JSON-serialisable.
 */
export interface EngineState {
  engine: EngineName;
  /** steps done so far */
  step: number;
  /** current epoch (0-based) */
  epoch: number;
  /** corpus words consumed so far (drives word2vec's linear decay) */
  wordsDone: number;
  /** where the example stream stands (engine-specific: offsets, pending batch rows, ...) */
  position: Json;
  /** the state of every random generator the engine draws from, by purpose */
  rngs: Record<string, RngState>;
}

export interface Engine {
  readonly name: EngineName;
  readonly params: Params;
  /** steps in the whole run: epochs * stepsPerEpoch, or trainer.steps */
  readonly totalSteps: number;
  /**
   * true when runSteps trains on other threads: the host may then log the last steps
   * while the next ones run (it reads the parameters as they change)
   */
  readonly trainsInBackground: boolean;
  /** advance n steps, or until done */
  runSteps(n: number): Promise<StepsReport>;
  getState(): EngineState;
  setState(state: EngineState): void;
  /** optimiser tensors for checkpoints, by name (e.g. "adam.m.input"); empty for SGD */
  optimizerState(): Record<string, Float32Array>;
  /** release threads, backends and memory */
  close(): Promise<void>;
}

/** What both engine factories take. */
export interface EngineOptions {
  /** the resolved run config: seed, data (window, subsampling), model, trainer sections */
  config: ResolvedConfig;
  corpus: Corpus;
  /** progress and choices worth a log line (e.g. which tfjs backend was chosen) */
  log?: (line: string) => void;
}
