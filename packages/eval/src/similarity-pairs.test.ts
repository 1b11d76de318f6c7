import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSimilarityPairs, readSimilarityPairs } from "./similarity-pairs.js";

const dataDir = process.env.W2V_DATA_DIR;
if (!dataDir)
  console.warn(
    "similarity-pairs.test: W2V_DATA_DIR unset, skipping the real WordSim-353 / SimLex-999 checks",
  );

describe("parseSimilarityPairs", () => {
  it("skips # comments and blank lines, reads tab-separated pairs", () => {
    expect(parseSimilarityPairs("# a\tb\tc\n\nOPEC\toil\t8.59\n")).toEqual([
      { word1: "OPEC", word2: "oil", score: 8.59 },
    ]);
  });

  it("names the file and line of a malformed pair", () => {
    expect(() => parseSimilarityPairs("# h\ncat dog 3\n", "ws.tsv")).toThrow(
      'ws.tsv:2: expected "word1<TAB>word2<TAB>score"',
    );
    expect(() => parseSimilarityPairs("cat\tdog\tlots\n", "ws.tsv")).toThrow("ws.tsv:1:");
    expect(() => parseSimilarityPairs("# only comments\n", "ws.tsv")).toThrow("ws.tsv: no word pairs found");
  });

  it.skipIf(!dataDir)("reads the shipped WordSim-353 and SimLex-999 files", () => {
    const wordsim = readSimilarityPairs(join(dataDir!, "eval", "wordsim353.tsv"));
    expect(wordsim).toHaveLength(353);
    expect(wordsim.filter((p) => p.word1 === "money" && p.word2 === "cash").map((p) => p.score)).toEqual([
      9.15, 9.08,
    ]);
    const simlex = readSimilarityPairs(join(dataDir!, "eval", "simlex999.txt"));
    expect(simlex).toHaveLength(999);
  });
});
