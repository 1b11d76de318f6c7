import { Rng } from "@w2v/data";
import { describe, expect, it } from "vitest";
import { mostSimilar, mostSimilarMany, nearestToVectors } from "./neighbours.js";
import { UnknownWordError, VectorIndex } from "./vector-index.js";

// Hand-made 2-d vectors: cosines with "east" are 0.9/sqrt(0.82), 0.6, 0 (north and the zero vector) and -1.
const words = ["east", "east-ish", "north", "west", "diagonal", "zero", "East"];
const vectors = Float32Array.from([1, 0, 0.9, 0.1, 0, 3, -2, 0, 0.6, 0.8, 0, 0, 5, 0]);
const index = new VectorIndex({ words, vectors, dim: 2 });

describe("mostSimilar", () => {
  it("ranks by cosine, leaves the word and its case variants out, and breaks ties by frequency", () => {
    const neighbours = mostSimilar(index, "east", 4);
    expect(neighbours.map((n) => n.word)).toEqual(["east-ish", "diagonal", "north", "zero"]);
    expect(neighbours[0].similarity).toBeCloseTo(0.9 / Math.sqrt(0.82), 6);
    expect(neighbours[1].similarity).toBeCloseTo(0.6, 6);
    expect(neighbours[2].similarity).toBe(0);
    expect(mostSimilar(index, "east", 10).at(-1)).toMatchObject({ word: "west", similarity: -1 });
  });

  it("finds words case-insensitively and names unknown ones", () => {
    expect(mostSimilar(index, "NORTH", 1)[0].word).toBe("diagonal");
    expect(() => mostSimilar(index, "south")).toThrow(UnknownWordError);
    expect(() => mostSimilar(index, "south")).toThrow('"south" is not in the vocabulary');
  });

  it("answers many words at once like one at a time", () => {
    expect(mostSimilarMany(index, ["west", "north"], 2)).toEqual([
      mostSimilar(index, "west", 2),
      mostSimilar(index, "north", 2),
    ]);
  });
});

describe("nearestToVectors", () => {
  it("matches brute force across many blocks of a larger vocabulary", () => {
    const rng = new Rng(3);
    const rows = 1500;
    const dim = 6;
    const big = Float32Array.from({ length: rows * dim }, () => rng.nextGaussian());
    const bigIndex = new VectorIndex({
      words: Array.from({ length: rows }, (_, i) => `w${i}`),
      vectors: big,
      dim,
    });
    const queries = Float32Array.from({ length: 3 * dim }, () => rng.nextGaussian());
    const found = nearestToVectors(bigIndex, queries, 3, 5, (q) => (q === 0 ? [1499] : []));
    for (let q = 0; q < 3; q++) {
      const query = queries.subarray(q * dim, (q + 1) * dim);
      const cosines = Array.from({ length: rows }, (_, id) => {
        const row = big.subarray(id * dim, (id + 1) * dim);
        let dot = 0;
        for (let k = 0; k < dim; k++) dot += row[k] * query[k];
        return { id, cosine: dot / Math.hypot(...row) / Math.hypot(...query) };
      });
      const expected = cosines
        .filter(({ id }) => !(q === 0 && id === 1499))
        .sort((x, y) => y.cosine - x.cosine)
        .slice(0, 5);
      expect(found[q].map((n) => n.id)).toEqual(expected.map((e) => e.id));
      found[q].forEach((n, i) => {
        expect(n.similarity).toBeCloseTo(expected[i].cosine, 5);
      });
    }
  });
});
