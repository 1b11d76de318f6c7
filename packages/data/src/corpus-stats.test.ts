import { describe, expect, it } from "vitest";
import { corpusOf, dataConfig } from "../test/fixtures.js";
import { corpusStats, formatCorpusStats } from "./corpus-stats.js";

describe("corpusStats", () => {
  it("counts tokens, sentences, coverage, expected kept tokens and one epoch's examples", () => {
    const corpus = corpusOf([[0, 1, 2, 0], [1, 0], [3]], [3, 2, 1, 1]);
    const data = dataConfig({ window: 1, windowRule: "fixed", subsampling: { rule: "none" } });
    const stats = corpusStats(corpus, data, 1);
    expect(stats).toMatchObject({ rawTokens: 7, tokens: 7, sentences: 3, vocabSize: 4, unk: null });
    expect(stats.coverage).toEqual([{ top: 4, fraction: 1 }]);
    expect(stats.subsampling.expectedKeptTokens).toBe(7);
    // Window 1: 2 * 4 - 2 pairs in the first sentence, 2 in the second, none in the third.
    expect(stats.epoch.skipgramPairs).toBe(8);
    expect(stats.epoch.cbowWindows).toBe(6);
    const text = formatCorpusStats(stats);
    expect(text).toMatch(/^tokens +7 read, 7 after the vocabulary rules$/m);
    expect(text).toMatch(/^vocabulary +4 words \(min count 5\)$/m);
    expect(text).toMatch(/^examples +8 skip-gram pairs, 6 CBOW windows per epoch/m);
  });
});
