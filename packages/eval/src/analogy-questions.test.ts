import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isSyntacticSection, parseAnalogyQuestions, readAnalogyQuestions } from "./analogy-questions.js";

const dataDir = process.env.W2V_DATA_DIR;
if (!dataDir)
  console.warn("analogy-questions.test: W2V_DATA_DIR unset, skipping the real questions-words checks");

describe("parseAnalogyQuestions", () => {
  it("groups questions under their `: name` sections", () => {
    expect(parseAnalogyQuestions(": capitals\nAthens Greece Baghdad Iraq\n\n: gram1-x\na b c d\n")).toEqual([
      { name: "capitals", questions: [["Athens", "Greece", "Baghdad", "Iraq"]] },
      { name: "gram1-x", questions: [["a", "b", "c", "d"]] },
    ]);
  });

  it("names the file and line of malformed input", () => {
    expect(() => parseAnalogyQuestions(": s\na b c\n", "q.txt")).toThrow(
      "q.txt:2: expected 4 words (a b c d), found 3",
    );
    expect(() => parseAnalogyQuestions("a b c d\n", "q.txt")).toThrow(
      'q.txt:1: question before the first ": section" line',
    );
    expect(() => parseAnalogyQuestions("\n", "q.txt")).toThrow('q.txt: no ": section" line');
  });

  it.skipIf(!dataDir)(
    "reads word2vec's questions-words.txt: 14 sections, 8869 semantic + 10675 syntactic",
    () => {
      const sections = readAnalogyQuestions(join(dataDir!, "eval", "questions-words.txt"));
      const count = (list: typeof sections) => list.reduce((n, s) => n + s.questions.length, 0);
      expect(sections).toHaveLength(14);
      expect(count(sections)).toBe(19544);
      expect(sections.slice(0, 5).every((s) => !isSyntacticSection(s.name))).toBe(true);
      expect(count(sections.filter((s) => !isSyntacticSection(s.name)))).toBe(8869);
      expect(count(sections.filter((s) => isSyntacticSection(s.name)))).toBe(10675);
    },
  );
});
