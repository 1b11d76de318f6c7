import { describe, expect, it } from "vitest";
import { corpusOf, zipfCorpus } from "../../test/fixtures.js";
import { AliasTable } from "./alias-sampler.js";
import { CbowWindows, createCbowBatch } from "./cbow-windows.js";
import { createPaddedBatch, PaddedBatches } from "./padded-batches.js";
import type { ExamplePosition, ExampleStreamOptions, SentenceWindows } from "./sentence-windows.js";
import { createPairBatch, SkipGramPairs } from "./skipgram-pairs.js";
import { keepProbabilities } from "./subsample.js";

const corpus = zipfCorpus(6_000, 200, 37);
const options: ExampleStreamOptions = {
  window: 3,
  windowRule: "reduced",
  keep: keepProbabilities(corpus.vocab, "word2vec", 1e-2),
  seed: 21,
};

interface Stream {
  fill(): number[];
  position(): ExamplePosition;
  restore(position: ExamplePosition): void;
}

/** A stream with `fill(batch)`, wrapped to return one batch as a plain array (with its epoch). */
function wrap<B>(
  stream: SentenceWindows & { fill(batch: B): number },
  batch: B,
  read: (batch: B, n: number) => ArrayLike<number>[],
): Stream {
  return {
    fill: () => {
      const n = stream.fill(batch);
      return [stream.epoch, n, ...read(batch, n).flatMap((part) => Array.from(part))];
    },
    position: () => stream.position(),
    restore: (p) => stream.restore(p),
  };
}

const noise = AliasTable.fromWeights(Array.from(corpus.vocab.counts, (c) => c ** 0.75));
const kinds: Record<string, (shuffle: boolean) => Stream> = {
  "skip-gram": (shuffle) =>
    wrap(
      new SkipGramPairs(corpus, { ...options, shuffleSentences: shuffle }),
      createPairBatch(29),
      (b, n) => [b.centers.subarray(0, n), b.contexts.subarray(0, n)],
    ),
  cbow: (shuffle) =>
    wrap(
      new CbowWindows(corpus, { ...options, shuffleSentences: shuffle }),
      createCbowBatch(5, options.window),
      (b, n) => [b.centers.subarray(0, n), b.contexts.subarray(0, n * b.width)],
    ),
  padded: (shuffle) =>
    wrap(
      new PaddedBatches(corpus, { ...options, shuffleSentences: shuffle, negatives: 2, noise }),
      createPaddedBatch(6, options.window, 2),
      (b, n) => [b.centers.subarray(0, n), b.contextsNegatives.subarray(0, n * b.width)],
    ),
};

describe("example position: a resumed stream sees exactly the uninterrupted stream's examples", () => {
  for (const [kind, make] of Object.entries(kinds)) {
    for (const shuffle of [false, true]) {
      it(`${kind}${shuffle ? ", sentences shuffled" : ""}`, () => {
        const reference = make(shuffle);
        const batches: number[][] = [];
        // Enough batches to cross at least one epoch boundary.
        while (batches.length < 5000 && (batches.length === 0 || batches[batches.length - 1][0] < 2)) {
          batches.push(reference.fill());
        }
        expect(batches[batches.length - 1][0]).toBe(2);
        for (const cut of [0, 1, 2, 3, 10, 97, Math.floor(batches.length / 2), batches.length - 2]) {
          const first = make(shuffle);
          for (let b = 0; b < cut; b++) first.fill();
          const saved = JSON.parse(JSON.stringify(first.position())) as ExamplePosition;
          const resumed = make(shuffle);
          resumed.restore(saved);
          for (let b = cut; b < Math.min(cut + 40, batches.length); b++) {
            expect(resumed.fill(), `${kind} cut ${cut} batch ${b}`).toEqual(batches[b]);
          }
        }
      });
    }
  }

  it("refuses a position that does not fit the corpus", () => {
    const stream = new SkipGramPairs(corpusOf([[0, 1]]), { ...options, keep: null });
    expect(() =>
      stream.restore({ epoch: 0, sentence: 5, offset: 0, rng: [1, 2, 3, 4], noiseRng: null }),
    ).toThrow(RangeError);
  });

  it("visits every sentence once per epoch when shuffled, in an order that changes with the epoch", () => {
    const sentences = Array.from({ length: 30 }, (_, s) => [2 * s, 2 * s + 1]);
    const stream = new CbowWindows(corpusOf(sentences), {
      window: 1,
      windowRule: "fixed",
      keep: null,
      seed: 4,
      shuffleSentences: true,
    });
    const batch = createCbowBatch(60, 1);
    const orders: number[][] = [];
    for (let epoch = 0; epoch < 2; epoch++) {
      expect(stream.fill(batch)).toBe(60);
      expect(stream.fill(batch)).toBe(0);
      orders.push(Array.from(batch.centers.filter((id) => id % 2 === 0)));
    }
    expect([...orders[0]].sort((a, b) => a - b)).toEqual(sentences.map((s) => s[0]));
    expect(orders[0]).not.toEqual(sentences.map((s) => s[0]));
    expect(orders[1]).not.toEqual(orders[0]);
  });
});
