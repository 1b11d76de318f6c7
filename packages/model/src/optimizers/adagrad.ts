import type { TrainerConfig } from "@w2v/config";
import type { Params } from "../params.js";
import type { SparseGradient } from "../sparse-gradient.js";
import { perTable, type SparseOptimizer, type TableName } from "./sparse-optimizer.js";

/**
 * Adagrad as TF/Keras: the accumulator starts at `initialAccumulator`,
 * acc += g^2; param -= lr * g / (sqrt(acc) + eps).
 */
export class AdagradOptimizer implements SparseOptimizer {
  private readonly accumulators: Record<TableName, Float32Array | null>;

  constructor(
    params: Params,
    private readonly config: TrainerConfig["adagrad"],
  ) {
    this.accumulators = perTable(params, config.initialAccumulator);
  }

  apply(name: TableName, table: Float32Array, gradient: SparseGradient, lr: number): void {
    const accumulator = this.accumulators[name];
    if (!accumulator) throw new Error(`Adagrad has no state for the ${name} table`);
    const { epsilon } = this.config;
    const { ids, values, width, count } = gradient;
    for (let i = 0; i < count; i++) {
      const row = ids[i] * width;
      const gi = i * width;
      for (let d = 0; d < width; d++) {
        const g = values[gi + d];
        const at = row + d;
        accumulator[at] += g * g;
        table[at] -= (lr * g) / (Math.sqrt(accumulator[at]) + epsilon);
      }
    }
  }

  state(): Record<string, Float32Array> {
    const state: Record<string, Float32Array> = {};
    for (const name of ["input", "output", "bias"] as const) {
      const accumulator = this.accumulators[name];
      if (accumulator) state[`adagrad.accumulator.${name}`] = accumulator;
    }
    return state;
  }
}
