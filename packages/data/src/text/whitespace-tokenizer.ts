import type { TokenSink } from "./corpus-builder.js";

/** Space, tab, newline, vertical tab, form feed and carriage return. */
function isSpace(byte: number): boolean {
  return byte === 32 || (byte >= 9 && byte <= 13);
}

/**
 * Splits whitespace-separated bytes (PTB, text8) arriving in chunks, without decoding a
 * chunk into one string: tokens are the runs between ASCII whitespace bytes (safe for
 * UTF-8, whose multi-byte sequences never contain them). When `newlineEndsSentence`,
 * each line is a sentence (PTB); otherwise the text is one stream of words (text8).
 */
export class WhitespaceTokenizer {
  /** Bytes of a token that a chunk boundary cut in two. */
  private carry: Buffer | null = null;

  constructor(
    private readonly sink: TokenSink,
    private readonly newlineEndsSentence: boolean,
  ) {}

  push(chunk: Buffer): void {
    const sink = this.sink;
    const length = chunk.length;
    let i = 0;
    if (this.carry) {
      while (i < length && !isSpace(chunk[i])) i++;
      if (i === length) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return;
      }
      const word = Buffer.concat([this.carry, chunk.subarray(0, i)]);
      sink.addBytes(word, 0, word.length);
      this.carry = null;
    }
    let start = -1;
    for (; i < length; i++) {
      const byte = chunk[i];
      if (byte === 32 || (byte >= 9 && byte <= 13)) {
        if (start >= 0) {
          sink.addBytes(chunk, start, i);
          start = -1;
        }
        if (byte === 10 && this.newlineEndsSentence) sink.endSentence();
      } else if (start < 0) {
        start = i;
      }
    }
    if (start >= 0) this.carry = Buffer.from(chunk.subarray(start));
  }

  end(): void {
    if (this.carry) this.sink.addBytes(this.carry, 0, this.carry.length);
    this.carry = null;
    this.sink.endSentence();
  }
}
