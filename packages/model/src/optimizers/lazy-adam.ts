import type { TrainerConfig } from "@w2v/config";
import type { Params } from "../params.js";
import type { SparseGradient } from "../sparse-gradient.js";
import { perTable, type SparseOptimizer, type TableName } from "./sparse-optimizer.js";

/**
 * Adam on the touched rows only, with PyTorch's update (d2l trains with it):
 * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * param -= lr / (1 - b1^t) * m / (sqrt(v / (1 - b2^t)) + eps), t the global step.
 */
export class LazyAdamOptimizer implements SparseOptimizer {
  private readonly m: Record<TableName, Float32Array | null>;
  private readonly v: Record<TableName, Float32Array | null>;

  constructor(
    params: Params,
    private readonly config: TrainerConfig["adam"],
  ) {
    this.m = perTable(params, 0);
    this.v = perTable(params, 0);
  }

  apply(name: TableName, table: Float32Array, gradient: SparseGradient, lr: number, step: number): void {
    const m = this.m[name];
    const v = this.v[name];
    if (!m || !v) throw new Error(`Adam has no state for the ${name} table`);
    const { beta1, beta2, epsilon } = this.config;
    const stepSize = lr / (1 - beta1 ** step);
    const secondCorrection = Math.sqrt(1 - beta2 ** step);
    const { ids, values, width, count } = gradient;
    for (let i = 0; i < count; i++) {
      const row = ids[i] * width;
      const gi = i * width;
      for (let d = 0; d < width; d++) {
        const g = values[gi + d];
        const at = row + d;
        const mt = beta1 * m[at] + (1 - beta1) * g;
        const vt = beta2 * v[at] + (1 - beta2) * g * g;
        m[at] = mt;
        v[at] = vt;
        table[at] -= (stepSize * mt) / (Math.sqrt(vt) / secondCorrection + epsilon);
      }
    }
  }

  state(): Record<string, Float32Array> {
    const state: Record<string, Float32Array> = {};
    for (const name of ["input", "output", "bias"] as const) {
      const m = this.m[name];
      const v = this.v[name];
      if (m) state[`adam.m.${name}`] = m;
      if (v) state[`adam.v.${name}`] = v;
    }
    return state;
  }
}
