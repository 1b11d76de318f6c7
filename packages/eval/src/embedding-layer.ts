export interface EmbeddingLayerOptions {
  /** Let training update the vectors (default false: frozen). */
  trainable?: boolean;
  name?: string;
  /** Treat id 0 as padding (Keras' mask_zero). */
  maskZero?: boolean;
  /** Ids per example, when fixed (needed by a following Flatten or Dense layer). */
  inputLength?: number;
}

/**
 * The parts of a tfjs module this helper calls; `import * as tf from "@tensorflow/tfjs"` fits.
 * Spelled out here so the published types do not need tfjs (an optional peer dependency).
 */
export interface TfjsEmbeddingApi<Layer, Tensor> {
  layers: {
    embedding(args: {
      inputDim: number;
      outputDim: number;
      weights: Tensor[];
      trainable: boolean;
      maskZero?: boolean;
      inputLength?: number;
      name?: string;
    }): Layer;
  };
  tensor2d(values: Float32Array, shape: [number, number]): Tensor;
}

/**
 * A tfjs `Embedding` layer initialised with a pretrained matrix (rows = word ids). The caller
 * passes its own `tf` module so the layer belongs to the same tfjs instance as the model it
 * joins (and this package never loads tfjs for users who only evaluate).
 */
export function pretrainedEmbeddingLayer<Layer, Tensor>(
  tf: TfjsEmbeddingApi<Layer, Tensor>,
  pretrained: { vectors: Float32Array; dim: number },
  options: EmbeddingLayerOptions = {},
): Layer {
  const { vectors, dim } = pretrained;
  if (!Number.isInteger(dim) || dim < 1 || vectors.length % dim !== 0) {
    throw new Error(`pretrainedEmbeddingLayer: ${vectors.length} floats do not make rows of ${dim}`);
  }
  const vocabSize = vectors.length / dim;
  return tf.layers.embedding({
    inputDim: vocabSize,
    outputDim: dim,
    weights: [tf.tensor2d(vectors, [vocabSize, dim])],
    trainable: options.trainable ?? false,
    maskZero: options.maskZero,
    inputLength: options.inputLength,
    name: options.name,
  });
}
