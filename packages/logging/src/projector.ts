/**
 * TensorBoard's embedding projector for a run: `projector_config.pbtxt`, `metadata.tsv`
 * (header `word\tcount`, then one row per word) and one tensor file per embedding, for the
 * top-N words. Each file is written atomically, the config last, so TensorBoard never
 * sees a config that names a missing or half-written file.
 */
import { endianness } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "@w2v/data";
import { toTextFormat } from "./pbtxt.js";
import { ProjectorConfigType } from "./protos.js";

export const PROJECTOR_CONFIG_FILE = "projector_config.pbtxt";
export const PROJECTOR_METADATA_FILE = "metadata.tsv";

export interface ProjectorEmbedding {
  /** Shown in the projector's menu; also names the tensor file (letters, digits, `_`, `.`, `-`). */
  name: string;
  /** Row-major `words.length × dim` matrix (e.g. the model's input vectors). */
  vectors: Float32Array;
}

export interface ProjectorOptions {
  /** Words in vocabulary order (decreasing count, as `Vocab` sorts them): the first `topN` are exported. */
  words: readonly string[];
  counts: ArrayLike<number>;
  dim: number;
  topN: number;
  embeddings: readonly ProjectorEmbedding[];
}

export interface ProjectorFiles {
  config: string;
  metadata: string;
  tensors: string[];
  /** Rows exported: `min(topN, words.length)`. */
  rows: number;
}

/** Tab and newline would split a metadata cell; they are written as `\t`, `\n`, `\r`. */
function tsvCell(text: string): string {
  return text.replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * TensorBoard parses a tensor file as TSV first and falls back to raw float32 only on a
 * UTF-8 decoding error, so raw bytes are safe only if such an error comes before the first
 * newline (e.g. all-zero vectors decode as text and would break the projector).
 */
function rawBytesAreSafe(bytes: Uint8Array): boolean {
  const newline = bytes.indexOf(0x0a);
  try {
    strictUtf8.decode(newline < 0 ? bytes : bytes.subarray(0, newline));
    return false;
  } catch {
    return true;
  }
}

/** Float rows as TSV; each number prints the float32 exactly (shortest round-trip form). */
function tensorTsv(rows: Float32Array, dim: number): string {
  const lines: string[] = [];
  for (let start = 0; start < rows.length; start += dim)
    lines.push(rows.subarray(start, start + dim).join("\t"));
  return `${lines.join("\n")}\n`;
}

function validate(options: ProjectorOptions): void {
  const { words, counts, dim, topN, embeddings } = options;
  if (!Number.isInteger(dim) || dim < 1)
    throw new Error(`projector: dim must be a positive integer, got ${dim}`);
  if (!Number.isInteger(topN) || topN < 1)
    throw new Error(`projector: topN must be a positive integer, got ${topN}`);
  if (counts.length !== words.length) {
    throw new Error(`projector: ${words.length} words but ${counts.length} counts`);
  }
  if (embeddings.length === 0) throw new Error("projector: no embeddings given");
  const names = new Set<string>();
  for (const { name, vectors } of embeddings) {
    if (!/^[\w.-]+$/.test(name))
      throw new Error(`projector: embedding name "${name}" is not a safe file name`);
    if (names.has(name)) throw new Error(`projector: embedding name "${name}" given twice`);
    names.add(name);
    if (vectors.length !== words.length * dim) {
      throw new Error(
        `projector: embedding "${name}" has ${vectors.length} values, expected ${words.length} words × ${dim}`,
      );
    }
  }
}

/** Write the projector files into `runDir` (which must hold an event file for TensorBoard to show them). */
export async function writeProjector(runDir: string, options: ProjectorOptions): Promise<ProjectorFiles> {
  validate(options);
  // Raw tensor files are little-endian float32; typed arrays are in host order.
  if (endianness() !== "LE") throw new Error("projector: raw float32 tensors need a little-endian host");
  const { words, counts, dim, topN } = options;
  const rows = Math.min(topN, words.length);
  const metadataLines = ["word\tcount"];
  for (let i = 0; i < rows; i++) metadataLines.push(`${tsvCell(words[i])}\t${counts[i]}`);
  const metadata = join(runDir, PROJECTOR_METADATA_FILE);
  await writeFileAtomic(metadata, `${metadataLines.join("\n")}\n`);

  const tensors: string[] = [];
  const embeddings = [];
  for (const { name, vectors } of options.embeddings) {
    const top = vectors.subarray(0, rows * dim);
    const raw = Buffer.from(top.buffer, top.byteOffset, top.byteLength);
    const safe = rawBytesAreSafe(raw);
    const tensorFile = `${name}.${safe ? "f32" : "tsv"}`;
    await writeFileAtomic(join(runDir, tensorFile), safe ? raw : tensorTsv(top, dim));
    tensors.push(join(runDir, tensorFile));
    embeddings.push({
      tensor_name: name,
      metadata_path: PROJECTOR_METADATA_FILE,
      tensor_shape: [rows, dim],
      tensor_path: tensorFile,
    });
  }
  const config = join(runDir, PROJECTOR_CONFIG_FILE);
  await writeFileAtomic(config, toTextFormat(ProjectorConfigType, { embeddings }));
  return { config, metadata, tensors, rows };
}
