import { parseExperiment, resolveConfig } from "@w2v/config";
import { describe, expect, it } from "vitest";
import { LearningMonitor } from "./learning-monitor.js";

function params(vocabSize = 100, dim = 8) {
  const input = Float32Array.from({ length: vocabSize * dim }, (_, i) => Math.sin(i));
  return { vocabSize, dim, input, output: input.map((x) => x / 2), bias: null };
}

const learnsNothing = resolveConfig(
  parseExperiment({
    model: { loss: "nce", samples: 1, init: "tensorflow" },
    trainer: { lr: 0.001, optimizer: "sgd", diagnostics: { warmupSteps: 100 } },
  }),
);

describe("LearningMonitor", () => {
  it("measures update/weight ratios and the rows that moved", () => {
    const p = params();
    const monitor = new LearningMonitor(p);
    for (let i = 0; i < 8; i++) p.input[i] += 0.01; // row 0 moves
    const health = monitor.check();
    expect(health.input.rowsMoved).toBeCloseTo(1 / 100);
    let norm2 = 0;
    for (const x of p.input) norm2 += x * x;
    expect(health.input.updateRatio).toBeCloseTo(Math.sqrt((8 * 0.01 ** 2) / norm2), 6);
    expect(health.output.updateRatio).toBe(0);
    expect(health.finite).toBe(true);
    expect(monitor.check().input.rowsMoved).toBe(0); // measured against the previous check
  });

  it("diagnoses a stalled loss after the warm-up, naming the likely causes, once", () => {
    const monitor = new LearningMonitor(params());
    monitor.observeLoss(1.4);
    const health = monitor.check();
    expect(monitor.diagnose(learnsNothing, 50, 1.4, health)).toBeNull(); // still warming up
    const diagnosis = monitor.diagnose(learnsNothing, 150, 1.39, health);
    expect(diagnosis).toContain("does not seem to learn");
    expect(diagnosis).toContain("learning rate 0.001");
    expect(diagnosis).toContain("1 noise sample");
    expect(diagnosis).toContain("uniform in [-1, 1)");
    expect(monitor.diagnose(learnsNothing, 300, 1.39, health)).toBeNull();
  });

  it("stays quiet for a run whose loss falls and whose weights move", () => {
    const p = params();
    const monitor = new LearningMonitor(p);
    monitor.observeLoss(4.0);
    for (let i = 0; i < p.input.length; i++) p.input[i] *= 1.01;
    for (let i = 0; i < p.output.length; i++) p.output[i] *= 1.01;
    expect(monitor.diagnose(learnsNothing, 500, 2.5, monitor.check())).toBeNull();
  });

  it("does not call a rising loss with large updates a stall (cs20's NCE runs rise first)", () => {
    const p = params();
    const monitor = new LearningMonitor(p);
    monitor.observeLoss(40);
    for (let i = 0; i < p.input.length; i++) p.input[i] *= 1.05;
    for (let i = 0; i < p.output.length; i++) p.output[i] *= 1.05;
    expect(monitor.diagnose(learnsNothing, 500, 110, monitor.check())).toBeNull();
  });

  it("flags tiny updates even when the loss wobbles down, and detects NaN", () => {
    const p = params();
    const monitor = new LearningMonitor(p);
    monitor.observeLoss(2.0);
    p.input[5] += 1e-9;
    expect(monitor.diagnose(learnsNothing, 500, 1.5, monitor.check())).toContain("updates are tiny");
    p.output[3] = Number.NaN;
    expect(monitor.check().finite).toBe(false);
  });
});
