import { writeStreamAtomic } from "@w2v/data";
import type { Embeddings } from "../embeddings.js";
import type { ByteSource } from "./byte-source.js";
import { parseHeader } from "./text-vectors.js";
import { VectorFileError } from "./vector-file-error.js";
import { checkWritableWords, type VectorVisitor } from "./vector-format.js";

/** Longer "words" mean the file is not what it claims (the C tool caps words at 100 bytes). */
const MAX_WORD_BYTES = 1 << 16;
const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * Read the binary format as gensim's `_word2vec_read_binary` and the C tool read it: a text
 * header `V D\n`, then V rows of word bytes, a space, D little-endian float32 (and usually
 * a "\n", which readers skip before the next word).
 */
export async function scanWord2VecBinary(
  source: ByteSource,
  visit: VectorVisitor,
): Promise<{ count: number; dim: number }> {
  const headerLine = await source.readLine();
  const { count, dim } = parseHeader(source.path, headerLine === null ? "" : headerLine.toString("latin1"));
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const vector = new Float32Array(dim);
  const rowBytes = dim * 4;
  for (let row = 0; row < count; row++) {
    await source.skip(NEWLINE);
    const wordStart = source.offset;
    const wordBytes = await source.readUntil(SPACE, MAX_WORD_BYTES);
    if (wordBytes === "end") {
      throw new VectorFileError(
        source.path,
        { byte: wordStart },
        `file ends inside vector ${row + 1} of the ${count} the header declares`,
      );
    }
    if (wordBytes === "too-long" || wordBytes.length === 0) {
      throw new VectorFileError(
        source.path,
        { byte: wordStart },
        `vector ${row + 1}: expected a word followed by a space (is this really the binary format?)`,
      );
    }
    let word: string;
    try {
      word = decoder.decode(wordBytes);
    } catch {
      throw new VectorFileError(
        source.path,
        { byte: wordStart },
        `vector ${row + 1}: the word is not valid UTF-8`,
      );
    }
    const valuesStart = source.offset;
    if (!(await source.ensure(rowBytes))) {
      throw new VectorFileError(
        source.path,
        { byte: valuesStart },
        `vector ${row + 1} ("${word}") is truncated: ${dim} float32 need ${rowBytes} bytes, ${source.available} remain`,
      );
    }
    const bytes = source.take(rowBytes);
    const view = new DataView(bytes.buffer, bytes.byteOffset, rowBytes);
    for (let k = 0; k < dim; k++) vector[k] = view.getFloat32(4 * k, true);
    visit(word, vector, row, { byte: valuesStart });
  }
  await source.skip(NEWLINE);
  if (source.available > 0 || (await source.ensure(1))) {
    throw new VectorFileError(
      source.path,
      { byte: source.offset },
      `data after the ${count} vectors the header declares (is the count wrong?)`,
    );
  }
  return { count, dim };
}

/** Write the C tool's binary format: `V D\n`, then per word: the word, a space, D float32 LE, "\n". */
export async function writeWord2VecBinary(path: string, embeddings: Embeddings): Promise<void> {
  checkWritableWords(embeddings);
  const { words, vectors, dim } = embeddings;
  await writeStreamAtomic(path, async (write) => {
    await write(`${words.length} ${dim}\n`);
    const values = Buffer.alloc(dim * 4 + 1);
    values[dim * 4] = NEWLINE;
    for (let row = 0; row < words.length; row++) {
      for (let k = 0; k < dim; k++) values.writeFloatLE(vectors[row * dim + k], 4 * k);
      await write(`${words[row]} `);
      await write(values);
    }
  });
}
