import type { Params } from "../params.js";
import { SparseGradient } from "../sparse-gradient.js";
import { type RowGradientSink, type SparseOptimizer, type TableName, tablesOf } from "./sparse-optimizer.js";

/**
 * An optimiser whose update is not linear in the gradient: a step's contributions to a row
 * are summed first, then `applyRows` updates each touched row once.
 */
export abstract class AccumulatingOptimizer implements SparseOptimizer {
  protected lr = 0;
  protected step = 0;
  private readonly tables: { name: TableName; table: Float32Array; gradient: SparseGradient }[];

  constructor(params: Params) {
    this.tables = tablesOf(params).map(([name, table, width]) => ({
      name,
      table,
      gradient: new SparseGradient(params.vocabSize, width),
    }));
  }

  begin(lr: number, step: number): void {
    this.lr = lr;
    this.step = step;
  }

  sink(name: TableName): RowGradientSink {
    const entry = this.tables.find((table) => table.name === name);
    if (!entry) throw new Error(`the optimiser has no ${name} table`);
    return entry.gradient;
  }

  finish(): void {
    for (const { name, table, gradient } of this.tables) {
      this.applyRows(name, table, gradient);
      gradient.clear();
    }
  }

  abstract state(): Record<string, Float32Array>;

  /** Updates `table` at the rows `gradient` holds. */
  protected abstract applyRows(name: TableName, table: Float32Array, gradient: SparseGradient): void;
}
