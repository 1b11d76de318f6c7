import { Rng } from "@w2v/data";
import { describe, expect, it } from "vitest";
import { COSMUL_EPSILON, evaluateAnalogies, solveAnalogy } from "./analogies.js";
import { parseAnalogyQuestions } from "./analogy-questions.js";
import { VectorIndex } from "./vector-index.js";

// Axes: person, female, royal. "King" is a rarer case variant of "king" placed close to where
// king - man + woman points (cosine 0.9994), so it would beat queen (0.9753) unless case
// variants of a, b, c are excluded. Scores by hand (3CosAdd): man:king::woman:? queen 1.0556,
// prince 0.4857, apple -0.3877; woman:queen::man:? king 1.0236, prince 1.0136;
// man:prince::woman:? queen 0.8023, King 0.7976, king 0.7290.
const royalWords = ["man", "woman", "king", "queen", "prince", "apple", "King"];
const royal = new VectorIndex({
  words: royalWords,
  vectors: Float32Array.from([1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, -0.5, 0.9, 0.2, 0.3, -1, 0.4, 0.7, 0.7]),
  dim: 3,
});

/** Unit vector at `degrees` in the plane. */
const at = (degrees: number) => [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180)];
// a, b, c at 0, 15 and 30 degrees: b - a + c points at 45 degrees.
const planeWords = ["a", "b", "c", "forty-five", "one-eighty"];
const plane = new VectorIndex({
  words: planeWords,
  vectors: Float32Array.from([0, 15, 30, 45, 180].flatMap(at)),
  dim: 2,
});
const shifted = (degrees: number) => (Math.cos((degrees * Math.PI) / 180) + 1) / 2;

describe("solveAnalogy", () => {
  it("answers man : king :: woman : queen by both methods, excluding a, b, c and their case variants", () => {
    for (const method of ["3cosadd", "3cosmul"] as const) {
      const answers = solveAnalogy(royal, "man", "king", "woman", { method });
      expect(answers.map((a) => a.word)).toEqual(["queen", "prince", "apple"]);
    }
  });

  it("reports the cosine with b - a + c for 3CosAdd, as gensim's most_similar does", () => {
    // Unit vectors: king = (1,0,1)/sqrt2, man = (1,0,0), woman = (1,1,0)/sqrt2, queen = (1,1,1)/sqrt3.
    const r = Math.SQRT1_2;
    const target = [r - 1 + r, r, r];
    const expected = (target[0] + target[1] + target[2]) / Math.sqrt(3) / Math.hypot(...target);
    expect(solveAnalogy(royal, "man", "king", "woman")[0].similarity).toBeCloseTo(expected, 6);
    expect(expected).toBeCloseTo(0.97528686, 6);
  });

  it("tells 3CosAdd from 3CosMul where they disagree", () => {
    // 3CosAdd: cos(x,b) - cos(x,a) + cos(x,c) is 1.1248 for 45 degrees, -0.8320 for 180 degrees.
    const add = solveAnalogy(plane, "a", "b", "c", { method: "3cosadd" });
    expect(add.map((a) => a.word)).toEqual(["forty-five", "one-eighty"]);
    // 3CosMul: 180 degrees is opposite a, so cos'(x,a) = 0 and only epsilon keeps the ratio finite.
    const mulOf = (x: number) => (shifted(x - 15) * shifted(x - 30)) / (shifted(x) + COSMUL_EPSILON);
    expect(mulOf(45)).toBeCloseTo(1.0732119, 6);
    expect(mulOf(180)).toBeCloseTo(1.1412684, 6);
    const mul = solveAnalogy(plane, "a", "b", "c", { method: "3cosmul" });
    expect(mul.map((a) => a.word)).toEqual(["one-eighty", "forty-five"]);
    expect(mul[0].similarity).toBeCloseTo(mulOf(180), 5);
    expect(mul[1].similarity).toBeCloseTo(mulOf(45), 5);
  });

  it("searches only the first restrictVocab words when asked", () => {
    expect(solveAnalogy(royal, "man", "king", "woman", { restrictVocab: 4 }).map((a) => a.word)).toEqual([
      "queen",
    ]);
  });
});

describe("evaluateAnalogies", () => {
  const sections = parseAnalogyQuestions(
    [
      ": royalty",
      "man king woman queen",
      "MAN KING WOMAN QUEEN",
      "man king woman zebra",
      ": gram1-royalty",
      "woman queen man king",
      "man king woman prince",
      "man prince woman apple",
    ].join("\n"),
  );

  it("counts accuracy over covered questions, case-insensitively, split into semantic and syntactic", () => {
    const result = evaluateAnalogies(royal, sections);
    expect(result.sections).toEqual([
      { name: "royalty", questions: 3, covered: 2, correct: 2, accuracy: 1, coverage: 2 / 3 },
      { name: "gram1-royalty", questions: 3, covered: 3, correct: 1, accuracy: 1 / 3, coverage: 1 },
    ]);
    expect(result.semantic).toMatchObject({ questions: 3, covered: 2, correct: 2 });
    expect(result.syntactic).toMatchObject({ questions: 3, covered: 3, correct: 1 });
    expect(result.total).toEqual({ questions: 6, covered: 5, correct: 3, accuracy: 3 / 5, coverage: 5 / 6 });
    expect(result.restrictVocab).toBe(royalWords.length);
  });

  it("leaves out questions with a word beyond the restricted vocabulary", () => {
    const result = evaluateAnalogies(royal, sections, { restrictVocab: 5 });
    // "apple" is word 6: the last question is no longer covered.
    expect(result.total).toMatchObject({ questions: 6, covered: 4, correct: 3 });
  });

  it("scores each method by its own answers", () => {
    const questions = parseAnalogyQuestions(": plane\na b c forty-five");
    expect(evaluateAnalogies(plane, questions, { method: "3cosadd" }).total.correct).toBe(1);
    expect(evaluateAnalogies(plane, questions, { method: "3cosmul" }).total.correct).toBe(0);
  });

  it("agrees with a per-question brute force on a vocabulary spanning many blocks", () => {
    const rng = new Rng(11);
    const size = 1300;
    const dim = 8;
    const words = Array.from({ length: size }, (_, i) => `w${i}`);
    const vectors = Float32Array.from({ length: size * dim }, () => rng.nextGaussian());
    const index = new VectorIndex({ words, vectors, dim });
    const questions = Array.from({ length: 150 }, () => {
      const ids = [0, 0, 0].map(() => rng.nextInt(size));
      return [...ids.map((id) => words[id]), words[rng.nextInt(size)]] as const;
    });
    const cosine = (i: number, j: number) => {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += index.unit[i * dim + k] * index.unit[j * dim + k];
      return dot;
    };
    for (const method of ["3cosadd", "3cosmul"] as const) {
      const expectedAnswers = questions.map(([a, b, c]) => {
        const [ia, ib, ic] = [a, b, c].map((w) => index.lookup.id(w));
        let best = -1;
        let bestScore = Number.NEGATIVE_INFINITY;
        for (let x = 0; x < size; x++) {
          if (x === ia || x === ib || x === ic) continue;
          const s = (y: number) => (cosine(x, y) + 1) / 2;
          const score =
            method === "3cosadd"
              ? cosine(x, ib) - cosine(x, ia) + cosine(x, ic)
              : (s(ib) * s(ic)) / (s(ia) + COSMUL_EPSILON);
          if (score > bestScore) [best, bestScore] = [x, score];
        }
        return words[best];
      });
      // Ask each question with its brute-force answer as the expected word: all must be right.
      const asked = parseAnalogyQuestions(
        `: random\n${questions.map(([a, b, c], i) => `${a} ${b} ${c} ${expectedAnswers[i]}`).join("\n")}`,
      );
      expect(evaluateAnalogies(index, asked, { method }).total).toMatchObject({ covered: 150, correct: 150 });
    }
  });
});
