// `pnpm bench eval`: the full analogy set (19,544 questions) on a random 70k x 100 matrix whose
// vocabulary holds every question word among its 30,000 most frequent, so coverage is real.
// Prints figures as it goes; the last line is JSON with `analogy_seconds`.
import { Rng } from "@w2v/data";
import {
  type AnalogySection,
  evaluateAnalogies,
  mostSimilar,
  mostSimilarMany,
  readAnalogyQuestions,
  resolveEvalPath,
  VectorIndex,
} from "../src/index.js";

const VOCAB = 70_000;
const DIM = 100;
const RESTRICT = 30_000;

function questionSections(rng: Rng): { sections: AnalogySection[]; source: string } {
  try {
    const path = resolveEvalPath("analogies");
    return { sections: readAnalogyQuestions(path), source: path };
  } catch (error) {
    console.log(
      `no questions-words.txt (${(error as Error).message}); using 19,544 synthetic questions over 905 words`,
    );
    const words = Array.from({ length: 905 }, (_, i) => `q${i}`);
    const pick = () => words[rng.nextInt(words.length)];
    const questions = Array.from({ length: 19_544 }, () => [pick(), pick(), pick(), pick()] as const);
    return { sections: [{ name: "synthetic", questions }], source: "synthetic" };
  }
}

const rng = new Rng(2024);
const { sections, source } = questionSections(rng);
const questionWords = [...new Set(sections.flatMap((s) => s.questions.flat().map((w) => w.toLowerCase())))];
// Question words at random ranks among the 30,000 most frequent, synthetic words elsewhere.
const words = Array.from({ length: VOCAB }, (_, i) => `w${i}`);
const ranks = new Set<number>();
while (ranks.size < questionWords.length) ranks.add(rng.nextInt(RESTRICT));
[...ranks].forEach((rank, i) => {
  words[rank] = questionWords[i];
});
const vectors = Float32Array.from({ length: VOCAB * DIM }, () => rng.nextGaussian());
console.log(
  `${VOCAB} x ${DIM} random vectors, ${questionWords.length} question words, questions from ${source}`,
);

/** Wall-clock seconds, and CPU seconds of this process (less disturbed by other work on the machine). */
function time<T>(run: () => T): { result: T; seconds: number; cpuSeconds: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(cpu);
  return { result, seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

const add = time(() =>
  evaluateAnalogies(new VectorIndex({ words, vectors, dim: DIM }), sections, { method: "3cosadd" }),
);
console.log(
  `3CosAdd: ${add.result.total.questions} questions, coverage ${(100 * add.result.total.coverage).toFixed(1)}%, ` +
    `accuracy ${(100 * add.result.total.accuracy).toFixed(2)}% in ${add.seconds.toFixed(2)} s (${add.cpuSeconds.toFixed(2)} s CPU)`,
);
const mul = time(() =>
  evaluateAnalogies(new VectorIndex({ words, vectors, dim: DIM }), sections, { method: "3cosmul" }),
);
console.log(
  `3CosMul: accuracy ${(100 * mul.result.total.accuracy).toFixed(2)}% in ${mul.seconds.toFixed(2)} s`,
);

const index = new VectorIndex({ words, vectors, dim: DIM });
const one = time(() => mostSimilar(index, questionWords[0], 10));
console.log(`neighbours of one word over ${VOCAB} words: ${(one.seconds * 1000).toFixed(1)} ms`);
const probes = questionWords.slice(0, 20);
const many = time(() => mostSimilarMany(index, probes, 10));
console.log(`neighbours of ${probes.length} words at once: ${(many.seconds * 1000).toFixed(1)} ms`);

console.log(
  JSON.stringify({
    analogy_seconds: Number(add.seconds.toFixed(3)),
    analogy_cpu_seconds: Number(add.cpuSeconds.toFixed(3)),
    analogy_3cosmul_seconds: Number(mul.seconds.toFixed(3)),
    questions: add.result.total.questions,
    coverage: add.result.total.coverage,
    vocab: VOCAB,
    dim: DIM,
    restrict_vocab: RESTRICT,
    neighbours_ms: Number((one.seconds * 1000).toFixed(2)),
    neighbours_20_ms: Number((many.seconds * 1000).toFixed(2)),
  }),
);
