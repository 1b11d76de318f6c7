import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng } from "@w2v/data";
import { afterAll, describe, expect, it } from "vitest";
import { loadPretrained } from "./pretrained.js";
import { writeVectorFile } from "./vector-files/vector-file.js";

const dir = mkdtempSync(join(tmpdir(), "w2v-eval-pretrained-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A GloVe-style file: "Paris" only in capitals, "the" twice (the first vector wins).
const glove = join(dir, "glove.txt");
writeFileSync(glove, "the 1 2\ncat 3 4\nParis 5 6\nthe 9 9\ndog 7 8\n");
const words = ["the", "dog", "paris", "unicorn", "cat"];

describe("loadPretrained", () => {
  it("aligns the file's vectors with the vocabulary and reports coverage", async () => {
    const result = await loadPretrained(glove, { words, dim: 2, missing: "zeros" });
    expect([...result.vectors]).toEqual([1, 2, 7, 8, 5, 6, 0, 0, 3, 4]);
    expect([...result.foundMask]).toEqual([1, 1, 1, 0, 1]);
    expect(result).toMatchObject({ found: 4, coverage: 0.8, format: "glove", fileWords: 5 });
  });

  it("prefers an exact spelling to a case variant wherever it appears in the file", async () => {
    const file = join(dir, "cased.txt");
    writeFileSync(file, "Apple 1 1\napple 2 2\n");
    const result = await loadPretrained(file, { words: ["apple", "APPLE"], dim: 2, missing: "zeros" });
    expect([...result.vectors]).toEqual([2, 2, 1, 1]);
    const strict = await loadPretrained(file, {
      words: ["APPLE"],
      dim: 2,
      missing: "zeros",
      caseInsensitive: false,
    });
    expect(strict.found).toBe(0);
  });

  it("seeds missing rows from the rng with the spread of the found vectors, reproducibly", async () => {
    const rng = new Rng(42);
    const file = join(dir, "many.bin");
    const dim = 50;
    const fileWords = Array.from({ length: 200 }, (_, i) => `w${i}`);
    await writeVectorFile(
      file,
      {
        words: fileWords,
        vectors: Float32Array.from({ length: 200 * dim }, () => 3 + 2 * rng.nextGaussian()),
        dim,
      },
      "word2vec-bin",
    );
    const vocabulary = [...fileWords.slice(0, 100), ...Array.from({ length: 100 }, (_, i) => `new${i}`)];
    const first = await loadPretrained(file, { words: vocabulary, dim, rng: Rng.derive(1, "pretrained") });
    const again = await loadPretrained(file, { words: vocabulary, dim, rng: Rng.derive(1, "pretrained") });
    const other = await loadPretrained(file, { words: vocabulary, dim, rng: Rng.derive(2, "pretrained") });
    expect(first).toMatchObject({ found: 100, coverage: 0.5, format: "word2vec-bin" });
    expect(first.vectors).toEqual(again.vectors);
    expect(first.vectors.subarray(100 * dim)).not.toEqual(other.vectors.subarray(100 * dim));
    expect(first.vectors.subarray(0, 100 * dim)).toEqual(other.vectors.subarray(0, 100 * dim));
    const missingValues = [...first.vectors.subarray(100 * dim)];
    const mean = missingValues.reduce((s, v) => s + v, 0) / missingValues.length;
    const std = Math.sqrt(missingValues.reduce((s, v) => s + (v - mean) ** 2, 0) / missingValues.length);
    expect(mean).toBeCloseTo(3, 0);
    expect(std).toBeGreaterThan(1.8);
    expect(std).toBeLessThan(2.2);
  });

  it("falls back to word2vec's small uniform init when nothing is found", async () => {
    const result = await loadPretrained(glove, { words: ["zebra"], dim: 2, rng: new Rng(1) });
    expect(result.found).toBe(0);
    for (const value of result.vectors) expect(Math.abs(value)).toBeLessThanOrEqual(0.25);
    expect([...result.vectors].some((value) => value !== 0)).toBe(true);
  });

  it("refuses a file of another dimension, and random filling without an rng", async () => {
    await expect(loadPretrained(glove, { words, dim: 3, missing: "zeros" })).rejects.toThrow(
      `${glove}: the vectors have 2 dimensions, the model has 3`,
    );
    await expect(loadPretrained(glove, { words, dim: 2 })).rejects.toThrow('missing: "random" needs an rng');
  });

  it("refuses NaN or Inf, naming the file, the word and the line or byte", async () => {
    const text = join(dir, "nan.txt");
    writeFileSync(text, "the 1 2\ncat 3 4\ndog nan 8\n");
    await expect(loadPretrained(text, { words, dim: 2, missing: "zeros" })).rejects.toThrow(
      `${text}: line 3: "dog" has NaN at component 1: vectors must be finite`,
    );
    const binary = join(dir, "inf.bin");
    const f32 = (values: number[]) => Buffer.from(Float32Array.from(values).buffer);
    writeFileSync(
      binary,
      Buffer.concat([
        Buffer.from("2 2\nthe "),
        f32([1, 2]),
        Buffer.from("\ncat "),
        f32([3, -Infinity]),
        Buffer.from("\n"),
      ]),
    );
    // Header 4 bytes, "the " 4, values 8, newline 1, "cat " 4: cat's values start at byte 21.
    await expect(loadPretrained(binary, { words, dim: 2, missing: "zeros" })).rejects.toThrow(
      `${binary}: byte 25: "cat" has -Infinity at component 2: vectors must be finite`,
    );
  });
});
