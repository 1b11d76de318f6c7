import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { pretrainedEmbeddingLayer } from "./embedding-layer.js";

describe("pretrainedEmbeddingLayer", () => {
  const vectors = Float32Array.from([0, 0, 1, 2, 3, 4]);

  it("looks ids up in the pretrained rows, frozen by default", () => {
    const layer = pretrainedEmbeddingLayer(tf, { vectors, dim: 2 });
    const output = layer.apply(tf.tensor2d([[2, 1]], [1, 2], "int32")) as tf.Tensor;
    expect(output.shape).toEqual([1, 2, 2]);
    expect([...output.dataSync()]).toEqual([3, 4, 1, 2]);
    expect(layer.trainable).toBe(false);
    expect(layer.trainableWeights).toHaveLength(0);
  });

  it("trains the rows when asked, inside a model", async () => {
    const model = tf.sequential({
      layers: [
        pretrainedEmbeddingLayer(tf, { vectors, dim: 2 }, { trainable: true, inputLength: 1 }),
        tf.layers.flatten(),
      ],
    });
    model.compile({ optimizer: tf.train.sgd(0.5), loss: "meanSquaredError" });
    expect(model.layers[0].trainableWeights).toHaveLength(1);
    const before = model.layers[0].getWeights()[0].arraySync() as number[][];
    expect(before).toEqual([
      [0, 0],
      [1, 2],
      [3, 4],
    ]);
    await model.trainOnBatch(tf.tensor2d([[1]], [1, 1], "int32"), tf.tensor2d([[0, 0]]));
    const after = model.layers[0].getWeights()[0].arraySync() as number[][];
    expect(after[1][0]).toBeLessThan(1);
    expect(after[2]).toEqual([3, 4]);
  });

  it("rejects a matrix that does not split into rows", () => {
    expect(() => pretrainedEmbeddingLayer(tf, { vectors: new Float32Array(5), dim: 2 })).toThrow(
      "5 floats do not make rows of 2",
    );
  });
});
