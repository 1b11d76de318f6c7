import type { Embeddings } from "../embeddings.js";

/** word2vec text (`V D` header), word2vec binary (the C tool's `-binary 1`), GloVe text (no header). */
export type VectorFormat = "word2vec" | "word2vec-bin" | "glove";

export const VECTOR_FORMATS: readonly VectorFormat[] = ["word2vec", "word2vec-bin", "glove"];

/** Called once per vector in file order; `vector` is reused between calls (copy what you keep). */
/** Where a vector is in its file: its line (text formats) or the byte where its values start (binary). */
export type VectorPlace = { line: number } | { byte: number };

export type VectorVisitor = (word: string, vector: Float32Array, row: number, place: VectorPlace) => void;

export interface VectorFileInfo {
  format: VectorFormat;
  /** Vectors in the file. */
  count: number;
  dim: number;
}

/** Words the file formats cannot hold: whitespace would split them (gensim splits on spaces and lines). */
const UNWRITABLE = /[ \t\n\r\f\v]/;

/** Reject embeddings no reader could read back the same: empty words, whitespace, duplicates. */
export function checkWritableWords(embeddings: Embeddings): void {
  const seen = new Set<string>();
  embeddings.words.forEach((word, id) => {
    if (word === "" || UNWRITABLE.test(word)) {
      throw new Error(
        `word ${id} (${JSON.stringify(word)}) is empty or contains whitespace: vector files cannot hold it`,
      );
    }
    if (seen.has(word))
      throw new Error(`word ${id} (${JSON.stringify(word)}) occurs twice: gensim would drop the second`);
    seen.add(word);
  });
}
