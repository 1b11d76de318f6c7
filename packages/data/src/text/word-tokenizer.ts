import { DataError } from "../data-error.js";
import type { TokenSink } from "./corpus-builder.js";

/**
 * The tokenisation rule of `text` corpora: a token is a run of Unicode letters, marks and
 * digits, joined across a single inner apostrophe (don't, o'clock, l’homme); every other
 * character (spaces, punctuation, symbols, hyphens) separates tokens and is dropped.
 * Text is NFC-normalised and, with `lowercase`, lowercased (locale-independent).
 * Each line is a sentence.
 */
export const WORD_PATTERN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
export const TEXT_TOKENIZER = "unicode-words-v1";

/** Longest run kept waiting for whitespace before it is tokenised anyway. */
const MAX_CARRY = 1 << 20;

export class WordTokenizer {
  /** Fatal: a corpus must not change silently through replacement characters. */
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private carry = "";

  constructor(
    private readonly sink: TokenSink,
    private readonly lowercase: boolean,
    private readonly file: string,
  ) {}

  /** Chunks of one file; `endFile` before the next file starts. */
  push(chunk: Buffer): void {
    const text = this.carry + this.decode(chunk, true);
    // Cut at the last whitespace so that no token (or combining sequence) is split.
    let cut = text.length;
    while (cut > 0 && !/\s/.test(text[cut - 1])) cut--;
    if (cut === 0 && text.length < MAX_CARRY) {
      this.carry = text;
      return;
    }
    if (cut === 0) cut = text.length;
    this.carry = text.slice(cut);
    this.tokenise(text.slice(0, cut));
  }

  endFile(): void {
    this.tokenise(this.carry + this.decode(undefined, false));
    this.carry = "";
    this.sink.endSentence();
  }

  private decode(chunk: Buffer | undefined, stream: boolean): string {
    try {
      return this.decoder.decode(chunk, { stream });
    } catch {
      throw new DataError(`${this.file} is not valid UTF-8 text (data.corpus "text" reads UTF-8 only)`);
    }
  }

  private tokenise(text: string): void {
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i].normalize("NFC");
      if (this.lowercase) line = line.toLowerCase();
      for (const match of line.matchAll(WORD_PATTERN)) this.sink.add(match[0]);
      if (i < lines.length - 1) this.sink.endSentence();
    }
  }
}
