import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readProjectorTsv, readVectorFile, writeVectorFile } from "@w2v/eval";
import { readRun } from "@w2v/logging";
import { writeCheckpoint } from "@w2v/trainer";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../main.js";
import { captureOutput } from "../sweep/console-capture.fixture.js";

const output = captureOutput();
const root = mkdtempSync(join(tmpdir(), "w2v-cli-eval-"));
const run = join(root, "experiments", "royal", "20240501-100000-000");
const evalDir = join(root, "eval-sets");

// Axes: person, female, royal; input vectors solve man : king :: woman : queen.
const words = ["man", "woman", "king", "queen", "apple"];
const input = Float32Array.from([1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0.2, 0.3, -1]);
// Output vectors point elsewhere: apple's is man's, so with them man's nearest is apple.
const output3 = Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0]);

beforeAll(async () => {
  mkdirSync(run, { recursive: true });
  mkdirSync(evalDir);
  writeFileSync(
    join(evalDir, "questions.txt"),
    ": royalty\nman king woman queen\n: gram1-x\nman king woman zebra\n",
  );
  writeFileSync(join(evalDir, "ws.tsv"), "man\twoman\t7\nking\tqueen\t8\nman\tapple\t1\nzebra\tman\t3\n");
  writeFileSync(join(evalDir, "sl.txt"), "# h\nking\tman\t5\nqueen\twoman\t6\n");
  writeFileSync(
    join(run, "config.yaml"),
    [
      "name: royal",
      "eval:",
      "  sets: [analogies, wordsim353, simlex999]",
      "  paths:",
      `    analogies: ${join(evalDir, "questions.txt")}`,
      `    wordsim353: ${join(evalDir, "ws.tsv")}`,
      `    simlex999: ${join(evalDir, "sl.txt")}`,
      "",
    ].join("\n"),
  );
  writeFileSync(join(run, "vocab.tsv"), words.map((word, i) => `${word}\t${100 - i}\n`).join(""));
  await writeVectorFile(join(run, "vectors.bin"), { words, vectors: input, dim: 3 }, "word2vec-bin");
  writeCheckpoint(
    run,
    {
      state: { step: 5, vocabChecksum: "", configHash: "", engine: {}, trainer: {} },
      params: { vocabSize: 5, dim: 3, input, output: output3, bias: null },
      optimizer: {},
    },
    1,
  );
});

describe("exp eval", () => {
  it("writes eval.json in the documented shape and prints the table", async () => {
    expect(await main(["eval", run])).toBe(0);
    const written = JSON.parse(readFileSync(join(run, "eval.json"), "utf8"));
    expect(written).toEqual({
      analogy: { total: 1, semantic: 1, syntactic: 0, coverage: 0.5 },
      wordsim353: { spearman: 1, oov: 0.25 },
      simlex999: { spearman: 1, oov: 0 },
    });
    expect(output.out).toMatch(/royalty\s+1\s+1\s+1\s+100\.0%/);
    expect(output.out).toContain("wordsim353");
    const scalars = (await readRun(run)).scalars;
    expect(scalars["eval/analogy_coverage"]?.map((point) => point.value)).toEqual([0.5]);
    expect(scalars["eval/wordsim353_oov"]?.map((point) => point.value)).toEqual([0.25]);
  });

  it("evaluates chosen sets of the summed vectors into eval-sum.json, as JSON on request", async () => {
    expect(await main(["eval", run, "--sets", "wordsim353", "--vectors", "sum", "--json"])).toBe(0);
    const written = JSON.parse(readFileSync(join(run, "eval-sum.json"), "utf8"));
    expect(Object.keys(written)).toEqual(["wordsim353"]);
    expect(JSON.parse(output.out)).toEqual(written);
  });

  it("rejects what is not a run directory and unknown sets (exit 2)", async () => {
    expect(await main(["eval", evalDir])).toBe(2);
    expect(output.err).toContain("is not a run directory");
    expect(await main(["eval", run, "--sets", "analogies,toefl"])).toBe(2);
  });
});

describe("exp similar and exp analogy", () => {
  it("lists the nearest words by cosine", async () => {
    expect(await main(["similar", run, "King", "-k", "2"])).toBe(0);
    const lines = output.out.trim().split("\n");
    expect(lines[0]).toBe('nearest to "King" (cosine, input vectors)');
    expect(lines.slice(1).map((line) => line.trim().split(/\s+/))).toEqual([
      ["1", "queen", "0.8165"],
      ["2", "man", "0.7071"],
    ]);
  });

  it("reads output vectors from the latest checkpoint", async () => {
    expect(await main(["similar", run, "man", "-k", "1", "--vectors", "output"])).toBe(0);
    expect(output.out).toMatch(/1\s+apple\s+1\.0000/);
  });

  it("answers a : b :: c : ? without a, b and c", async () => {
    expect(await main(["analogy", run, "man", "king", "woman", "-k", "3"])).toBe(0);
    const answers = output.out
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/)[1]);
    expect(answers).toEqual(["queen", "apple"]);
    expect(output.out).toContain("man : king :: woman : ?  (cosine with b - a + c)");
  });

  it("names an unknown word (exit 2)", async () => {
    expect(await main(["similar", run, "zebra"])).toBe(2);
    expect(output.err).toContain('"zebra" is not among the run\'s 5 words');
  });
});

describe("exp export", () => {
  it.each([
    ["word2vec", "vectors-input.txt"],
    ["word2vec-bin", "vectors-input.bin"],
    ["glove", "vectors-input.glove.txt"],
  ] as const)("%s into the run directory by default", async (format, name) => {
    expect(await main(["export", run, "--format", format])).toBe(0);
    const back = await readVectorFile(join(run, name), format);
    expect(back.words).toEqual(words);
    expect(back.vectors).toEqual(input);
  });

  it("tsv of the output vectors to a chosen file, with its metadata file", async () => {
    const file = join(root, "out.tsv");
    expect(await main(["export", run, "--format", "tsv", "--vectors", "output", "-o", file])).toBe(0);
    expect(output.out.trim().split("\n")).toEqual([file, join(root, "out-metadata.tsv")]);
    const back = await readProjectorTsv(file);
    expect(back.vectors).toEqual(output3);
  });

  it("refuses a directory as -o before writing anything beside it", async () => {
    const dir = join(root, "out-dir");
    mkdirSync(dir);
    expect(await main(["export", run, "--format", "word2vec", "-o", dir])).toBe(2);
    expect(output.err).toContain(`error: -o ${dir} is a directory: give a file name`);
    expect(readdirSync(root).filter((name) => name.startsWith("out-dir"))).toEqual(["out-dir"]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses to overwrite the run's own vectors.bin with another format or other vectors", async () => {
    const own = join(run, "vectors.bin");
    const before = readFileSync(own);
    expect(await main(["export", run, "--format", "word2vec", "-o", own])).toBe(2);
    expect(output.err).toContain(`error: -o ${own} is the run's own vectors.bin`);
    expect(await main(["export", run, "--format", "word2vec-bin", "--vectors", "output", "-o", own])).toBe(2);
    expect(readFileSync(own).equals(before)).toBe(true);
  });

  it("names the path the user gave when it cannot be written, not a temporary file", async () => {
    const file = join(root, "no-such-dir", "v.txt");
    expect(await main(["export", run, "--format", "word2vec", "-o", file])).toBe(1);
    expect(output.err).toContain(`error: cannot write ${file}: its directory does not exist`);
    expect(output.err).not.toContain(".tmp-");
  });

  it("needs --format", async () => {
    expect(await main(["export", run])).toBe(2);
    expect(existsSync(join(run, "vectors-input.tsv"))).toBe(false);
  });
});
