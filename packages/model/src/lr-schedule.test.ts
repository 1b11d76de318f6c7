import { describe, expect, it } from "vitest";
import { learningRateAt } from "./lr-schedule.js";

const schedule = { minFraction: 1e-4, stepEvery: 10, gamma: 0.5 };

describe("learningRateAt", () => {
  it("linear: word2vec's lr0 * (1 - step / (total + 1)), floored at lr0 * minFraction", () => {
    const linear = { ...schedule, type: "linear" } as const;
    expect(learningRateAt(linear, 0.025, 0, 99)).toBe(0.025);
    expect(learningRateAt(linear, 0.025, 50, 99)).toBeCloseTo(0.025 * 0.5, 12);
    expect(learningRateAt(linear, 0.025, 99, 99)).toBeCloseTo(0.025 / 100, 12);
    expect(learningRateAt({ ...linear, minFraction: 0.1 }, 0.025, 99, 99)).toBeCloseTo(0.0025, 12);
    expect(learningRateAt(linear, 0.025, 500, 99)).toBeCloseTo(0.025 * 1e-4, 12);
  });

  it("constant and step", () => {
    expect(learningRateAt({ ...schedule, type: "constant" }, 1, 1234, 10)).toBe(1);
    const step = { ...schedule, type: "step" } as const;
    expect(learningRateAt(step, 1, 9, 100)).toBe(1);
    expect(learningRateAt(step, 1, 10, 100)).toBe(0.5);
    expect(learningRateAt(step, 1, 35, 100)).toBe(0.125);
  });
});
