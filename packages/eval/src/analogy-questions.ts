import { readFileSync } from "node:fs";

export type AnalogyQuestion = readonly [a: string, b: string, c: string, expected: string];

export interface AnalogySection {
  name: string;
  questions: AnalogyQuestion[];
}

/**
 * Parse the questions-words format of word2vec's `compute-accuracy`: sections open with a
 * `: name` line, each other non-blank line is `a b c d` (a is to b as c is to d).
 */
export function parseAnalogyQuestions(text: string, file = "<analogies>"): AnalogySection[] {
  const sections: AnalogySection[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "") return;
    if (line.startsWith(":")) {
      const name = line.slice(1).trim();
      if (name === "") throw new Error(`${file}:${index + 1}: section header without a name`);
      sections.push({ name, questions: [] });
      return;
    }
    const words = line.split(/\s+/);
    if (words.length !== 4) {
      throw new Error(`${file}:${index + 1}: expected 4 words (a b c d), found ${words.length}: "${line}"`);
    }
    const section = sections.at(-1);
    if (!section) throw new Error(`${file}:${index + 1}: question before the first ": section" line`);
    section.questions.push(words as unknown as AnalogyQuestion);
  });
  if (sections.length === 0) throw new Error(`${file}: no ": section" line, is this a questions-words file?`);
  return sections;
}

export function readAnalogyQuestions(path: string): AnalogySection[] {
  return parseAnalogyQuestions(readFileSync(path, "utf8"), path);
}

/** Syntactic sections are word2vec's `gram*` ones; every other section is semantic. */
export function isSyntacticSection(name: string): boolean {
  return name.startsWith("gram");
}
