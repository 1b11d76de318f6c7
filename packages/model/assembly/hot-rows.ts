// Private copies of the hot words' output rows and biases, one set per thread. The most
// frequent words are drawn as negatives by every thread all the time; written in place,
// their rows' cache lines would move between the cores at almost every example (measured:
// a sixth of two threads' speed on text8). Each thread trains its own copies and merges
// what it learned into the shared rows every few thousand words, taking in what the other
// threads merged meanwhile: Hogwild's lock-free sum of updates, delayed a little.

import {
  H_HOT_ROWS,
  HEADER_BASE,
  T_HOT_BIAS,
  T_HOT_BIAS_BASE,
  T_HOT_OUTPUT,
  T_HOT_OUTPUT_BASE,
} from "../src/hogwild/slots";
import { bias, dim, hotBias, hotOutput, hotRows, output, setHotRows } from "./run";

let hotOutputBase: usize = 0;
let hotBiasBase: usize = 0;

/** Route the hot words' rows to thread `ctx`'s copies (none if the thread has none). */
export function bindHotRows(ctx: usize): void {
  const copies = load<usize>(ctx + T_HOT_OUTPUT);
  hotOutputBase = load<usize>(ctx + T_HOT_OUTPUT_BASE);
  hotBiasBase = load<usize>(ctx + T_HOT_BIAS_BASE);
  setHotRows(copies === 0 ? 0 : load<i32>(HEADER_BASE + H_HOT_ROWS), copies, load<usize>(ctx + T_HOT_BIAS));
}

/** Start from the shared values (the host may have changed them since the last call). */
export function pullHotRows(): void {
  const rowBytes = (<usize>hotRows * <usize>dim) << 2;
  memory.copy(hotOutput, output, rowBytes);
  memory.copy(hotOutputBase, output, rowBytes);
  if (bias === 0) return;
  const biasBytes = (<usize>hotRows) << 2;
  memory.copy(hotBias, bias, biasBytes);
  memory.copy(hotBiasBase, bias, biasBytes);
}

/** Add the copies' change since the last merge to the shared values, and continue from the sum. */
export function mergeHotRows(): void {
  mergeInto(output, hotOutput, hotOutputBase, hotRows * dim);
  if (bias !== 0) mergeInto(bias, hotBias, hotBiasBase, hotRows);
}

/** shared += copy - base; copy = base = shared (a plain read-modify-write, lock-free). */
function mergeInto(shared: usize, copy: usize, base: usize, count: i32): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const o = (<usize>i) << 2;
    const sum = f32x4.add(v128.load(shared + o), f32x4.sub(v128.load(copy + o), v128.load(base + o)));
    v128.store(shared + o, sum);
    v128.store(copy + o, sum);
    v128.store(base + o, sum);
  }
  for (; i < count; i++) {
    const o = (<usize>i) << 2;
    const sum = load<f32>(shared + o) + (load<f32>(copy + o) - load<f32>(base + o));
    store<f32>(shared + o, sum);
    store<f32>(copy + o, sum);
    store<f32>(base + o, sum);
  }
}
