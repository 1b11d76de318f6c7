import { readFileSync } from "node:fs";

export interface SimilarityPair {
  word1: string;
  word2: string;
  /** The human judgement. */
  score: number;
}

/**
 * Parse a word-similarity file (WordSim-353, SimLex-999 as shipped here): `#` comment
 * lines, then `word1<TAB>word2<TAB>score` lines.
 */
export function parseSimilarityPairs(text: string, file = "<pairs>"): SimilarityPair[] {
  const pairs: SimilarityPair[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const fields = line.split("\t").map((field) => field.trim());
    const score = Number(fields[2]);
    if (
      fields.length !== 3 ||
      fields[0] === "" ||
      fields[1] === "" ||
      fields[2] === "" ||
      !Number.isFinite(score)
    ) {
      throw new Error(`${file}:${index + 1}: expected "word1<TAB>word2<TAB>score", found "${line}"`);
    }
    pairs.push({ word1: fields[0], word2: fields[1], score });
  });
  if (pairs.length === 0) throw new Error(`${file}: no word pairs found`);
  return pairs;
}

export function readSimilarityPairs(path: string): SimilarityPair[] {
  return parseSimilarityPairs(readFileSync(path, "utf8"), path);
}
