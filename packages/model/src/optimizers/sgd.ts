import type { Params } from "../params.js";
import { type RowGradientSink, type SparseOptimizer, type TableName, tablesOf } from "./sparse-optimizer.js";

/** Plain SGD, `param -= lr * grad`, applied row by row as the gradient arrives. */
export class SgdOptimizer implements SparseOptimizer {
  private readonly updaters: Map<TableName, SgdRowUpdater>;

  constructor(params: Params) {
    this.updaters = new Map(
      tablesOf(params).map(([name, table, width]) => [name, new SgdRowUpdater(table, width)]),
    );
  }

  begin(lr: number): void {
    for (const updater of this.updaters.values()) updater.lr = lr;
  }

  sink(name: TableName): RowGradientSink {
    const updater = this.updaters.get(name);
    if (!updater) throw new Error(`SGD has no ${name} table`);
    return updater;
  }

  finish(): void {}

  state(): Record<string, Float32Array> {
    return {};
  }
}

class SgdRowUpdater implements RowGradientSink {
  lr = 0;

  constructor(
    private readonly table: Float32Array,
    private readonly width: number,
  ) {}

  add(id: number, source: Float32Array, offset: number, scale = 1): void {
    const { table, width } = this;
    const step = this.lr * scale;
    const row = id * width;
    // Unrolled by four: the hottest loop of a tfjs step, and V8 does not vectorise it.
    const whole = width - (width % 4);
    let d = 0;
    for (; d < whole; d += 4) {
      table[row + d] -= step * source[offset + d];
      table[row + d + 1] -= step * source[offset + d + 1];
      table[row + d + 2] -= step * source[offset + d + 2];
      table[row + d + 3] -= step * source[offset + d + 3];
    }
    for (; d < width; d++) table[row + d] -= step * source[offset + d];
  }
}
