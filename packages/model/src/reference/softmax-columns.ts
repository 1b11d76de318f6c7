/** Softmax cross-entropy over a set of columns whose first is the true class. */
export function softmaxCrossEntropy(
  logits: Float64Array,
  active?: boolean[],
): { loss: number; dLogits: Float64Array } {
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < logits.length; j++) if (!active || active[j]) max = Math.max(max, logits[j]);
  let sum = 0;
  for (let j = 0; j < logits.length; j++) if (!active || active[j]) sum += Math.exp(logits[j] - max);
  const logSumExp = max + Math.log(sum);
  const dLogits = new Float64Array(logits.length);
  for (let j = 0; j < logits.length; j++) {
    if (active && !active[j]) continue;
    dLogits[j] = Math.exp(logits[j] - logSumExp) - (j === 0 ? 1 : 0);
  }
  return { loss: logSumExp - logits[0], dLogits };
}
