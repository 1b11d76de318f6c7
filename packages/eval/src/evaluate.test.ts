import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng } from "@w2v/data";
import { afterAll, describe, expect, it, vi } from "vitest";
import { formatEvalTable } from "./eval-table.js";
import { evaluateEmbeddings, evaluateEmbeddingsDetailed, resolveEvalPath } from "./evaluate.js";

const dataDir = mkdtempSync(join(tmpdir(), "w2v-eval-sets-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
mkdirSync(join(dataDir, "eval"));
writeFileSync(
  join(dataDir, "eval", "questions-words.txt"),
  ": capital-x\nman king woman queen\n: gram1-x\nman king woman zebra\n",
);
writeFileSync(
  join(dataDir, "eval", "wordsim353.tsv"),
  "# h\n# h\nman\twoman\t7\nking\tqueen\t8\nman\tapple\t1\nzebra\tman\t3\n",
);
writeFileSync(join(dataDir, "eval", "simlex999.txt"), "# h\nking\tman\t5\nqueen\twoman\t6\n");

// Axes: person, female, royal (see analogies.test.ts).
const embeddings = {
  words: ["man", "woman", "king", "queen", "apple"],
  vectors: Float32Array.from([1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0.2, 0.3, -1]),
  dim: 3,
};

describe("evaluateEmbeddings", () => {
  it("returns exactly the eval.json shape, fractions in [0, 1]", () => {
    const metrics = evaluateEmbeddings(embeddings, { dataDir });
    expect(metrics).toEqual({
      analogy: { total: 1, semantic: 1, syntactic: 0, coverage: 0.5 },
      // cosines: man-woman 0.707, king-queen 0.816, man-apple 0.188: the order of the scores 7, 8, 1.
      wordsim353: { spearman: 1, oov: 0.25 },
      // king-man 0.707 < queen-woman 0.816, scores 5 < 6.
      simlex999: { spearman: 1, oov: 0 },
    });
  });

  it("evaluates only the sets asked for, and reads files from the config paths", () => {
    const custom = join(dataDir, "my-pairs.tsv");
    writeFileSync(custom, "man\twoman\t1\nking\tqueen\t2\nman\tapple\t3\n");
    const metrics = evaluateEmbeddings(embeddings, {
      sets: ["wordsim353"],
      paths: { wordsim353: "my-pairs.tsv" },
      baseDir: dataDir,
    });
    expect(metrics).toEqual({ wordsim353: { spearman: -0.5, oov: 0 } });
  });

  it("prints a readable table", () => {
    const table = formatEvalTable(evaluateEmbeddingsDetailed(embeddings, { dataDir, method: "3cosmul" }));
    expect(table).toContain("Analogies (3cosmul, 5 most frequent words");
    expect(table).toMatch(/capital-x\s+1\s+1\s+1\s+100\.0%/);
    expect(table).toMatch(/total\s+2\s+1\s+1\s+100\.0%/);
    expect(table).toContain("coverage: 50.0% of the questions");
    expect(table).toMatch(/wordsim353\s+4\s+3\s+25\.0%\s+1\.0000/);
  });
});

describe("resolveEvalPath", () => {
  it("says how to provide a set that cannot be found", () => {
    vi.stubEnv("W2V_DATA_DIR", "");
    expect(() => resolveEvalPath("simlex999", { paths: {} })).toThrow(
      /set eval.paths.simlex999 in the config or W2V_DATA_DIR/,
    );
    expect(() =>
      resolveEvalPath("analogies", { paths: { analogies: "nope.txt" }, baseDir: "/base" }),
    ).toThrow("eval.paths.analogies: file not found: /base/nope.txt");
    expect(() => resolveEvalPath("wordsim353", { dataDir: "/nowhere" })).toThrow(
      "the wordsim353 set is not at /nowhere/eval/wordsim353.tsv",
    );
    vi.unstubAllEnvs();
  });
});

const realData = process.env.W2V_DATA_DIR;
if (!realData) console.warn("evaluate.test: W2V_DATA_DIR unset, skipping the evaluation over the real sets");

describe.skipIf(!realData)("on the real evaluation sets", () => {
  it("covers every question when the vocabulary holds all their words, and only those within restrictVocab", () => {
    const questions = readFileSync(join(realData!, "eval", "questions-words.txt"), "utf8")
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith(":"))
      .map((line) => line.toLowerCase().split(" "));
    const words = [...new Set(questions.flat())];
    const rng = new Rng(5);
    const vectors = Float32Array.from({ length: words.length * 20 }, () => rng.nextGaussian());
    const details = evaluateEmbeddingsDetailed({ words, vectors, dim: 20 }, { sets: ["analogies"] });
    expect(details.analogy?.total).toMatchObject({ questions: 19544, covered: 19544, coverage: 1 });
    expect(details.analogy?.semantic.questions).toBe(8869);
    // Random vectors: hardly any analogy is right.
    expect(details.analogy!.total.accuracy).toBeLessThan(0.01);
    const first100 = new Set(words.slice(0, 100));
    const inFirst100 = questions.filter((question) => question.every((word) => first100.has(word))).length;
    const restricted = evaluateEmbeddingsDetailed(
      { words, vectors, dim: 20 },
      { sets: ["analogies"], restrictVocab: 100 },
    );
    expect(restricted.analogy!.total.covered).toBe(inFirst100);
    expect(inFirst100).toBeGreaterThan(0);
  });
});
