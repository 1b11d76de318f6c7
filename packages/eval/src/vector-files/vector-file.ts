import type { Embeddings } from "../embeddings.js";
import { checkEmbeddings } from "../embeddings.js";
import { ByteSource } from "./byte-source.js";
import { writeProjectorTsv } from "./projector-tsv.js";
import { scanTextVectors, writeGloveText, writeWord2VecText } from "./text-vectors.js";
import { VectorFileError } from "./vector-file-error.js";
import type { VectorFileInfo, VectorFormat, VectorVisitor } from "./vector-format.js";
import { scanWord2VecBinary, writeWord2VecBinary } from "./word2vec-binary.js";

/** Formats `writeVectorFile` can produce: the readable ones plus the projector's TSV pair. */
export type ExportFormat = VectorFormat | "tsv";

async function withSource<T>(path: string, use: (source: ByteSource) => Promise<T>): Promise<T> {
  const source = new ByteSource(path);
  try {
    return await use(source);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new VectorFileError(path, null, "file not found");
    if ((error as NodeJS.ErrnoException).code === "Z_DATA_ERROR") {
      throw new VectorFileError(path, null, `corrupt gzip data (${(error as Error).message})`);
    }
    throw error;
  } finally {
    source.close();
  }
}

/**
 * Tell the format from the first two lines: a `V D` header followed by a text row of D
 * numbers is word2vec text, a header followed by anything else is binary, no header is GloVe.
 */
export async function detectVectorFormat(path: string): Promise<VectorFormat> {
  return withSource(path, async (source) => {
    const first = (await source.readLine())?.toString("latin1") ?? "";
    const header = first.trim().split(/\s+/);
    if (header.length !== 2 || !header.every((field) => /^\d+$/.test(field))) return "glove";
    const second = (await source.readLine())?.toString("latin1") ?? "";
    const tokens = second.trimEnd().split(/ +/);
    const numeric = tokens.slice(1).every((token) => /^[-+.\deE]+$|^[-+]?(inf|infinity|nan)$/i.test(token));
    return tokens.length === Number(header[1]) + 1 && numeric ? "word2vec" : "word2vec-bin";
  });
}

/** Stream every vector of a file to `visit` without holding the file in memory. */
export async function scanVectorFile(
  path: string,
  format: VectorFormat | "auto",
  visit: VectorVisitor,
): Promise<VectorFileInfo> {
  const resolved = format === "auto" ? await detectVectorFormat(path) : format;
  const { count, dim } = await withSource(path, (source) =>
    resolved === "word2vec-bin"
      ? scanWord2VecBinary(source, visit)
      : scanTextVectors(source, resolved === "word2vec", visit),
  );
  return { format: resolved, count, dim };
}

export interface ReadVectors extends Embeddings {
  format: VectorFormat;
  /** Words seen again after their first vector: dropped, as gensim does. */
  duplicates: number;
}

/** Read a whole vector file into one matrix (the first vector of a repeated word wins). */
export async function readVectorFile(
  path: string,
  format: VectorFormat | "auto" = "auto",
): Promise<ReadVectors> {
  const words: string[] = [];
  const seen = new Set<string>();
  let vectors = new Float32Array(0);
  let duplicates = 0;
  const info = await scanVectorFile(path, format, (word, vector) => {
    if (seen.has(word)) {
      duplicates++;
      return;
    }
    seen.add(word);
    const dim = vector.length;
    if ((words.length + 1) * dim > vectors.length) {
      const grown = new Float32Array(Math.max(1024, 2 * words.length) * dim);
      grown.set(vectors);
      vectors = grown;
    }
    vectors.set(vector, words.length * dim);
    words.push(word);
  });
  return {
    words,
    vectors: vectors.slice(0, words.length * info.dim),
    dim: info.dim,
    format: info.format,
    duplicates,
  };
}

/**
 * Write embeddings atomically in `format`. Words must be non-empty, unique and free of
 * whitespace. "tsv" also writes `<name>-metadata.tsv` (the words) beside the file.
 */
export async function writeVectorFile(
  path: string,
  embeddings: Embeddings,
  format: ExportFormat,
): Promise<string[]> {
  checkEmbeddings(embeddings);
  switch (format) {
    case "word2vec":
      await writeWord2VecText(path, embeddings);
      return [path];
    case "word2vec-bin":
      await writeWord2VecBinary(path, embeddings);
      return [path];
    case "glove":
      await writeGloveText(path, embeddings);
      return [path];
    case "tsv": {
      const written = await writeProjectorTsv(path, embeddings);
      return [written.vectorsPath, written.metadataPath];
    }
  }
}
