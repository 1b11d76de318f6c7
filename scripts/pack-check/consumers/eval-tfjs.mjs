// @w2v/eval's Embedding helper once the consumer has added @tensorflow/tfjs.
import * as tf from "@tensorflow/tfjs";
import { pretrainedEmbeddingLayer } from "@w2v/eval";

const layer = pretrainedEmbeddingLayer(tf, { vectors: Float32Array.from([0, 0, 1, 2, 3, 4]), dim: 2 });
const rows = layer.apply(tf.tensor2d([[2, 1]], [1, 2], "int32")).arraySync();
if (JSON.stringify(rows) !== "[[[3,4],[1,2]]]") throw new Error(`looked up ${JSON.stringify(rows)}`);
console.log(`-> eval + tfjs: the pretrained Embedding layer looks up ${JSON.stringify(rows)}`);
