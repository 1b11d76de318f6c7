import { type Embeddings, mostSimilar, type Neighbour, VectorIndex } from "@w2v/eval";

export function nearest(embeddings: Embeddings, word: string): Neighbour[] {
  return mostSimilar(new VectorIndex(embeddings), word, 5);
}
