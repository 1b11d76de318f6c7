import { describe, expect, it } from "vitest";
import { corpusOf } from "../../test/fixtures.js";
import { AliasTable } from "./alias-sampler.js";
import { createPaddedBatch, PaddedBatches } from "./padded-batches.js";

describe("PaddedBatches (d2l)", () => {
  const sentences = [Array.from({ length: 40 }, (_, i) => i % 12), [3, 4]];
  const corpus = corpusOf(sentences);
  const noise = AliasTable.fromWeights(Array.from({ length: 12 }, (_, id) => 12 - id));
  const stream = () =>
    new PaddedBatches(corpus, { window: 2, windowRule: "uniform", keep: null, seed: 2, negatives: 3, noise });

  it("lays out contexts, then K noise words per context, with masks and labels, padded with zeros", () => {
    const batch = createPaddedBatch(64, 2, 3);
    expect(batch.width).toBe(16);
    const rows = stream().fill(batch);
    expect(rows).toBe(42);
    let longest = 0;
    for (let r = 0; r < rows; r++) {
      const base = r * batch.width;
      const length = batch.rowLengths[r];
      const labels = Array.from(batch.labels.subarray(base, base + batch.width));
      const contextCount = labels.filter((l) => l === 1).length;
      expect(length).toBe(contextCount * 4);
      expect(labels).toEqual([
        ...new Array(contextCount).fill(1),
        ...new Array(batch.width - contextCount).fill(0),
      ]);
      expect(Array.from(batch.masks.subarray(base, base + batch.width))).toEqual([
        ...new Array(length).fill(1),
        ...new Array(batch.width - length).fill(0),
      ]);
      const contexts = Array.from(batch.contextsNegatives.subarray(base, base + contextCount));
      const negatives = Array.from(batch.contextsNegatives.subarray(base + contextCount, base + length));
      // d2l draws noise words that are none of the centre's context words.
      for (const id of negatives) expect(contexts).not.toContain(id);
      expect(
        Array.from(batch.contextsNegatives.subarray(base + length, base + batch.width)).every((v) => v === 0),
      ).toBe(true);
      longest = Math.max(longest, length);
    }
    expect(batch.maxRowLength).toBe(longest);
    // The last sentence [3, 4]: one context each.
    expect(Array.from(batch.centers.subarray(40, 42))).toEqual([3, 4]);
    expect(batch.contextsNegatives[40 * batch.width]).toBe(4);
    expect(batch.rowLengths[40]).toBe(4);
  });

  it("needs the noise generator's state to restore", () => {
    const padded = stream();
    expect(() => padded.restore({ ...padded.position(), noiseRng: null })).toThrow(/noiseRng/);
  });
});
