import type { TrainerConfig } from "@w2v/config";
import type { Params } from "../params.js";
import { AccumulatingOptimizer, type RowUpdate } from "./accumulating-optimizer.js";
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

  protected applyRow: RowUpdate = (name, table, at, values, from, width) => {
    const accumulator = this.accumulators.get(name);
    if (!accumulator) throw new Error(`Adagrad has no state for the ${name} table`);
    const { epsilon } = this.config;
    for (let d = 0; d < width; d++) {
      const g = values[from + d];
      const k = at + d;
      accumulator[k] += g * g;
      table[k] -= (this.lr * g) / (Math.sqrt(accumulator[k]) + epsilon);
    }
  };

  state(): Record<string, Float32Array> {
    const state: Record<string, Float32Array> = {};
    for (const [name, accumulator] of this.accumulators) state[`adagrad.accumulator.${name}`] = accumulator;
    return state;
  }
}
