import { describe, expect, it } from "vitest";
import { SentenceRing } from "./sentence-ring.js";

// sentences of 3, 1, 4, 2 words; the ring starts at sentence 2: 4, 2, 3, 1 words
const starts = Int32Array.from([0, 3, 4, 8, 10]);
const ring = new SentenceRing(starts, 2);

describe("SentenceRing", () => {
  it("counts the words before a cursor over epochs", () => {
    expect(ring.epochWords).toBe(10);
    expect([0, 1, 2, 3, 4, 5, 9].map((c) => ring.wordsBefore(c))).toEqual([0, 4, 6, 9, 10, 14, 24]);
  });

  it("finds the first cursor with enough words before it", () => {
    expect(ring.cursorReaching(0, 0)).toBe(0);
    expect(ring.cursorReaching(1, 0)).toBe(1);
    expect(ring.cursorReaching(4, 0)).toBe(1);
    expect(ring.cursorReaching(5, 0)).toBe(2);
    expect(ring.cursorReaching(10, 0)).toBe(4);
    expect(ring.cursorReaching(11, 0)).toBe(5);
    expect(ring.cursorReaching(20, 0)).toBe(8);
    // never before `from`
    expect(ring.cursorReaching(5, 3)).toBe(3);
  });

  it("cuts a range into lanes of about equal words that cover it once", () => {
    // cursors 1..8: 2, 3, 1, 4, 2, 3, 1 words (16); halves at 8 words
    const lanes = ring.lanes(1, 8, 2);
    expect(lanes).toEqual([
      [0, 4],
      [4, 7],
    ]);
    expect(ring.lanes(1, 2, 3)).toEqual([
      [0, 1],
      [1, 1],
      [1, 1],
    ]);
  });
});
