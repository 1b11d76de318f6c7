import { describe, expect, it } from "vitest";
import { parseSimilarityPairs } from "./similarity-pairs.js";
import { VectorIndex } from "./vector-index.js";
import { evaluateWordSimilarity } from "./word-similarity.js";

/** Unit vector at `degrees` in the plane: cosines between words are cosines of angle differences. */
const at = (degrees: number) => [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180)];

describe("evaluateWordSimilarity", () => {
  const index = new VectorIndex({
    words: ["cat", "dog", "car", "tiger"],
    vectors: Float32Array.from([0, 30, 90, 10].flatMap(at)),
    dim: 2,
  });

  it("correlates cosine with human scores over covered pairs, case-insensitively, and reports the OOV ratio", () => {
    const pairs = parseSimilarityPairs(
      [
        "# word1\tword2\tscore",
        "CAT\ttiger\t9", // cosine cos(10) = 0.985
        "cat\tdog\t7", // cos(30) = 0.866
        "dog\tcar\t2", // cos(60) = 0.5
        "cat\tcar\t2", // cos(90) = 0
        "cat\tunicorn\t5", // out of vocabulary
      ].join("\n"),
    );
    const result = evaluateWordSimilarity(index, pairs);
    // human ranks [4, 3, 1.5, 1.5], model ranks [4, 3, 2, 1]: dx = [1.5, .5, -1, -1],
    // dy = [1.5, .5, -.5, -1.5]: sum dx*dy = 4.5, sum dx^2 = 4.5, sum dy^2 = 5 -> 4.5 / sqrt(22.5).
    expect(result.spearman).toBeCloseTo(4.5 / Math.sqrt(22.5), 10);
    expect(result).toMatchObject({ pairs: 5, covered: 4, oov: 0.2 });
  });

  it("reports null correlations when fewer than two pairs are covered", () => {
    const result = evaluateWordSimilarity(index, parseSimilarityPairs("cat\tdog\t1\nx\ty\t2"));
    expect(result).toEqual({ spearman: null, pearson: null, oov: 0.5, pairs: 2, covered: 1 });
  });
});
