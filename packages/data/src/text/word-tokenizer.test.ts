import { describe, expect, it } from "vitest";
import { DataError } from "../data-error.js";
import { CorpusBuilder } from "./corpus-builder.js";
import { WordTokenizer } from "./word-tokenizer.js";

function words(chunks: Buffer[], lowercase = true): string[][] {
  const builder = new CorpusBuilder();
  const tokenizer = new WordTokenizer(builder, lowercase, "input.txt");
  for (const chunk of chunks) tokenizer.push(chunk);
  tokenizer.endFile();
  const built = builder.finish({
    minCount: 1,
    maxVocab: null,
    unknownWords: "drop",
    unkToken: "<unk>",
    maxSentenceLength: 1000,
  });
  const out: string[][] = [];
  for (let s = 0; s + 1 < built.sentenceStarts.length; s++) {
    out.push(
      Array.from(
        built.ids.subarray(built.sentenceStarts[s], built.sentenceStarts[s + 1]),
        (id) => built.vocab.words[id],
      ),
    );
  }
  return out;
}

describe("WordTokenizer (the text corpus rule)", () => {
  it("keeps letters, digits and inner apostrophes, drops punctuation, one sentence per line", () => {
    const text = "Don't panic: it's 42 o'clock!\nState-of-the-art, l’Été\n\n'quoted' end.";
    expect(words([Buffer.from(text)])).toEqual([
      ["don't", "panic", "it's", "42", "o'clock"],
      ["state", "of", "the", "art", "l’été"],
      ["quoted", "end"],
    ]);
    expect(words([Buffer.from("Hello World")], false)).toEqual([["Hello", "World"]]);
  });

  it("normalises to NFC so composed and decomposed forms are one word", () => {
    expect(words([Buffer.from("cafe\u0301 café")])).toEqual([["café", "café"]]);
  });

  it("gives the same tokens whatever the chunk boundaries", () => {
    const bytes = Buffer.from("Über naïve Zürich façade\nzweite Zeile");
    const whole = words([bytes]);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(words([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(whole);
    }
  });

  it("rejects bytes that are not UTF-8, naming the file", () => {
    expect(() => words([Buffer.from([0x61, 0x20, 0xff, 0xfe, 0x20, 0x62])])).toThrow(DataError);
    expect(() => words([Buffer.from([0x61, 0x20, 0xff])])).toThrow(/input.txt is not valid UTF-8/);
  });
});
