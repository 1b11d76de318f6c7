/**
 * Word -> row id over a vocabulary in frequency order (id 0 the most frequent).
 * Case-insensitively, a word maps to its most frequent case variant, as gensim does
 * (it keeps the first occurrence of each upper-cased key).
 */
export class WordLookup {
  readonly caseInsensitive: boolean;
  private readonly firstId = new Map<string, number>();
  private readonly variants = new Map<string, number[]>();

  constructor(words: readonly string[], options: { caseInsensitive?: boolean } = {}) {
    this.caseInsensitive = options.caseInsensitive ?? true;
    words.forEach((word, id) => {
      const key = this.fold(word);
      const ids = this.variants.get(key);
      if (ids) ids.push(id);
      else {
        this.firstId.set(key, id);
        this.variants.set(key, [id]);
      }
    });
  }

  /** The form words are compared in. */
  fold(word: string): string {
    return this.caseInsensitive ? word.toLowerCase() : word;
  }

  /** Row id of `word` (its most frequent variant), or -1. */
  id(word: string): number {
    return this.firstId.get(this.fold(word)) ?? -1;
  }

  /** Every row whose word folds like `word`, ascending (empty when absent). */
  variantIds(word: string): readonly number[] {
    return this.variants.get(this.fold(word)) ?? [];
  }
}
