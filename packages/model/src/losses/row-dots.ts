/**
 * Per-row dot products `out[b, j] = weights[b, j, :] . inputs[b, :]`, with their gradients
 * written out. Autodiff of `sum(weights * inputs, 2)` would build a tensor of ones as large
 * as `weights` for the sum's backward pass; the batched matMuls below are the fastest
 * forms on the wasm backend (the outer product is faster as a broadcast multiply).
 */
import * as tf from "@tensorflow/tfjs";

function dots(weights: tf.Tensor, inputs: tf.Tensor): tf.Tensor2D {
  const [batch, columns] = weights.shape;
  return tf.reshape(tf.matMul(weights, tf.expandDims(inputs, 2)), [batch, columns]);
}

/** d/d inputs: sum_j dy[b, j] * weights[b, j, :] */
function inputsGradient(dy: tf.Tensor, weights: tf.Tensor): tf.Tensor2D {
  const [batch, , dim] = weights.shape;
  return tf.reshape(tf.matMul(tf.expandDims(dy, 1), weights), [batch, dim]);
}

/** tfjs types a custom gradient's arguments loosely (tensors or the save function). */
type CustomGradArgs = (tf.Tensor | tf.GradSaveFunc)[];

const rowDotsWithGrad = tf.customGrad((...args: CustomGradArgs) => {
  const [weights, inputs, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([weights, inputs]);
  return {
    value: dots(weights, inputs),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [w, x] = saved;
      return [tf.mul(tf.expandDims(dy, 2), tf.expandDims(x, 1)), inputsGradient(dy, w)];
    },
  };
});

/** weights [batch, columns, dim], inputs [batch, dim] -> [batch, columns], differentiable in both */
export function rowDots(weights: tf.Tensor3D, inputs: tf.Tensor2D): tf.Tensor2D {
  return rowDotsWithGrad(weights, inputs) as tf.Tensor2D;
}

/**
 * Per-row dot products with constant `weights`, plus an `offset` on the logits: a function
 * differentiable in the inputs and in the offset (whose gradient is the logits' gradient).
 * The weights are captured, not saved for the backward pass, which on the wasm backend
 * would copy them.
 */
export function fixedRowDots(
  weights: tf.Tensor3D,
): (inputs: tf.Tensor2D, offset: tf.Tensor2D) => tf.Tensor2D {
  const withGrad = tf.customGrad((...args: CustomGradArgs) => {
    const [inputs, offset] = args as [tf.Tensor, tf.Tensor];
    return {
      value: tf.add(dots(weights, inputs), offset),
      gradFunc: (dy: tf.Tensor) => [inputsGradient(dy, weights), dy],
    };
  });
  return (inputs, offset) => withGrad(inputs, offset) as tf.Tensor2D;
}
