import { describe, expect, it } from "vitest";
import { averageRanks, pearson, spearman } from "./spearman.js";

describe("averageRanks", () => {
  it("gives tied values the mean of the ranks they span", () => {
    expect([...averageRanks([10, 20, 20, 20, 30])]).toEqual([1, 3, 3, 3, 5]);
    expect([...averageRanks([0.5, 0.1, 0.5])]).toEqual([2.5, 1, 2.5]);
  });
});

describe("spearman", () => {
  it("matches hand-computed rho with ties on both sides", () => {
    // ranks x = [1, 2.5, 2.5, 4], y = [1, 4, 2.5, 2.5]; deviations from 2.5:
    // dx = [-1.5, 0, 0, 1.5], dy = [-1.5, 1.5, 0, 0]: sum dx*dy = 2.25, sum dx^2 = sum dy^2 = 4.5.
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 2])).toBeCloseTo(0.5, 12);
    // ranks x = [1, 3, 3, 3, 5], y = [3, 1, 2, 5, 4]: sum dx*dy = 2, sum dx^2 = 8, sum dy^2 = 10.
    expect(spearman([10, 20, 20, 20, 30], [3, 1, 2, 5, 4])).toBeCloseTo(2 / Math.sqrt(80), 12);
  });

  it("is 1 / -1 for monotone relations and undefined for constants or fewer than 2 values", () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBe(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(spearman([1], [1])).toBeNaN();
  });

  it("is Pearson's r on the ranks", () => {
    expect(pearson([1, 2, 3], [2, 4, 7])).toBeCloseTo(0.9933992677987828, 12);
    expect(() => pearson([1, 2], [1])).toThrow(/2 values against 1/);
  });
});
