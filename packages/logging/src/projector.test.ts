import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeProjector } from "./projector.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "w2v-projector-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const words = ["the", "of", "king", "queen", "tab\tword"];
const counts = Float64Array.of(500, 300, 20, 19, 1);
const dim = 3;
/** Row r is [r + 0.1, -(r + 0.2), r * 1e-3]: non-zero, so its raw bytes are not valid UTF-8 text. */
const vectors = Float32Array.from({ length: words.length * dim }, (_, i) => {
  const row = Math.floor(i / dim);
  return [row + 0.1, -(row + 0.2), row * 1e-3][i % dim];
});

describe("writeProjector", () => {
  it("writes the config, a metadata TSV with header and the top-N rows as raw little-endian float32", async () => {
    const files = await writeProjector(dir, {
      words,
      counts,
      dim,
      topN: 4,
      embeddings: [{ name: "input", vectors }],
    });
    expect(files.rows).toBe(4);
    expect(await readFile(join(dir, "projector_config.pbtxt"), "utf8")).toBe(
      [
        "embeddings {",
        '  tensor_name: "input"',
        '  metadata_path: "metadata.tsv"',
        "  tensor_shape: 4",
        "  tensor_shape: 3",
        '  tensor_path: "input.f32"',
        "}",
        "",
      ].join("\n"),
    );
    expect(await readFile(join(dir, "metadata.tsv"), "utf8")).toBe(
      "word\tcount\nthe\t500\nof\t300\nking\t20\nqueen\t19\n",
    );
    const raw = await readFile(join(dir, "input.f32"));
    expect(raw.length).toBe(4 * dim * 4);
    const decoded = Array.from({ length: 4 * dim }, (_, i) => raw.readFloatLE(i * 4));
    expect(decoded).toEqual(Array.from(vectors.subarray(0, 4 * dim)));
    expect(files.tensors).toEqual([join(dir, "input.f32")]);
  });

  it("escapes tabs in words so each metadata row keeps two columns", async () => {
    await writeProjector(dir, { words, counts, dim, topN: 10, embeddings: [{ name: "input", vectors }] });
    const lines = (await readFile(join(dir, "metadata.tsv"), "utf8")).trimEnd().split("\n");
    expect(lines.length).toBe(1 + words.length);
    expect(lines.at(-1)).toBe("tab\\tword\t1");
  });

  it("writes several embeddings, and TSV instead of raw bytes that TensorBoard would misread as text", async () => {
    // All-zero vectors (word2vec's initial output vectors) are valid UTF-8: raw, they would break the projector.
    const zeros = new Float32Array(words.length * dim);
    await writeProjector(dir, {
      words,
      counts,
      dim,
      topN: 2,
      embeddings: [
        { name: "input", vectors },
        { name: "output", vectors: zeros },
      ],
    });
    const config = await readFile(join(dir, "projector_config.pbtxt"), "utf8");
    expect(config).toContain('tensor_name: "output"');
    expect(config).toContain('tensor_path: "output.tsv"');
    expect(await readFile(join(dir, "output.tsv"), "utf8")).toBe("0\t0\t0\n0\t0\t0\n");
    expect((await readdir(dir)).sort()).toEqual([
      "input.f32",
      "metadata.tsv",
      "output.tsv",
      "projector_config.pbtxt",
    ]);
  });

  it("prints float32 values exactly in TSV", async () => {
    const tiny = new Float32Array(words.length * dim);
    // Bytes 4c 4c 4c 3e ("LLL>"): with the zeros, the raw file would read as text, so it is TSV.
    new Uint32Array(tiny.buffer)[0] = 0x3e4c4c4c;
    await writeProjector(dir, { words, counts, dim, topN: 1, embeddings: [{ name: "v", vectors: tiny }] });
    const [first] = (await readFile(join(dir, "v.tsv"), "utf8")).split("\t");
    expect(Number(first)).toBe(tiny[0]);
  });

  it("rejects inconsistent input with a message naming the problem", async () => {
    const base = { words, counts, dim, topN: 2, embeddings: [{ name: "input", vectors }] };
    await expect(writeProjector(dir, { ...base, dim: 4 })).rejects.toThrow(
      'embedding "input" has 15 values, expected 5 words × 4',
    );
    await expect(writeProjector(dir, { ...base, counts: [1] })).rejects.toThrow("5 words but 1 counts");
    await expect(writeProjector(dir, { ...base, embeddings: [{ name: "../x", vectors }] })).rejects.toThrow(
      "not a safe file name",
    );
    await expect(writeProjector(dir, { ...base, topN: 0 })).rejects.toThrow(
      "topN must be a positive integer",
    );
    expect(await readdir(dir)).toEqual([]);
  });
});
