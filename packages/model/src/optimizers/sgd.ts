import type { SparseGradient } from "../sparse-gradient.js";
import type { SparseOptimizer, TableName } from "./sparse-optimizer.js";

/** Plain SGD: `param -= lr * grad`. */
export class SgdOptimizer implements SparseOptimizer {
  apply(_name: TableName, table: Float32Array, gradient: SparseGradient, lr: number): void {
    const { ids, values, width, count } = gradient;
    for (let i = 0; i < count; i++) {
      const row = ids[i] * width;
      const g = i * width;
      for (let d = 0; d < width; d++) table[row + d] -= lr * values[g + d];
    }
  }

  state(): Record<string, Float32Array> {
    return {};
  }
}
