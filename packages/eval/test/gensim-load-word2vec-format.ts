/**
 * A line-by-line transcription of gensim 4's `_load_word2vec_format` (keyedvectors.py:
 * `_word2vec_read_binary`, `_add_bytes_to_kv`, `_word2vec_read_text`,
 * `_word2vec_line_to_vector`, `_word2vec_detect_sizes_text`) for tests: gensim cannot be
 * installed here, so files this package writes are checked against the same parsing steps.
 */
import { readFileSync } from "node:fs";

/** Python's float(): decimal literals, inf/infinity/nan; anything else (including "") raises. */
function pythonFloat(text: string): number {
  const trimmed = text.trim();
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(trimmed)) return Number(trimmed);
  const special = trimmed.replace(/^[+-]/, "").toLowerCase();
  const sign = trimmed.startsWith("-") ? -1 : 1;
  if (special === "inf" || special === "infinity") return sign * Number.POSITIVE_INFINITY;
  if (special === "nan") return Number.NaN;
  throw new Error(`ValueError: could not convert string to float: '${text}'`);
}

const decoder = new TextDecoder("utf-8", { fatal: true });

function readline(data: Buffer, position: { at: number }): Buffer {
  const end = data.indexOf(0x0a, position.at);
  const line = data.subarray(position.at, end < 0 ? data.length : end + 1);
  position.at += line.length;
  return line;
}

/** Python's str.rstrip(): trailing whitespace. */
const rstrip = (text: string) => text.replace(/\s+$/, "");

export function gensimLoadWord2VecFormat(
  path: string,
  options: { binary: boolean; noHeader?: boolean; binaryChunkSize?: number },
): { words: string[]; vectors: Float32Array; dim: number } {
  const data = readFileSync(path);
  const position = { at: 0 };
  const words: string[] = [];
  const rows: Float32Array[] = [];
  let vocabSize: number;
  let vectorSize: number;
  const add = (word: string, weights: Float32Array) => {
    if (weights.length !== vectorSize)
      throw new Error(`could not broadcast ${weights.length} into ${vectorSize}`);
    if (words.includes(word)) return; // "duplicate word ... ignoring all but first"
    words.push(word);
    rows.push(weights);
  };
  const lineToVector = (line: Buffer) => {
    const parts = rstrip(decoder.decode(line)).split(" ");
    return { word: parts[0], weights: Float32Array.from(parts.slice(1), pythonFloat) };
  };
  if (options.noHeader) {
    if (options.binary) throw new Error("no_header only available for text-format files");
    // _word2vec_detect_sizes_text: count lines, vector size from the first.
    vocabSize = 0;
    vectorSize = 0;
    for (let line = readline(data, position); line.length > 0; line = readline(data, position)) {
      if (vocabSize === 0) vectorSize = lineToVector(line).weights.length;
      vocabSize++;
    }
    position.at = 0;
  } else {
    const header = decoder.decode(readline(data, position)).trim().split(/\s+/);
    if (header.length !== 2) throw new Error(`ValueError: not enough values to unpack (header ${header})`);
    [vocabSize, vectorSize] = header.map((field) => {
      if (!/^[+-]?\d+$/.test(field)) throw new Error(`ValueError: invalid literal for int(): '${field}'`);
      return Number(field);
    });
  }
  if (options.binary) {
    const chunkSize = options.binaryChunkSize ?? 100 * 1024;
    const bytesPerVector = vectorSize * 4;
    let chunk = Buffer.alloc(0);
    let total = 0;
    while (total < vocabSize) {
      const newChunk = data.subarray(position.at, position.at + chunkSize);
      position.at += newChunk.length;
      chunk = Buffer.concat([chunk, newChunk]);
      // _add_bytes_to_kv
      let start = 0;
      let processed = 0;
      for (let i = 0; i < vocabSize - words.length; i++) {
        const iSpace = chunk.indexOf(0x20, start);
        const iVector = iSpace + 1;
        if (iSpace === -1 || chunk.length - iVector < bytesPerVector) break;
        const word = decoder.decode(chunk.subarray(start, iSpace)).replace(/^\n+/, "");
        const bytes = chunk.subarray(iVector, iVector + bytesPerVector);
        const weights = new Float32Array(vectorSize);
        for (let k = 0; k < vectorSize; k++) weights[k] = bytes.readFloatLE(4 * k);
        add(word, weights);
        start = iVector + bytesPerVector;
        processed++;
      }
      chunk = chunk.subarray(start);
      total += processed;
      if (newChunk.length < chunkSize) break;
    }
    if (total !== vocabSize)
      throw new Error("EOFError: unexpected end of input; is count incorrect or file otherwise damaged?");
  } else {
    for (let i = 0; i < vocabSize; i++) {
      const line = readline(data, position);
      if (line.length === 0)
        throw new Error("EOFError: unexpected end of input; is count incorrect or file otherwise damaged?");
      const { word, weights } = lineToVector(line);
      add(word, weights);
    }
  }
  const vectors = new Float32Array(words.length * vectorSize);
  rows.forEach((row, i) => {
    vectors.set(row, i * vectorSize);
  });
  return { words, vectors, dim: vectorSize };
}
