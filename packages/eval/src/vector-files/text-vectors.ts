import { writeStreamAtomic } from "@w2v/data";
import type { Embeddings } from "../embeddings.js";
import type { ByteSource } from "./byte-source.js";
import { formatFloat32, parseFloatToken } from "./float-text.js";
import { VectorFileError } from "./vector-file-error.js";
import { checkWritableWords, type VectorVisitor } from "./vector-format.js";

/** The `V D` first line of both word2vec formats (gensim: `int(x) for x in header.split()`). */
export function parseHeader(path: string, line: string): { count: number; dim: number } {
  const fields = line.trim().split(/\s+/);
  if (fields.length !== 2 || !fields.every((field) => /^\d+$/.test(field))) {
    throw new VectorFileError(
      path,
      { line: 1 },
      `expected the header "<vector count> <dimension>", found ${JSON.stringify(line.slice(0, 80))}`,
    );
  }
  const [count, dim] = fields.map(Number);
  if (dim < 1) throw new VectorFileError(path, { line: 1 }, "the header declares dimension 0");
  return { count, dim };
}

/**
 * Split one text row `word v1 ... vD` (gensim: `line.rstrip().split(" ")`; runs of spaces
 * are accepted too). `dim` undefined: take it from this row (GloVe's first line).
 */
function parseRow(
  path: string,
  lineNumber: number,
  text: string,
  dim: number | undefined,
  vector: Float32Array | undefined,
): { word: string; values: Float32Array } {
  const tokens = text.trimEnd().split(/ +/);
  const word = tokens[0];
  const found = tokens.length - 1;
  if (word === "" || found === 0) {
    throw new VectorFileError(
      path,
      { line: lineNumber },
      `expected "word v1 v2 ...", found ${JSON.stringify(text.slice(0, 80))}`,
    );
  }
  if (dim !== undefined && found !== dim) {
    throw new VectorFileError(path, { line: lineNumber }, `"${word}" has ${found} values, expected ${dim}`);
  }
  const values = vector ?? new Float32Array(found);
  for (let k = 0; k < found; k++) {
    const value = parseFloatToken(tokens[k + 1]);
    if (value === undefined) {
      throw new VectorFileError(
        path,
        { line: lineNumber },
        `value ${k + 1} of "${word}" is not a number: "${tokens[k + 1]}"`,
      );
    }
    values[k] = value;
  }
  return { word, values };
}

/**
 * Read word2vec text (`header: true`: a `V D` line, then V rows) or GloVe (`header: false`:
 * rows only, D taken from the first). Blank lines are allowed only at the end.
 */
export async function scanTextVectors(
  source: ByteSource,
  header: boolean,
  visit: VectorVisitor,
): Promise<{ count: number; dim: number }> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let lineNumber = 0;
  const nextLine = async (): Promise<string | null> => {
    const bytes = await source.readLine();
    if (bytes === null) return null;
    lineNumber++;
    try {
      return decoder.decode(bytes);
    } catch {
      throw new VectorFileError(source.path, { line: lineNumber }, "not valid UTF-8");
    }
  };
  let declared: number | undefined;
  let dim: number | undefined;
  if (header) {
    ({ count: declared, dim } = parseHeader(source.path, (await nextLine()) ?? ""));
  }
  let vector: Float32Array | undefined = dim === undefined ? undefined : new Float32Array(dim);
  let count = 0;
  let blankLine = 0;
  for (let text = await nextLine(); text !== null; text = await nextLine()) {
    if (text.trim() === "") {
      blankLine ||= lineNumber;
      continue;
    }
    if (blankLine) throw new VectorFileError(source.path, { line: blankLine }, "blank line between vectors");
    if (declared !== undefined && count === declared) {
      throw new VectorFileError(
        source.path,
        { line: lineNumber },
        `more vectors than the ${declared} the header declares`,
      );
    }
    const row = parseRow(source.path, lineNumber, text, dim, vector);
    dim ??= row.values.length;
    vector ??= row.values;
    visit(row.word, row.values, count++, { line: lineNumber });
  }
  if (declared !== undefined && count < declared) {
    throw new VectorFileError(
      source.path,
      { line: lineNumber + 1 },
      `file ends after ${count} of the ${declared} vectors the header declares`,
    );
  }
  if (dim === undefined) throw new VectorFileError(source.path, null, "no vectors in the file");
  return { count, dim };
}

/** One text row per word, values as the shortest decimals that read back as the same float32. */
export async function writeTextRows(
  path: string,
  embeddings: Embeddings,
  options: { header: boolean; separator: string; withWords: boolean },
): Promise<void> {
  const { words, vectors, dim } = embeddings;
  await writeStreamAtomic(path, async (write) => {
    if (options.header) await write(`${words.length} ${dim}\n`);
    const fields = new Array<string>(dim);
    for (let row = 0; row < words.length; row++) {
      for (let k = 0; k < dim; k++) fields[k] = formatFloat32(vectors[row * dim + k]);
      const values = fields.join(options.separator);
      await write(options.withWords ? `${words[row]}${options.separator}${values}\n` : `${values}\n`);
    }
  });
}

/** word2vec text as gensim's `save_word2vec_format(binary=False)` writes it: `V D`, then `word v1 ... vD` rows. */
export async function writeWord2VecText(path: string, embeddings: Embeddings): Promise<void> {
  checkWritableWords(embeddings);
  await writeTextRows(path, embeddings, { header: true, separator: " ", withWords: true });
}

/** GloVe's text format: `word v1 ... vD` rows, no header. */
export async function writeGloveText(path: string, embeddings: Embeddings): Promise<void> {
  checkWritableWords(embeddings);
  await writeTextRows(path, embeddings, { header: false, separator: " ", withWords: true });
}
