// @w2v/eval without tfjs: nearest neighbours over a tiny embedding.
import { mostSimilar, VectorIndex } from "@w2v/eval";

const index = new VectorIndex({
  words: ["king", "queen", "apple"],
  vectors: Float32Array.from([1, 0.1, 0.9, 0.2, -1, 1]),
  dim: 2,
});
const [nearest] = mostSimilar(index, "king", 1);
if (nearest.word !== "queen") throw new Error(`nearest to king: ${nearest.word}`);
console.log(`-> eval: nearest to king is ${nearest.word} (${nearest.similarity.toFixed(3)})`);
