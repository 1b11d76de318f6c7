import { Vocab } from "@w2v/data";
import { describe, expect, it } from "vitest";
import { neighboursMarkdown, neighboursText, probeNeighbours } from "./probe-neighbours.js";

// Four words in two directions: "a" and "b" along x, "c" and "dd" along y ("dd" a little off).
const vocab = new Vocab(["a", "b", "c", "dd"], [40, 30, 20, 10]);
const input = Float32Array.from([1, 0, 2, 0.1, 0, 1, 0.2, 3]);
const params = { vocabSize: 4, dim: 2, input, output: new Float32Array(8), bias: null };

describe("probeNeighbours", () => {
  it("ranks the other words by cosine of the input vectors, k of them, and skips unknown probes", () => {
    const rows = probeNeighbours(vocab, params, ["a", "nope", "dd"], 2);
    expect(rows.map((row) => row.word)).toEqual(["a", "dd"]);
    expect(rows[0].neighbours.map((n) => n.word)).toEqual(["b", "dd"]);
    expect(rows[0].neighbours[0].similarity).toBeCloseTo(2 / Math.hypot(2, 0.1), 6);
    expect(rows[1].neighbours.map((n) => n.word)).toEqual(["c", "b"]);
    expect(rows[1].neighbours[0].similarity).toBeCloseTo(3 / Math.hypot(0.2, 3), 6);
    expect(probeNeighbours(vocab, params, ["nope"], 2)).toEqual([]);
  });

  it("formats a Markdown table for the Text tab and aligned lines for the console", () => {
    const rows = probeNeighbours(vocab, params, ["a", "dd"], 2);
    expect(neighboursMarkdown(rows)).toBe(
      [
        "| word | nearest neighbours (cosine) |",
        "| --- | --- |",
        "| a | b (1.00), dd (0.07) |",
        "| dd | c (1.00), b (0.12) |",
      ].join("\n"),
    );
    expect(neighboursText(rows)).toBe(["  a   b 1.00, dd 0.07", "  dd  c 1.00, b 0.12"].join("\n"));
  });
});
