/**
 * One minibatch as the tfjs engine consumes it: rows of (input words, true class) with,
 * for negative sampling, each row's scored columns, or, for NCE / sampled softmax, the
 * candidates shared by the batch. Ragged parts are CSR (starts + values).
 */
import type { Candidates } from "../candidates.js";

export interface ExampleBatch {
  rows: number;
  /** row r's hidden vector is the mean of the input rows inputIds[inputStarts[r] .. inputStarts[r+1]) */
  inputStarts: Int32Array;
  inputIds: Int32Array;
  /** the true class of each row (NCE, sampled softmax, full softmax) */
  targets: Int32Array;
  /** negative sampling: row r scores columnIds[columnStarts[r] .. columnStarts[r+1]) with 0/1 labels */
  columnStarts: Int32Array;
  columnIds: Int32Array;
  columnLabels: Uint8Array;
  /** negative sampling: sum the row's column losses (word2vec) or average them (d2l) */
  columnReduction: "sum" | "mean";
  /** NCE / sampled softmax: the batch's log-uniform candidates and expected counts */
  candidates: Candidates | null;
}
