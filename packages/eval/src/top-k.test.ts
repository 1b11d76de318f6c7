import { Rng } from "@w2v/data";
import { describe, expect, it } from "vitest";
import { TopK } from "./top-k.js";

describe("TopK", () => {
  it("keeps the k best of a random stream, best first", () => {
    const rng = new Rng(7);
    const scores = Array.from({ length: 1000 }, () => rng.nextFloat());
    const heap = new TopK(10);
    scores.forEach((score, id) => {
      heap.offer(id, score);
    });
    const expected = scores
      .map((score, id) => ({ id, score }))
      .sort((x, y) => y.score - x.score)
      .slice(0, 10);
    expect(heap.sorted()).toEqual(expected);
  });

  it("holds fewer than k when fewer were offered, and prefers the earlier id on ties", () => {
    const heap = new TopK(3);
    expect(heap.threshold).toBe(Number.NEGATIVE_INFINITY);
    heap.offer(5, 0.5);
    heap.offer(2, 0.5);
    expect(heap.sorted()).toEqual([
      { id: 2, score: 0.5 },
      { id: 5, score: 0.5 },
    ]);
    heap.offer(9, 0.1);
    expect(heap.threshold).toBe(0.1);
    heap.offer(11, 0.1); // equal to the k-th best: does not displace the earlier id
    expect(heap.sorted().map((item) => item.id)).toEqual([2, 5, 9]);
  });

  it("rejects k < 1", () => {
    expect(() => new TopK(0)).toThrow(/positive integer/);
  });
});
