/**
 * word2vec's precomputed sigmoid (expTable): entry i is sigmoid(z) at
 * z = (i / SIGMOID_TABLE_SIZE * 2 - 1) * MAX_EXP, in float as the C code computes it; and
 * the log-sigmoid at the same points, so table mode also reports a loss without a log.
 */
import { MAX_EXP, SIGMOID_TABLE_SIZE } from "./slots.js";

export function fillSigmoidTables(sigmoid: Float32Array, logSigmoid: Float32Array): void {
  for (let i = 0; i < SIGMOID_TABLE_SIZE; i++) {
    const e = Math.fround(Math.exp(((i / SIGMOID_TABLE_SIZE) * 2 - 1) * MAX_EXP));
    sigmoid[i] = e / (e + 1);
    logSigmoid[i] = Math.log(sigmoid[i]);
  }
}
