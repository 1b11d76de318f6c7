// The calling thread's progress: the examples it trained (one loss term each) and their
// summed loss, counted in this instance's globals by the kernels and published to the
// thread's block once per sentence, where the host reads them while the kernel runs.

import { T_EXAMPLES, T_LOSS_SUM } from "../src/hogwild/slots";

let examples: i64 = 0;
let lossSum: f64 = 0;

/** Continue from the counts in thread `ctx`'s block. */
export function loadProgress(ctx: usize): void {
  examples = load<i64>(ctx + T_EXAMPLES);
  lossSum = load<f64>(ctx + T_LOSS_SUM);
}

/** `count` examples trained, with `loss` their summed loss. */
export function countExamples(count: i32, loss: f64): void {
  examples += count;
  lossSum += loss;
}

export function publishProgress(ctx: usize): void {
  store<i64>(ctx + T_EXAMPLES, examples);
  store<f64>(ctx + T_LOSS_SUM, lossSum);
}
