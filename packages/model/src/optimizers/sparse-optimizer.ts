/**
 * Optimisers that update only the rows a step touched (the gradient is zero elsewhere).
 * SGD is exact; Adam is "lazy" (TF's LazyAdam, PyTorch's SparseAdam): the moments of
 * untouched rows do not decay, as d2l's sparse embeddings would have them; Adagrad's
 * accumulator only grows where there is a gradient, so it is exact too.
 */
import type { TrainerConfig } from "@w2v/config";
import type { Params } from "../params.js";
import type { SparseGradient } from "../sparse-gradient.js";
import { AdagradOptimizer } from "./adagrad.js";
import { LazyAdamOptimizer } from "./lazy-adam.js";
import { SgdOptimizer } from "./sgd.js";

export type TableName = "input" | "output" | "bias";

export interface SparseOptimizer {
  /**
   * Update `table` at the rows `gradient` holds, at learning rate `lr`; `step` counts
   * updates from 1 (Adam's bias correction).
   */
  apply(name: TableName, table: Float32Array, gradient: SparseGradient, lr: number, step: number): void;
  /** the live state arrays by name ("adam.m.input", ...): read them to save, write them to restore */
  state(): Record<string, Float32Array>;
}

export function createSparseOptimizer(
  trainer: Pick<TrainerConfig, "optimizer" | "adam" | "adagrad">,
  params: Params,
): SparseOptimizer {
  switch (trainer.optimizer) {
    case "sgd":
      return new SgdOptimizer();
    case "adam":
      return new LazyAdamOptimizer(params, trainer.adam);
    case "adagrad":
      return new AdagradOptimizer(params, trainer.adagrad);
    default:
      throw new Error(`unknown optimizer "${trainer.optimizer satisfies never}"`);
  }
}

/** One state array per parameter table (input, output, and bias when present). */
export function perTable(params: Params, fill: number): Record<TableName, Float32Array | null> {
  const like = (table: Float32Array | null) => (table ? new Float32Array(table.length).fill(fill) : null);
  return { input: like(params.input), output: like(params.output), bias: like(params.bias) };
}
