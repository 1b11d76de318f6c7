/**
 * Optimisers that update only the rows a step touched (the gradient is zero elsewhere).
 * A step: `begin(lr, t)`, then the loss's gradient rows go to `sink(table)`, then
 * `finish()`. SGD applies each row as it arrives (a sum of updates is the update of the
 * sum); Adam and Adagrad first sum a row's contributions, since their updates are not
 * linear in the gradient. Adam is "lazy" (TF's LazyAdam, PyTorch's SparseAdam): the
 * moments of untouched rows do not decay. Adagrad's accumulator only grows where there is
 * a gradient, so the sparse update is exact.
 */
import type { Params } from "../params.js";

export type TableName = "input" | "output" | "bias";

export interface RowGradientSink {
  /** gradient row `id` += scale * source[offset .. offset + width) */
  add(id: number, source: Float32Array, offset: number, scale?: number): void;
}

export interface SparseOptimizer {
  /** starts a step at learning rate `lr`; `step` counts steps from 1 (Adam's bias correction) */
  begin(lr: number, step: number): void;
  /** where this step's gradient rows of a table go */
  sink(name: TableName): RowGradientSink;
  /** applies what the step's sinks received */
  finish(): void;
  /** the live state arrays by name ("adam.m.input", ...): read them to save, write them to restore */
  state(): Record<string, Float32Array>;
}

/** The parameter tables by name (the bias only when the parameters have one). */
export function tablesOf(params: Params): [TableName, Float32Array, number][] {
  const tables: [TableName, Float32Array, number][] = [
    ["input", params.input, params.dim],
    ["output", params.output, params.dim],
  ];
  if (params.bias) tables.push(["bias", params.bias, 1]);
  return tables;
}
