import type { Params } from "../params.js";
import { SparseGradient } from "../sparse-gradient.js";
import { type RowGradientSink, type SparseOptimizer, type TableName, tablesOf } from "./sparse-optimizer.js";

/** Updates `table[at .. at + width)` with the summed gradient `values[from .. from + width)`. */
export type RowUpdate = (
  name: TableName,
  table: Float32Array,
  at: number,
  values: Float32Array,
  from: number,
  width: number,
) => void;

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
      const { ids, values, width, count } = gradient;
      for (let i = 0; i < count; i++) this.applyRow(name, table, ids[i] * width, values, i * width, width);
      gradient.clear();
    }
  }

  abstract state(): Record<string, Float32Array>;

  protected abstract applyRow: RowUpdate;
}
