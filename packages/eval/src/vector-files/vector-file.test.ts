import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Rng } from "@w2v/data";
import { afterAll, describe, expect, it } from "vitest";
import { gensimLoadWord2VecFormat } from "../../test/gensim-load-word2vec-format.js";
import type { Embeddings } from "../embeddings.js";
import { readProjectorTsv } from "./projector-tsv.js";
import { detectVectorFormat, readVectorFile, scanVectorFile, writeVectorFile } from "./vector-file.js";
import { VectorFileError } from "./vector-file-error.js";
import type { VectorFormat } from "./vector-format.js";

const dir = mkdtempSync(join(tmpdir(), "w2v-eval-vectors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);

/** Bit patterns, so that -0, denormals and exact float32 values are compared exactly. */
const bits = (vectors: Float32Array) => [
  ...new Uint32Array(vectors.buffer, vectors.byteOffset, vectors.length),
];

function randomEmbeddings(seed: number, count: number, dim: number): Embeddings {
  const rng = new Rng(seed);
  const words = Array.from({ length: count }, (_, i) => `w${i}`);
  return { words, vectors: Float32Array.from({ length: count * dim }, () => rng.nextGaussian() * 0.3), dim };
}

// Awkward values: zero, negative zero, float32 extremes, a denormal, values that need all 9 digits.
const awkward: Embeddings = {
  words: ["the", "naïve", "日本", "x"],
  vectors: Float32Array.from([
    0,
    -0,
    3.4028234663852886e38,
    1.401298464324817e-45,
    0.1,
    -1 / 3,
    1e-7,
    123456.789,
    Math.PI,
    -2.5e-30,
    1,
    2,
  ]),
  dim: 3,
};
const formats: VectorFormat[] = ["word2vec", "word2vec-bin", "glove"];

describe("vector files round trip", () => {
  it.each(formats)("%s: words and float32 bits come back exactly", async (format) => {
    const path = file(`awkward.${format}`);
    await writeVectorFile(path, awkward, format);
    const back = await readVectorFile(path, format);
    expect(back.words).toEqual(awkward.words);
    expect(back.dim).toBe(3);
    expect(bits(back.vectors)).toEqual(bits(awkward.vectors));
    expect(await detectVectorFormat(path)).toBe(format);
    expect((await readVectorFile(path)).format).toBe(format);
  });

  it("tsv: the projector's vectors and metadata files come back exactly", async () => {
    const path = file("awkward.tsv");
    expect(await writeVectorFile(path, awkward, "tsv")).toEqual([path, file("awkward-metadata.tsv")]);
    expect(readFileSync(file("awkward-metadata.tsv"), "utf8")).toBe("the\nnaïve\n日本\nx\n");
    const back = await readProjectorTsv(path);
    expect(back.words).toEqual(awkward.words);
    expect(bits(back.vectors)).toEqual(bits(awkward.vectors));
  });

  it("streams files larger than one read chunk, plain and gzipped", async () => {
    const big = randomEmbeddings(5, 3000, 100); // 1.2 MB binary, 3 MB as text
    for (const format of formats) {
      const path = file(`big.${format}`);
      await writeVectorFile(path, big, format);
      const back = await readVectorFile(path);
      expect(back.format).toBe(format);
      expect(back.words).toEqual(big.words);
      expect(bits(back.vectors)).toEqual(bits(big.vectors));
      writeFileSync(`${path}.gz`, gzipSync(readFileSync(path)));
      expect(bits((await readVectorFile(`${path}.gz`, format)).vectors)).toEqual(bits(big.vectors));
    }
  });

  it("writes non-finite values as Python spells them and reads them back", async () => {
    const path = file("special.txt");
    await writeVectorFile(
      path,
      { words: ["a"], vectors: Float32Array.from([Number.NaN, Infinity, -Infinity]), dim: 3 },
      "word2vec",
    );
    expect(readFileSync(path, "utf8")).toBe("1 3\na nan inf -inf\n");
    expect([...(await readVectorFile(path)).vectors]).toEqual([Number.NaN, Infinity, -Infinity]);
  });
});

describe("the formats byte for byte", () => {
  const small: Embeddings = {
    words: ["hello", "world"],
    vectors: Float32Array.from([1, 0.5, -2, 0.25]),
    dim: 2,
  };

  it("word2vec text is gensim's: `V D` header, single spaces, shortest float32 decimals", async () => {
    await writeVectorFile(file("small.txt"), small, "word2vec");
    expect(readFileSync(file("small.txt"), "utf8")).toBe("2 2\nhello 1 0.5\nworld -2 0.25\n");
    await writeVectorFile(file("small.glove"), small, "glove");
    expect(readFileSync(file("small.glove"), "utf8")).toBe("hello 1 0.5\nworld -2 0.25\n");
  });

  it("word2vec binary is the C tool's: header, then word, space, little-endian float32, newline", async () => {
    await writeVectorFile(file("small.bin"), small, "word2vec-bin");
    const f32 = (value: number) => {
      const bytes = Buffer.alloc(4);
      bytes.writeFloatLE(value);
      return bytes;
    };
    expect(readFileSync(file("small.bin"))).toEqual(
      Buffer.concat([
        Buffer.from("2 2\nhello "),
        f32(1),
        f32(0.5),
        Buffer.from("\nworld "),
        f32(-2),
        f32(0.25),
        Buffer.from("\n"),
      ]),
    );
  });

  it("reads what the C tool writes in text mode (%lf with a trailing space) and gensim's binary without newlines", async () => {
    writeFileSync(file("c-text.txt"), "2 2\nhello 1.000000 0.500000 \nworld -2.000000 0.250000 \n");
    expect(await readVectorFile(file("c-text.txt"))).toMatchObject({
      words: ["hello", "world"],
      format: "word2vec",
    });
    const row = (word: string, values: number[]) =>
      Buffer.concat([Buffer.from(`${word} `), Buffer.from(Float32Array.from(values).buffer)]);
    writeFileSync(
      file("gensim.bin"),
      Buffer.concat([Buffer.from("2 2\n"), row("hello", [1, 0.5]), row("world", [-2, 0.25])]),
    );
    const back = await readVectorFile(file("gensim.bin"), "word2vec-bin");
    expect(back.words).toEqual(["hello", "world"]);
    expect([...back.vectors]).toEqual([1, 0.5, -2, 0.25]);
  });
});

describe("files written here load with gensim's load_word2vec_format parsing", () => {
  it.each([
    ["word2vec-bin", { binary: true, binaryChunkSize: 37 }],
    ["word2vec", { binary: false }],
    ["glove", { binary: false, noHeader: true }],
  ] as const)("%s", async (format, options) => {
    const embeddings = {
      ...randomEmbeddings(9, 50, 7),
      words: [...awkward.words, ...randomEmbeddings(9, 46, 7).words],
    };
    const path = file(`gensim.${format}`);
    await writeVectorFile(path, embeddings, format);
    const loaded = gensimLoadWord2VecFormat(path, options);
    expect(loaded.words).toEqual(embeddings.words);
    expect(bits(loaded.vectors)).toEqual(bits(embeddings.vectors));
  });
});

describe("malformed files give their line or byte", () => {
  async function readError(name: string, content: string | Buffer, format: VectorFormat | "auto" = "auto") {
    writeFileSync(file(name), content);
    const error = await readVectorFile(file(name), format).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VectorFileError);
    return (error as Error).message;
  }

  it("text formats", async () => {
    expect(await readError("h.txt", "two 2\na 1 2\n", "word2vec")).toBe(
      `${file("h.txt")}: line 1: expected the header "<vector count> <dimension>", found "two 2"`,
    );
    expect(await readError("short.txt", "3 2\na 1 2\nb 3 4\n")).toBe(
      `${file("short.txt")}: line 4: file ends after 2 of the 3 vectors the header declares`,
    );
    expect(await readError("long.txt", "1 2\na 1 2\nb 3 4\n")).toContain(
      "line 3: more vectors than the 1 the header declares",
    );
    expect(await readError("values.txt", "2 2\na 1 2\nb 3\n", "word2vec")).toContain(
      'line 3: "b" has 1 values, expected 2',
    );
    expect(await readError("number.txt", "2 2\na 1 2\nb 3 x4\n")).toContain(
      'line 3: value 2 of "b" is not a number: "x4"',
    );
    expect(await readError("glove-dims.txt", "a 1 2\nb 3 4 5\n")).toContain(
      'line 2: "b" has 3 values, expected 2',
    );
    expect(await readError("blank.txt", "a 1 2\n\nb 3 4\n")).toContain("line 2: blank line between vectors");
    expect(
      await readError("utf8.txt", Buffer.from([0x61, 0x20, 0x31, 0x0a, 0xff, 0x20, 0x32, 0x0a])),
    ).toContain("line 2: not valid UTF-8");
    expect(await readError("empty.txt", "")).toBe(`${file("empty.txt")}: no vectors in the file`);
  });

  it("binary format", async () => {
    const good = readFileSync(file("small.bin"));
    expect(await readError("trunc.bin", good.subarray(0, good.length - 3), "word2vec-bin")).toBe(
      `${file("trunc.bin")}: byte 25: vector 2 ("world") is truncated: 2 float32 need 8 bytes, 6 remain`,
    );
    expect(await readError("noword.bin", good.subarray(0, 22), "word2vec-bin")).toContain(
      "byte 19: file ends inside vector 2 of the 2 the header declares",
    );
    expect(
      await readError("extra.bin", Buffer.concat([good, Buffer.from("junk")]), "word2vec-bin"),
    ).toContain(`byte ${good.length}: data after the 2 vectors the header declares`);
    expect(await readError("header.bin", "2\n", "word2vec-bin")).toContain("line 1: expected the header");
  });

  it("a missing file", async () => {
    await expect(readVectorFile(file("absent.bin"))).rejects.toThrow(`${file("absent.bin")}: file not found`);
  });
});

describe("writers refuse what no reader could read back", () => {
  it.each([["two words"], [""], ["tab\there"], ["new\nline"]])("word %j", async (word) => {
    await expect(
      writeVectorFile(file("bad.txt"), { words: [word], vectors: new Float32Array(2), dim: 2 }, "word2vec"),
    ).rejects.toThrow(/word 0 .* is empty or contains whitespace/);
  });

  it("duplicate words and a matrix of the wrong size", async () => {
    await expect(
      writeVectorFile(file("dup.txt"), { words: ["a", "a"], vectors: new Float32Array(4), dim: 2 }, "glove"),
    ).rejects.toThrow('word 1 ("a") occurs twice');
    await expect(
      writeVectorFile(file("size.txt"), { words: ["a"], vectors: new Float32Array(3), dim: 2 }, "glove"),
    ).rejects.toThrow("1 words x 2 dims needs 2 floats, the matrix has 3");
  });
});

describe("scanVectorFile", () => {
  it("visits rows in order without building a matrix, and keeps the first of duplicate words when reading", async () => {
    writeFileSync(file("dups.txt"), "a 1 2\nb 3 4\na 5 6\n");
    const seen: string[] = [];
    const info = await scanVectorFile(file("dups.txt"), "auto", (word, vector, row) =>
      seen.push(`${row}:${word}:${vector.join(",")}`),
    );
    expect(info).toEqual({ format: "glove", count: 3, dim: 2 });
    expect(seen).toEqual(["0:a:1,2", "1:b:3,4", "2:a:5,6"]);
    const read = await readVectorFile(file("dups.txt"));
    expect(read).toMatchObject({ words: ["a", "b"], duplicates: 1 });
    expect([...read.vectors]).toEqual([1, 2, 3, 4]);
  });
});
