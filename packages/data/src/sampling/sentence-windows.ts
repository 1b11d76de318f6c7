import type { DataConfig } from "@w2v/config";
import { Rng, type RngState } from "../rng.js";
import type { Corpus } from "../text/corpus.js";
import { keepProbabilities, keepThresholds } from "./subsample.js";

export type WindowRule = "reduced" | "uniform" | "fixed";

export interface ExampleStreamOptions {
  /** Maximum context distance on each side. */
  window: number;
  /**
   * reduced: word2vec's `window - b`, b uniform in [0, window); uniform: d2l's 1..window;
   * fixed: always `window`. reduced and uniform give the same distribution of sizes
   * (uniform on 1..window) from different draws.
   */
  windowRule: WindowRule;
  /** Keep probability per id (`keepProbabilities`), or null to keep every token. */
  keep: Float32Array | null;
  seed: number;
  /** Visit the sentences in a new seeded order each epoch (default: corpus order, like word2vec). */
  shuffleSentences?: boolean;
}

/**
 * Where a stream stands, JSON-serialisable: restoring it makes the stream deliver exactly
 * the examples the uninterrupted stream would have delivered next.
 */
export interface ExamplePosition {
  epoch: number;
  /** Index (in the epoch's sentence order) of the sentence being delivered. */
  sentence: number;
  /** Examples of that sentence already delivered. */
  offset: number;
  /** Window/subsampling generator state at the start of that sentence. */
  rng: RngState;
  /** Noise generator state (padded batches), null for streams without noise. */
  noiseRng: RngState | null;
}

/** Stream options from the config's `data` section: its window and subsampling rules. */
export function exampleOptions(corpus: Corpus, data: DataConfig, seed: number): ExampleStreamOptions {
  const { rule, threshold } = data.subsampling;
  return {
    window: data.window,
    windowRule: data.windowRule,
    keep: rule === "none" ? null : keepProbabilities(corpus.vocab, rule, threshold),
    seed,
  };
}

const WINDOW_RULES: Record<WindowRule, number> = { reduced: 0, uniform: 1, fixed: 2 };

/**
 * Walks a corpus sentence by sentence, epoch after epoch, the way word2vec does: each
 * sentence is subsampled afresh (one draw per token whose keep probability is below 1), then
 * every kept token becomes a centre with a drawn window that never crosses the sentence.
 * Epoch e draws from `Rng.derive(seed, "examples", e)`, so epochs differ and each can be
 * reproduced on its own. Subclasses turn centres into examples.
 */
export abstract class SentenceWindows {
  /** The epoch the next example belongs to. */
  epoch = 0;
  protected readonly window: number;
  protected readonly kept: Int32Array;
  protected keptLength = 0;
  /** Current centre (index into `kept`) and its context span [lo, hi). */
  protected centre = -1;
  protected lo = 0;
  protected hi = 0;
  /** Examples of the current sentence delivered so far (kept up to date by subclasses). */
  protected offset = 0;
  protected rng: Rng;
  private readonly ids: Int32Array;
  private readonly starts: Int32Array;
  private readonly thresholds: Float64Array | null;
  private readonly windowRule: number;
  private readonly seed: number;
  private readonly shuffle: boolean;
  private order: Int32Array | null = null;
  private sentence = 0;
  private loaded = false;
  private rngAtSentence: RngState;
  private wordsBefore = 0;

  constructor(corpus: Corpus, options: ExampleStreamOptions) {
    if (!Number.isInteger(options.window) || options.window < 1) {
      throw new RangeError(`window must be an integer >= 1, got ${options.window}`);
    }
    this.ids = corpus.ids;
    this.starts = corpus.sentenceStarts;
    this.window = options.window;
    this.windowRule = WINDOW_RULES[options.windowRule];
    this.thresholds = options.keep ? keepThresholds(options.keep) : null;
    this.seed = options.seed;
    this.shuffle = options.shuffleSentences ?? false;
    let longest = 0;
    for (let s = 0; s + 1 < this.starts.length; s++) {
      longest = Math.max(longest, this.starts[s + 1] - this.starts[s]);
    }
    this.kept = new Int32Array(longest);
    this.rng = this.startEpoch(0);
    this.rngAtSentence = this.rng.getState();
  }

  /** Corpus tokens of the current epoch read so far, before subsampling (word2vec's word count). */
  get wordsInEpoch(): number {
    return this.wordsBefore + (this.loaded ? this.sentenceLength(this.sentence) : 0);
  }

  /** Corpus tokens in one epoch. */
  get wordsPerEpoch(): number {
    return this.ids.length;
  }

  position(): ExamplePosition {
    return {
      epoch: this.epoch,
      sentence: this.sentence,
      offset: this.loaded ? this.offset : 0,
      rng: this.loaded ? [...this.rngAtSentence] : this.rng.getState(),
      noiseRng: null,
    };
  }

  restore(position: ExamplePosition): void {
    const sentences = this.starts.length - 1;
    if (!(position.sentence >= 0 && position.sentence <= sentences && position.offset >= 0)) {
      throw new RangeError(`example position ${JSON.stringify(position)} does not fit this corpus`);
    }
    this.startEpoch(position.epoch);
    this.sentence = position.sentence;
    this.wordsBefore = 0;
    for (let k = 0; k < position.sentence; k++) this.wordsBefore += this.sentenceLength(k);
    this.rng.setState(position.rng);
    if (position.offset > 0) {
      this.loadSentence();
      this.skip(position.offset);
    }
  }

  /** Delivers and discards `count` examples of the current sentence (replay on restore). */
  protected abstract skip(count: number): void;

  /**
   * Moves to the next centre that has at least one context word, loading sentences as
   * needed. Returns false at the end of an epoch, after setting up the next one.
   */
  protected nextCentre(): boolean {
    for (;;) {
      if (this.loaded && this.centre + 1 < this.keptLength) {
        const c = ++this.centre;
        const w =
          this.windowRule === 0
            ? this.window - this.rng.nextInt(this.window)
            : this.windowRule === 1
              ? 1 + this.rng.nextInt(this.window)
              : this.window;
        this.lo = Math.max(c - w, 0);
        this.hi = Math.min(c + w + 1, this.keptLength);
        if (this.hi - this.lo > 1) return true;
        continue;
      }
      if (this.loaded) {
        this.wordsBefore += this.sentenceLength(this.sentence);
        this.sentence++;
        this.loaded = false;
      }
      if (this.sentence >= this.starts.length - 1) {
        this.startEpoch(this.epoch + 1);
        return false;
      }
      this.loadSentence();
    }
  }

  private sentenceLength(index: number): number {
    const s = this.order ? this.order[index] : index;
    return this.starts[s + 1] - this.starts[s];
  }

  private startEpoch(epoch: number): Rng {
    this.epoch = epoch;
    this.sentence = 0;
    this.loaded = false;
    this.wordsBefore = 0;
    this.rng = Rng.derive(this.seed, "examples", epoch);
    if (this.shuffle) {
      const sentences = this.starts.length - 1;
      const order = this.order ?? new Int32Array(sentences);
      for (let s = 0; s < sentences; s++) order[s] = s;
      const shuffler = Rng.derive(this.seed, "sentence-order", epoch);
      for (let s = sentences - 1; s > 0; s--) {
        const k = shuffler.nextInt(s + 1);
        [order[s], order[k]] = [order[k], order[s]];
      }
      this.order = order;
    }
    return this.rng;
  }

  /** Subsamples sentence `this.sentence` into `kept`. */
  private loadSentence(): void {
    this.rngAtSentence = this.rng.getState();
    const s = this.order ? this.order[this.sentence] : this.sentence;
    const ids = this.ids;
    const kept = this.kept;
    const thresholds = this.thresholds;
    const rng = this.rng;
    const end = this.starts[s + 1];
    let length = 0;
    for (let k = this.starts[s]; k < end; k++) {
      const id = ids[k];
      if (thresholds === null) {
        kept[length++] = id;
      } else {
        const threshold = thresholds[id];
        if (threshold >= 4294967296 || rng.nextU32() < threshold) kept[length++] = id;
      }
    }
    this.keptLength = length;
    this.centre = -1;
    this.lo = 0;
    this.hi = 0;
    this.offset = 0;
    this.loaded = true;
  }
}
