import { describe, expect, it } from "vitest";
import { Rng } from "./rng.js";

describe("Rng", () => {
  it("repeats its sequence for a seed and differs between seeds", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const seqA = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.nextU32())).not.toEqual(seqA);
  });

  it("continues exactly from a saved state", () => {
    const rng = new Rng(7);
    for (let i = 0; i < 100; i++) rng.nextU32();
    const restored = Rng.fromState(rng.getState());
    expect(Array.from({ length: 10 }, () => restored.nextFloat())).toEqual(
      Array.from({ length: 10 }, () => rng.nextFloat()),
    );
  });

  it("derives distinct, reproducible streams by label", () => {
    expect(Rng.derive(1, "windows").nextU32()).toBe(Rng.derive(1, "windows").nextU32());
    expect(Rng.derive(1, "windows").nextU32()).not.toBe(Rng.derive(1, "negatives").nextU32());
    expect(Rng.derive(1, "thread", 0).nextU32()).not.toBe(Rng.derive(1, "thread", 1).nextU32());
  });

  it("draws uniform floats and integers", () => {
    const rng = new Rng(3);
    const counts = new Array(10).fill(0);
    let sum = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = rng.nextFloat();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
      counts[rng.nextInt(10)]++;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    for (const count of counts) expect(Math.abs(count - n / 10)).toBeLessThan(5 * Math.sqrt(n / 10));
  });
});
