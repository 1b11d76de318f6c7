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
    for (let d = 0; d < width; d++) table[row + d] -= step * source[offset + d];
  }
}
