import { describe, expect, it } from "vitest";
import { WordTable } from "./word-table.js";

describe("WordTable", () => {
  it("gives each distinct byte string one index, in order of first appearance, through rehashes", () => {
    const table = new WordTable();
    const words = Array.from({ length: 100_000 }, (_, i) => `w${i}é`);
    const bytes = Buffer.from(words.join(" "));
    const indices: number[] = [];
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 32) {
        indices.push(table.intern(bytes, start, i));
        start = i + 1;
      }
    }
    expect(indices).toEqual(words.map((_, i) => i));
    expect(table.size).toBe(100_000);
    const again = Buffer.from("w99999é w0é w5");
    expect([table.intern(again, 0, 8), table.intern(again, 9, 13), table.intern(again, 14, 16)]).toEqual([
      99_999, 0, 100_000,
    ]);
    const decoded = table.words();
    expect(decoded.slice(0, 2)).toEqual(["w0é", "w1é"]);
    expect(decoded[100_000]).toBe("w5");
  });
});
