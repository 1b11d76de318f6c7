import { type AnalogySection, isSyntacticSection } from "./analogy-questions.js";
import { type Neighbour, toNeighbours } from "./neighbours.js";
import { TopK } from "./top-k.js";
import type { VectorIndex } from "./vector-index.js";

export type AnalogyMethod = "3cosadd" | "3cosmul";

/** Levy & Goldberg's epsilon for 3CosMul (gensim uses 1e-6). */
export const COSMUL_EPSILON = 1e-3;

/** word2vec's `compute-accuracy` and gensim answer over the 30,000 most frequent words. */
export const DEFAULT_RESTRICT_VOCAB = 30_000;

export interface AnalogyOptions {
  method?: AnalogyMethod;
  /** Only the first N rows (the N most frequent words) take part, as questions and as answers. */
  restrictVocab?: number;
}

/**
 * Best k answers x to each question a : b :: c : x, given as row-id triples [a, b, c, ...],
 * among rows [0, rowLimit), skipping the ids `exclude(question)` lists.
 * 3CosAdd ranks by cos(x,b) - cos(x,a) + cos(x,c) (the same order as gensim's cosine with
 * b - a + c); 3CosMul by cos'(x,b) cos'(x,c) / (cos'(x,a) + 1e-3) with cos' = (cos + 1) / 2,
 * scored here as its logarithm (same order) so that both methods are sums.
 * Batched: the distinct question words are scanned against the vocabulary once as a
 * matrix-matrix product, block by block. Questions share their (a, b) pair with many others
 * (550 pairs make the 19,544 questions of questions-words), so each block first combines
 * the pairs, and a question then costs one load and one add per word.
 */
export function answerAnalogies(
  index: VectorIndex,
  triples: Int32Array,
  options: {
    method: AnalogyMethod;
    k: number;
    rowLimit: number;
    exclude: (question: number) => readonly number[];
  },
): TopK[] {
  const count = triples.length / 3;
  const distinct = [...new Set(triples)];
  const rowOf = new Map(distinct.map((id, i) => [id, i]));
  const pairOf = new Map<string, number>();
  const pairRows: number[] = [];
  const questionPair = new Int32Array(count);
  const questionC = new Int32Array(count);
  for (let t = 0; t < count; t++) {
    const key = `${triples[3 * t]} ${triples[3 * t + 1]}`;
    let pair = pairOf.get(key);
    if (pair === undefined) {
      pair = pairOf.size;
      pairOf.set(key, pair);
      pairRows.push(rowOf.get(triples[3 * t])!, rowOf.get(triples[3 * t + 1])!);
    }
    questionPair[t] = pair;
    questionC[t] = rowOf.get(triples[3 * t + 2])!;
  }
  const heaps = Array.from({ length: count }, () => new TopK(options.k));
  const excluded = heaps.map((_, t) => options.exclude(t));
  const cosmul = options.method === "3cosmul";
  let pairTerms = new Float64Array(0);
  index.scan(
    index.gather(distinct),
    distinct.length,
    (block, start, end) => {
      const n = end - start;
      if (pairTerms.length < pairOf.size * n) pairTerms = new Float64Array(pairOf.size * n);
      for (let p = 0; p < pairOf.size; p++) {
        const a = pairRows[2 * p] * n;
        const b = pairRows[2 * p + 1] * n;
        for (let j = 0; j < n; j++) {
          pairTerms[p * n + j] = cosmul
            ? Math.log((block[b + j] + 1) * 0.5) - Math.log((block[a + j] + 1) * 0.5 + COSMUL_EPSILON)
            : block[b + j] - block[a + j];
        }
      }
      // The c term: cos(x,c), or log cos'(x,c).
      if (cosmul) for (let i = 0; i < distinct.length * n; i++) block[i] = Math.log((block[i] + 1) * 0.5);
      for (let t = 0; t < count; t++) {
        const pair = questionPair[t] * n;
        const c = questionC[t] * n;
        const heap = heaps[t];
        let threshold = heap.threshold;
        // Hot loop, four words per pass; only the rare scores that would enter the top k
        // take the slow path that tests exclusion and updates the heap.
        let j = 0;
        for (; j + 4 <= n; j += 4) {
          const s0 = pairTerms[pair + j] + block[c + j];
          const s1 = pairTerms[pair + j + 1] + block[c + j + 1];
          const s2 = pairTerms[pair + j + 2] + block[c + j + 2];
          const s3 = pairTerms[pair + j + 3] + block[c + j + 3];
          if (s0 > threshold || s1 > threshold || s2 > threshold || s3 > threshold) {
            threshold = offerRange(heap, excluded[t], pairTerms, pair, block, c, start, j, j + 4);
          }
        }
        if (j < n) offerRange(heap, excluded[t], pairTerms, pair, block, c, start, j, n);
      }
    },
    options.rowLimit,
  );
  return heaps;
}

/** The slow path of `answerAnalogies`: offer words [from, to) of a block; returns the new threshold. */
function offerRange(
  heap: TopK,
  excluded: readonly number[],
  pairTerms: Float64Array,
  pair: number,
  block: Float64Array,
  c: number,
  start: number,
  from: number,
  to: number,
): number {
  for (let j = from; j < to; j++) {
    const score = pairTerms[pair + j] + block[c + j];
    if (score > heap.threshold && !excluded.includes(start + j)) heap.offer(start + j, score);
  }
  return heap.threshold;
}

/** Rows of `word` and its case variants among the first `rowLimit`: never an answer. */
function excludedVariants(index: VectorIndex, words: readonly string[], rowLimit: number): number[] {
  return words.flatMap((word) => index.lookup.variantIds(word).filter((id) => id < rowLimit));
}

/**
 * Answers to a : b :: c : ? (best first), a, b and c left out. The score is the cosine
 * with b - a + c for 3CosAdd (as gensim's `most_similar` reports it) and the 3CosMul score.
 */
export function solveAnalogy(
  index: VectorIndex,
  a: string,
  b: string,
  c: string,
  options: AnalogyOptions & { k?: number } = {},
): Neighbour[] {
  const method = options.method ?? "3cosadd";
  const rowLimit = Math.min(options.restrictVocab ?? index.size, index.size);
  const triple = Int32Array.from([a, b, c], (word) => index.requireId(word));
  const heaps = answerAnalogies(index, triple, {
    method,
    k: options.k ?? 10,
    rowLimit,
    exclude: () => excludedVariants(index, [a, b, c], rowLimit),
  });
  const [answers] = toNeighbours(index, heaps);
  if (method === "3cosmul")
    return answers.map((answer) => ({ ...answer, similarity: Math.exp(answer.similarity) }));
  const target = new Float64Array(index.dim);
  const [ua, ub, uc] = [...triple].map((id) => index.unitVector(id));
  for (let k = 0; k < index.dim; k++) target[k] = ub[k] - ua[k] + uc[k];
  const norm = Math.hypot(...target) || 1;
  return answers.map((answer) => ({ ...answer, similarity: answer.similarity / norm }));
}

export interface AnalogyScore {
  /** Questions in the file (or section). */
  questions: number;
  /** Questions whose four words are all among the restricted vocabulary. */
  covered: number;
  correct: number;
  /** correct / covered (0 when nothing is covered, as gensim reports it). */
  accuracy: number;
  /** covered / questions. */
  coverage: number;
}

export interface AnalogyResult {
  method: AnalogyMethod;
  /** Rows that took part: min(restrictVocab, vocabulary size). */
  restrictVocab: number;
  total: AnalogyScore;
  semantic: AnalogyScore;
  syntactic: AnalogyScore;
  sections: (AnalogyScore & { name: string })[];
}

function score(questions: number, covered: number, correct: number): AnalogyScore {
  return {
    questions,
    covered,
    correct,
    accuracy: covered === 0 ? 0 : correct / covered,
    coverage: questions === 0 ? 0 : covered / questions,
  };
}

function sum(parts: readonly AnalogyScore[]): AnalogyScore {
  const add = (key: "questions" | "covered" | "correct") =>
    parts.reduce((total, part) => total + part[key], 0);
  return score(add("questions"), add("covered"), add("correct"));
}

/**
 * Analogy accuracy counted the gensim way (`evaluate_word_analogies`): case-insensitive,
 * only questions whose four words are among the `restrictVocab` most frequent words are
 * asked, the answer is searched among those words too, a, b and c excluded.
 */
export function evaluateAnalogies(
  index: VectorIndex,
  sections: readonly AnalogySection[],
  options: AnalogyOptions = {},
): AnalogyResult {
  const method = options.method ?? "3cosadd";
  const rowLimit = Math.min(options.restrictVocab ?? DEFAULT_RESTRICT_VOCAB, index.size);
  const asked: { section: number; words: readonly string[]; expected: number }[] = [];
  const triples: number[] = [];
  sections.forEach((section, s) => {
    for (const words of section.questions) {
      const ids = words.map((word) => index.lookup.id(word));
      if (ids.some((id) => id < 0 || id >= rowLimit)) continue;
      asked.push({ section: s, words: words.slice(0, 3), expected: ids[3] });
      triples.push(ids[0], ids[1], ids[2]);
    }
  });
  const heaps = answerAnalogies(index, Int32Array.from(triples), {
    method,
    k: 1,
    rowLimit,
    exclude: (t) => excludedVariants(index, asked[t].words, rowLimit),
  });
  const correct = new Array<number>(sections.length).fill(0);
  const covered = new Array<number>(sections.length).fill(0);
  asked.forEach((question, t) => {
    covered[question.section]++;
    const [best] = heaps[t].sorted();
    if (best && index.lookup.id(index.words[best.id]) === question.expected) correct[question.section]++;
  });
  const perSection = sections.map((section, s) => ({
    name: section.name,
    ...score(section.questions.length, covered[s], correct[s]),
  }));
  return {
    method,
    restrictVocab: rowLimit,
    total: sum(perSection),
    semantic: sum(perSection.filter((section) => !isSyntacticSection(section.name))),
    syntactic: sum(perSection.filter((section) => isSyntacticSection(section.name))),
    sections: perSection,
  };
}
