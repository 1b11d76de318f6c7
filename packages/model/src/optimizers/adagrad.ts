import type { TrainerConfig } from "@w2v/config";
import type { Params } from "../params.js";
import type { SparseGradient } from "../sparse-gradient.js";
import { AccumulatingOptimizer } from "./accumulating-optimizer.js";
import { type TableName, tablesOf } from "./sparse-optimizer.js";

/**
 * Adagrad as TF/Keras: the accumulator starts at `initialAccumulator`,
 * acc += g^2; param -= lr * g / (sqrt(acc) + eps).
 */
export class AdagradOptimizer extends AccumulatingOptimizer {
  private readonly accumulators = new Map<TableName, Float32Array>();

  constructor(
    params: Params,
    private readonly config: TrainerConfig["adagrad"],
  ) {
    super(params);
    for (const [name, table] of tablesOf(params)) {
      this.accumulators.set(name, new Float32Array(table.length).fill(config.initialAccumulator));
    }
  }

  protected applyRows(name: TableName, table: Float32Array, gradient: SparseGradient): void {
    const accumulator = this.accumulators.get(name);
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
        table[at] -= (this.lr * g) / (Math.sqrt(accumulator[at]) + epsilon);
      }
    }
  }

  state(): Record<string, Float32Array> {
    const state: Record<string, Float32Array> = {};
    for (const [name, accumulator] of this.accumulators) state[`adagrad.accumulator.${name}`] = accumulator;
    return state;
  }
}
