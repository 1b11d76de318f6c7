/**
 * The loss-specific part of a tfjs training step: gather the output rows the batch
 * touches from the Float32Array tables, let tfjs compute the loss of the batch (the mean
 * over its rows, TF's convention) and its gradients on those gathered rows, and hand the
 * gradients back by row. The engine owns the hidden vectors and the input table.
 */
import * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { RowGradientSink } from "../optimizers/sparse-optimizer.js";
import type { Params } from "../params.js";
import type { ExampleBatch } from "./example-batch.js";

export interface OutputGradients {
  /** rows * dim, overwritten: d batch-loss / d hidden vector of each row */
  hidden: Float32Array;
  /** receives the gradient rows of the output table */
  output: RowGradientSink;
  /** receives the gradients of the biases, or null without biases */
  bias: RowGradientSink | null;
}

export interface LossHead {
  /** Returns the sum of the rows' losses (the batch loss is that over `batch.rows`). */
  lossAndGrads(batch: ExampleBatch, hidden: Float32Array, params: Params, grads: OutputGradients): number;
}

/** Copies the rows `ids` of a table into `into` (ids.length * width floats). */
export function gatherRows(
  table: Float32Array,
  width: number,
  ids: ArrayLike<number>,
  into: Float32Array,
): Float32Array {
  for (let i = 0; i < ids.length; i++) copyRow(table, ids[i] * width, into, i * width, width);
  return into;
}

/** `set` of a row view: a native copy, about twice as fast as a loop for rows of 100 floats. */
export function copyRow(
  from: Float32Array,
  fromOffset: number,
  to: Float32Array,
  toOffset: number,
  width: number,
): void {
  to.set(from.subarray(fromOffset, fromOffset + width), toOffset);
}

/**
 * A float32 tensor of `shape` whose values `fill` writes. On the wasm backend `fill` writes
 * straight into the tensor's memory in the WebAssembly heap, which saves copying the
 * largest tensor of a step; `fill` must not create tensors (the heap could move).
 */
export function filledTensor<R extends tf.Rank>(
  shape: number[],
  fill: (values: Float32Array) => void,
): tf.Tensor<R> {
  if (tf.getBackend() === "wasm") {
    const backend = tf.backend() as BackendWasm;
    const info = backend.makeOutput(shape, "float32");
    fill(backend.typedArrayFromHeap(info) as Float32Array);
    return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor<R>;
  }
  const values = new Float32Array(shape.reduce((size, n) => size * n, 1));
  fill(values);
  return tf.tensor<tf.Rank>(values, shape) as tf.Tensor<R>;
}

/** `buffer` if it holds `length` floats, else a larger one (reused across steps). */
export function scratch(buffer: Float32Array, length: number): Float32Array {
  return buffer.length >= length ? buffer : new Float32Array(Math.max(length, buffer.length * 2));
}
