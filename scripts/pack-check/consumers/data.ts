import type { DataConfig } from "@w2v/config";
import { type Corpus, cacheDirectory, type LoadCorpusOptions, loadCorpus, Rng, Vocab } from "@w2v/data";

export function cacheFor(data: DataConfig): string {
  return cacheDirectory(data, ".", process.env);
}
export const load = (data: DataConfig, options: LoadCorpusOptions): Promise<Corpus> =>
  loadCorpus(data, { ...options, env: process.env });
export const size: number = Vocab.fromCounts(["a"], [1], {
  minCount: 1,
  maxVocab: 10,
  unknownWords: "drop",
  unkToken: "<unk>",
}).vocab.size;
export const draw: number = new Rng(1).nextFloat();
