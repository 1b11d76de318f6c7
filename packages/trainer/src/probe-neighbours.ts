import type { Vocab } from "@w2v/data";
import { mostSimilarMany, VectorIndex } from "@w2v/eval";
import { markdownTable } from "@w2v/logging";
import type { Params } from "@w2v/model";

export interface ProbeNeighbours {
  word: string;
  neighbours: { word: string; similarity: number }[];
}

/** Nearest neighbours (cosine, input vectors) of the probe words that are in the vocabulary. */
export function probeNeighbours(
  vocab: Vocab,
  params: Params,
  probes: readonly string[],
  k: number,
): ProbeNeighbours[] {
  const present = probes.filter((word) => vocab.id(word) >= 0);
  if (present.length === 0) return [];
  const index = new VectorIndex({ words: vocab.words, vectors: params.input, dim: params.dim });
  return mostSimilarMany(index, present, k).map((neighbours, i) => ({
    word: present[i],
    neighbours: neighbours.map((n) => ({ word: n.word, similarity: n.similarity })),
  }));
}

export function neighboursMarkdown(rows: ProbeNeighbours[]): string {
  return markdownTable(
    ["word", "nearest neighbours (cosine)"],
    rows.map((row) => [
      row.word,
      row.neighbours.map((n) => `${n.word} (${n.similarity.toFixed(2)})`).join(", "),
    ]),
  );
}

export function neighboursText(rows: ProbeNeighbours[]): string {
  const width = Math.max(...rows.map((row) => row.word.length));
  return rows
    .map(
      (row) =>
        `  ${row.word.padEnd(width)}  ${row.neighbours.map((n) => `${n.word} ${n.similarity.toFixed(2)}`).join(", ")}`,
    )
    .join("\n");
}
