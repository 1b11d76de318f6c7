// @w2v/model: the README's nceLoss example (cpu backend, tfjs's default in Node), which must learn.
import * as tf from "@tensorflow/tfjs";
import { Rng } from "@w2v/data";
import { nceLoss } from "@w2v/model";

await tf.setBackend("cpu");
const vocabSize = 50;
const dim = 8;
const weights = tf.variable(tf.truncatedNormal([vocabSize, dim], 0, 1 / Math.sqrt(dim)));
const biases = tf.variable(tf.zeros([vocabSize]));
const embeddings = tf.variable(tf.randomUniform([vocabSize, dim], -1, 1, "float32", 1));
const rng = new Rng(1);
const optimizer = tf.train.sgd(1.0);
const centers = tf.tensor1d([1, 2, 3, 4], "int32");
const labels = tf.tensor2d([[2], [3], [4], [5]], [4, 1], "int32");
const losses = [];
for (let step = 0; step < 30; step++) {
  const loss = optimizer.minimize(() => {
    const inputs = tf.gather(embeddings, centers);
    return tf.mean(nceLoss({ weights, biases, labels, inputs, numSampled: 5, numClasses: vocabSize, rng }));
  }, true);
  losses.push(loss.dataSync()[0]);
}
const [first, last] = [losses[0], losses.at(-1)];
if (!(last < first)) throw new Error(`nceLoss did not fall: ${first} -> ${last}`);
console.log(`-> model: nceLoss on ${tf.getBackend()} fell from ${first.toFixed(3)} to ${last.toFixed(3)}`);
