import * as tf from "@tensorflow/tfjs";
import { pretrainedEmbeddingLayer } from "@w2v/eval";

const layer = pretrainedEmbeddingLayer(tf, { vectors: new Float32Array(6), dim: 2 }, { trainable: true });
export const model: tf.Sequential = tf.sequential({ layers: [layer, tf.layers.flatten()] });
export const weights: tf.LayerVariable[] = layer.trainableWeights;
