import { Rng } from "@w2v/data";
import { describe, expect, it } from "vitest";
import { blockProduct } from "./block-product.js";

function randomMatrix(rng: Rng, rows: number, dim: number): Float64Array {
  return Float64Array.from({ length: rows * dim }, () => rng.nextFloat() * 2 - 1);
}

describe("blockProduct", () => {
  it.each([
    [1, 1, 1],
    [4, 8, 5],
    [7, 13, 3],
    [9, 30, 17],
  ])(
    "equals the naive product for %i queries x %i rows x %i dims (every remainder path)",
    (queries, rows, dim) => {
      const rng = new Rng(queries * 100 + rows);
      const q = randomMatrix(rng, queries, dim);
      const m = randomMatrix(rng, rows, dim);
      const start = 1 % rows;
      const end = rows;
      const out = new Float64Array(queries * (end - start));
      blockProduct(q, queries, m, start, end, dim, out);
      for (let i = 0; i < queries; i++) {
        for (let j = start; j < end; j++) {
          let expected = 0;
          for (let k = 0; k < dim; k++) expected += q[i * dim + k] * m[j * dim + k];
          expect(out[i * (end - start) + (j - start)]).toBeCloseTo(expected, 12);
        }
      }
    },
  );
});
