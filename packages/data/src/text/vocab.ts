import { createHash } from "node:crypto";
import { DataError } from "../data-error.js";

/** The vocabulary rules of the config's `data` section. */
export interface VocabOptions {
  /** Words seen fewer times are out of the vocabulary. */
  minCount: number;
  /** At most this many ids in all; in `unk` mode the unknown token is one of them (cs20). */
  maxVocab: number | null;
  /** `drop`: out-of-vocabulary tokens vanish (word2vec); `unk`: they become `unkToken`. */
  unknownWords: "drop" | "unk";
  unkToken: string;
}

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
function compareWords(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Words and their corpus counts. Ids run by decreasing count, ties broken by the word in
 * code-unit order, because TF's log-uniform sampler assumes that id order and because the
 * same counts must give the same ids on every machine.
 */
export class Vocab {
  readonly words: string[];
  readonly counts: Float64Array;
  readonly size: number;
  /** Sum of the counts: the tokens of the corpus that the vocabulary covers. */
  readonly totalCount: number;
  /** Id of the unknown-word token when unknown words map to it, else -1. */
  readonly unkId: number;
  private readonly index: Map<string, number>;

  constructor(
    words: readonly string[],
    counts: ArrayLike<number>,
    options: { unkToken?: string | null } = {},
  ) {
    if (words.length !== counts.length) {
      throw new DataError(`vocabulary: ${words.length} words but ${counts.length} counts`);
    }
    this.words = Array.from(words);
    this.counts = Float64Array.from(counts);
    this.size = words.length;
    this.index = new Map();
    let total = 0;
    for (let id = 0; id < words.length; id++) {
      const word = words[id];
      if (word.length === 0 || /\s/.test(word)) {
        throw new DataError(
          `vocabulary: word ${id} (${JSON.stringify(word)}) is empty or contains whitespace`,
        );
      }
      if (this.index.has(word)) throw new DataError(`vocabulary: word ${JSON.stringify(word)} appears twice`);
      const count = this.counts[id];
      if (!(count >= 0)) throw new DataError(`vocabulary: count of ${JSON.stringify(word)} is ${count}`);
      if (id > 0) {
        const previous = this.counts[id - 1];
        if (count > previous || (count === previous && compareWords(words[id - 1], word) > 0)) {
          throw new DataError(
            `vocabulary: ${JSON.stringify(word)} (id ${id}) is out of order: ids must run by decreasing count, ties by word`,
          );
        }
      }
      this.index.set(word, id);
      total += count;
    }
    this.totalCount = total;
    this.unkId = options.unkToken ? this.id(options.unkToken) : -1;
  }

  /** Builds the vocabulary from raw counts; `remap[i]` is the id of `words[i]` (-1: dropped). */
  static fromCounts(
    words: readonly string[],
    counts: ArrayLike<number>,
    options: VocabOptions,
  ): { vocab: Vocab; remap: Int32Array } {
    const { minCount, maxVocab, unknownWords, unkToken } = options;
    const mapToUnk = unknownWords === "unk";
    if (mapToUnk && /\s/.test(unkToken)) {
      throw new DataError(`data.unkToken ${JSON.stringify(unkToken)} must not contain whitespace`);
    }
    const order: number[] = [];
    let unkCount = 0;
    let unkIndex = -1;
    for (let i = 0; i < words.length; i++) {
      if (mapToUnk && words[i] === unkToken) {
        // The text's own unknown token (PTB's <unk>) merges with the mapped words.
        unkIndex = i;
        unkCount += counts[i];
      } else if (counts[i] >= minCount) {
        order.push(i);
      } else {
        unkCount += counts[i];
      }
    }
    order.sort((a, b) => counts[b] - counts[a] || compareWords(words[a], words[b]));
    const limit = maxVocab === null ? order.length : mapToUnk ? maxVocab - 1 : maxVocab;
    for (let k = limit; k < order.length; k++) unkCount += counts[order[k]];
    if (order.length > limit) order.length = Math.max(limit, 0);

    const kept = order.map((i) => ({ word: words[i], count: counts[i] as number, source: i }));
    if (mapToUnk && unkCount > 0) {
      kept.push({ word: unkToken, count: unkCount, source: unkIndex });
      kept.sort((a, b) => b.count - a.count || compareWords(a.word, b.word));
    }
    const vocab = new Vocab(
      kept.map((entry) => entry.word),
      kept.map((entry) => entry.count),
      { unkToken: mapToUnk ? unkToken : null },
    );
    const remap = new Int32Array(words.length).fill(mapToUnk ? vocab.unkId : -1);
    kept.forEach((entry, id) => {
      if (entry.source >= 0) remap[entry.source] = id;
    });
    return { vocab, remap };
  }

  /** Id of a word, -1 if it is not in the vocabulary. */
  id(word: string): number {
    return this.index.get(word) ?? -1;
  }

  /** SHA-256 (hex) of `toTsv()`: identifies the vocabulary in checkpoints and caches. */
  checksum(): string {
    return createHash("sha256").update(this.toTsv()).digest("hex");
  }

  /** One `word<TAB>count` line per id, in id order (the run's `vocab.tsv`). */
  toTsv(): string {
    let text = "";
    for (let id = 0; id < this.size; id++) text += `${this.words[id]}\t${this.counts[id]}\n`;
    return text;
  }

  /** Reads `toTsv()` output; ids are the line order, which must be the vocabulary order. */
  static fromTsv(text: string, options: { unkToken?: string | null; file?: string } = {}): Vocab {
    const where = options.file ?? "vocab.tsv";
    const words: string[] = [];
    const counts: number[] = [];
    const lines = text.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    lines.forEach((line, i) => {
      const fields = line.split("\t");
      const count = Number(fields[1]);
      if (fields.length !== 2 || fields[1] === "" || !Number.isFinite(count)) {
        throw new DataError(`${where}:${i + 1}: expected "word<TAB>count", got ${JSON.stringify(line)}`);
      }
      words.push(fields[0]);
      counts.push(count);
    });
    try {
      return new Vocab(words, counts, { unkToken: options.unkToken });
    } catch (error) {
      throw new DataError(`${where}: ${(error as Error).message}`);
    }
  }
}
