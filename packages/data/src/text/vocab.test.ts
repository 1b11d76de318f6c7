import { describe, expect, it } from "vitest";
import { DataError } from "../data-error.js";
import { Vocab, type VocabOptions } from "./vocab.js";

const drop: VocabOptions = { minCount: 1, maxVocab: null, unknownWords: "drop", unkToken: "<unk>" };

function build(counts: Record<string, number>, options: Partial<VocabOptions> = {}) {
  return Vocab.fromCounts(Object.keys(counts), Object.values(counts), { ...drop, ...options });
}

describe("Vocab.fromCounts", () => {
  it("orders ids by decreasing count, ties by word in code-unit order", () => {
    const { vocab, remap } = build({ b: 2, a: 2, c: 5, B: 2, z: 1 });
    expect(vocab.words).toEqual(["c", "B", "a", "b", "z"]);
    expect(Array.from(vocab.counts)).toEqual([5, 2, 2, 2, 1]);
    expect(Array.from(remap)).toEqual([3, 2, 0, 1, 4]);
    expect(vocab.totalCount).toBe(12);
    expect(vocab.id("a")).toBe(2);
    expect(vocab.id("missing")).toBe(-1);
    expect(vocab.unkId).toBe(-1);
  });

  it("drops words under minCount and past maxVocab (drop mode)", () => {
    const { vocab, remap } = build({ a: 9, b: 3, c: 1, d: 5 }, { minCount: 2, maxVocab: 2 });
    expect(vocab.words).toEqual(["a", "d"]);
    expect(Array.from(remap)).toEqual([0, -1, -1, 1]);
  });

  it("counts the unknown token inside maxVocab and gives it every dropped count (unk mode)", () => {
    const { vocab, remap } = build(
      { a: 9, b: 3, c: 1, d: 5 },
      { minCount: 2, maxVocab: 3, unknownWords: "unk", unkToken: "UNK" },
    );
    // a and d are the 2 most frequent; b (past maxVocab) and c (under minCount) become UNK.
    expect(vocab.words).toEqual(["a", "d", "UNK"]);
    expect(Array.from(vocab.counts)).toEqual([9, 5, 4]);
    expect(vocab.size).toBe(3);
    expect(vocab.unkId).toBe(2);
    expect(Array.from(remap)).toEqual([0, 2, 2, 1]);
  });

  it("merges the text's own unknown token with the mapped words and sorts it by its count", () => {
    const { vocab, remap } = build(
      { the: 10, "<unk>": 4, rare: 3 },
      { minCount: 5, unknownWords: "unk", unkToken: "<unk>" },
    );
    expect(vocab.words).toEqual(["the", "<unk>"]);
    expect(vocab.counts[1]).toBe(7);
    expect(Array.from(remap)).toEqual([0, 1, 1]);
  });

  it("keeps the text's own unknown token as an ordinary word in drop mode", () => {
    const { vocab } = build({ the: 10, "<unk>": 4, rare: 3 }, { minCount: 4 });
    expect(vocab.words).toEqual(["the", "<unk>"]);
    expect(vocab.unkId).toBe(-1);
  });
});

describe("Vocab TSV", () => {
  it("round-trips through toTsv/fromTsv with the same checksum", () => {
    const { vocab } = build({ x: 3, y: 7, "<unk>": 1 }, { unknownWords: "unk", minCount: 2 });
    const text = vocab.toTsv();
    expect(text).toBe("y\t7\nx\t3\n<unk>\t1\n");
    const back = Vocab.fromTsv(text, { unkToken: "<unk>" });
    expect(back.words).toEqual(vocab.words);
    expect(back.unkId).toBe(2);
    expect(back.checksum()).toBe(vocab.checksum());
    expect(vocab.checksum()).toMatch(/^[0-9a-f]{64}$/);
    expect(build({ x: 3, y: 8 }).vocab.checksum()).not.toBe(vocab.checksum());
  });

  it("names the line of a malformed file and refuses out-of-order ids", () => {
    expect(() => Vocab.fromTsv("a\t3\nb three\n", { file: "run/vocab.tsv" })).toThrow(
      /run\/vocab.tsv:2: expected "word<TAB>count"/,
    );
    expect(() => Vocab.fromTsv("a\t3\nb\t5\n")).toThrow(DataError);
    expect(() => Vocab.fromTsv("b\t3\na\t3\n")).toThrow(/out of order/);
    expect(() => Vocab.fromTsv("a\t3\na\t2\n")).toThrow(/appears twice/);
  });
});
