import { readFile } from "node:fs/promises";
import { writeStreamAtomic } from "@w2v/data";
import type { Embeddings } from "../embeddings.js";
import { parseFloatToken } from "./float-text.js";
import { writeTextRows } from "./text-vectors.js";
import { VectorFileError } from "./vector-file-error.js";
import { checkWritableWords } from "./vector-format.js";

/** Where the words go beside `vectors.tsv`: `<name>-metadata.tsv`. */
export function tsvMetadataPath(vectorsPath: string): string {
  return `${vectorsPath.replace(/\.tsv$/, "")}-metadata.tsv`;
}

/**
 * The TensorBoard Embedding Projector's pair of files: tab-separated values, one vector per
 * line, no header; and the words one per line (a one-column metadata file has no header).
 */
export async function writeProjectorTsv(
  vectorsPath: string,
  embeddings: Embeddings,
  metadataPath = tsvMetadataPath(vectorsPath),
): Promise<{ vectorsPath: string; metadataPath: string }> {
  checkWritableWords(embeddings);
  await writeTextRows(vectorsPath, embeddings, { header: false, separator: "\t", withWords: false });
  await writeStreamAtomic(metadataPath, async (write) => {
    for (const word of embeddings.words) await write(`${word}\n`);
  });
  return { vectorsPath, metadataPath };
}

function lines(text: string): string[] {
  const all = text.split("\n");
  if (all.at(-1) === "") all.pop();
  return all;
}

export async function readProjectorTsv(
  vectorsPath: string,
  metadataPath = tsvMetadataPath(vectorsPath),
): Promise<Embeddings> {
  const words = lines(await readFile(metadataPath, "utf8"));
  const rows = lines(await readFile(vectorsPath, "utf8"));
  if (rows.length !== words.length) {
    throw new VectorFileError(
      vectorsPath,
      null,
      `${rows.length} vectors but ${words.length} words in ${metadataPath}`,
    );
  }
  const dim = rows.length === 0 ? 0 : rows[0].split("\t").length;
  const vectors = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => {
    const fields = row.split("\t");
    if (fields.length !== dim) {
      throw new VectorFileError(vectorsPath, { line: i + 1 }, `${fields.length} values, expected ${dim}`);
    }
    fields.forEach((field, k) => {
      const value = parseFloatToken(field);
      if (value === undefined)
        throw new VectorFileError(vectorsPath, { line: i + 1 }, `not a number: "${field}"`);
      vectors[i * dim + k] = value;
    });
  });
  return { words, vectors, dim };
}
