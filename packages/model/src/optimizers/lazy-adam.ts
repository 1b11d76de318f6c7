import type { TrainerConfig } from "@w2v/config";
import type { Params } from "../params.js";
import { AccumulatingOptimizer, type RowUpdate } from "./accumulating-optimizer.js";
import { type TableName, tablesOf } from "./sparse-optimizer.js";

/**
 * Adam on the touched rows only, with PyTorch's update (d2l trains with it):
 * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * param -= lr / (1 - b1^t) * m / (sqrt(v / (1 - b2^t)) + eps), t the global step.
 */
export class LazyAdamOptimizer extends AccumulatingOptimizer {
  private readonly moments = new Map<TableName, { m: Float32Array; v: Float32Array }>();

  constructor(
    params: Params,
    private readonly config: TrainerConfig["adam"],
  ) {
    super(params);
    for (const [name, table] of tablesOf(params)) {
      this.moments.set(name, { m: new Float32Array(table.length), v: new Float32Array(table.length) });
    }
  }

  protected applyRow: RowUpdate = (name, table, at, values, from, width) => {
    const moments = this.moments.get(name);
    if (!moments) throw new Error(`Adam has no state for the ${name} table`);
    const { m, v } = moments;
    const { beta1, beta2, epsilon } = this.config;
    const stepSize = this.lr / (1 - beta1 ** this.step);
    const secondCorrection = Math.sqrt(1 - beta2 ** this.step);
    for (let d = 0; d < width; d++) {
      const g = values[from + d];
      const k = at + d;
      const mt = beta1 * m[k] + (1 - beta1) * g;
      const vt = beta2 * v[k] + (1 - beta2) * g * g;
      m[k] = mt;
      v[k] = vt;
      table[k] -= (stepSize * mt) / (Math.sqrt(vt) / secondCorrection + epsilon);
    }
  };

  state(): Record<string, Float32Array> {
    const state: Record<string, Float32Array> = {};
    for (const [name, { m, v }] of this.moments) {
      state[`adam.m.${name}`] = m;
      state[`adam.v.${name}`] = v;
    }
    return state;
  }
}
