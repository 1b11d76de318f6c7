import { describe, expect, it } from "vitest";
import { corpusOf } from "../../test/fixtures.js";
import { CbowWindows, createCbowBatch } from "./cbow-windows.js";

describe("CbowWindows", () => {
  it("gives each centre its context words left to right, zero-padded, and skips lone words", () => {
    const corpus = corpusOf([[0, 1, 2], [3], [4, 5]]);
    const stream = new CbowWindows(corpus, { window: 2, windowRule: "fixed", keep: null, seed: 1 });
    const batch = createCbowBatch(8, 2);
    expect(stream.fill(batch)).toBe(5);
    const rows = Array.from({ length: 5 }, (_, i) => ({
      centre: batch.centers[i],
      contexts: Array.from(batch.contexts.subarray(i * 4, i * 4 + 4)),
      count: batch.contextCounts[i],
    }));
    expect(rows).toEqual([
      { centre: 0, contexts: [1, 2, 0, 0], count: 2 },
      { centre: 1, contexts: [0, 2, 0, 0], count: 2 },
      { centre: 2, contexts: [0, 1, 0, 0], count: 2 },
      { centre: 4, contexts: [5, 0, 0, 0], count: 1 },
      { centre: 5, contexts: [4, 0, 0, 0], count: 1 },
    ]);
    expect(() => stream.fill(createCbowBatch(8, 3))).toThrow(/width 6 does not match window 2/);
  });
});
