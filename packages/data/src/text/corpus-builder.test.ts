import { describe, expect, it } from "vitest";
import { CorpusBuilder } from "./corpus-builder.js";
import type { VocabOptions } from "./vocab.js";
import { WhitespaceTokenizer } from "./whitespace-tokenizer.js";

const options: VocabOptions & { maxSentenceLength: number } = {
  minCount: 1,
  maxVocab: null,
  unknownWords: "drop",
  unkToken: "<unk>",
  maxSentenceLength: 1000,
};

function sentences(built: ReturnType<CorpusBuilder["finish"]>): string[][] {
  const out: string[][] = [];
  for (let s = 0; s + 1 < built.sentenceStarts.length; s++) {
    const ids = built.ids.subarray(built.sentenceStarts[s], built.sentenceStarts[s + 1]);
    out.push(Array.from(ids, (id) => built.vocab.words[id]));
  }
  return out;
}

function tokenise(chunks: (string | Buffer)[], newlineEndsSentence: boolean, finish = options) {
  const builder = new CorpusBuilder(2);
  const tokenizer = new WhitespaceTokenizer(builder, newlineEndsSentence);
  for (const chunk of chunks) tokenizer.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  tokenizer.end();
  return builder.finish(finish);
}

describe("WhitespaceTokenizer + CorpusBuilder", () => {
  it("reads PTB lines as sentences, whatever the chunk boundaries, skipping empty lines", () => {
    const text = " the cat <unk> sat \n\n on the mat \n a\tb\r\n";
    const whole = tokenise([text], true);
    expect(sentences(whole)).toEqual([
      ["the", "cat", "<unk>", "sat"],
      ["on", "the", "mat"],
      ["a", "b"],
    ]);
    expect(whole.rawTokenCount).toBe(9);
    for (let cut = 1; cut < text.length; cut++) {
      const split = tokenise([text.slice(0, cut), text.slice(cut)], true);
      expect(sentences(split)).toEqual(sentences(whole));
    }
    // A token spread over three chunks.
    expect(sentences(tokenise(["ab", "c", "d e"], true))).toEqual([["abcd", "e"]]);
  });

  it("keeps a UTF-8 character cut by a chunk boundary whole", () => {
    const bytes = Buffer.from("café naïve\n");
    expect(sentences(tokenise([bytes.subarray(0, 4), bytes.subarray(4)], true))).toEqual([["café", "naïve"]]);
  });

  it("reads text8 as one stream of words cut every maxSentenceLength in-vocabulary words", () => {
    const kept = tokenise([" a b rare a b a b a \n b"], false, {
      ...options,
      minCount: 2,
      maxSentenceLength: 3,
    });
    expect(sentences(kept)).toEqual([
      ["a", "b", "a"],
      ["b", "a", "b"],
      ["a", "b"],
    ]);
    expect(kept.rawTokenCount).toBe(9);
  });

  it("maps out-of-vocabulary tokens to the unknown token in unk mode", () => {
    const built = tokenise(["x y z x\ny\n"], true, {
      ...options,
      minCount: 2,
      unknownWords: "unk",
      unkToken: "UNK",
    });
    expect(sentences(built)).toEqual([["x", "y", "UNK", "x"], ["y"]]);
    expect(built.vocab.words).toEqual(["x", "y", "UNK"]);
  });
});
