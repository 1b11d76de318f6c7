import { describe, expect, it } from "vitest";
import { diffConfigs } from "./config-paths.js";

describe("diffConfigs", () => {
  it("lists changed fields and marks which are safe on resume", () => {
    const before = {
      trainer: { epochs: 5, lr: 0.025, threads: 2, checkpoint: { every: 10 } },
      logging: { every: 10 },
    };
    const after = {
      trainer: { epochs: 8, lr: 0.05, threads: 1, checkpoint: { every: 10 } },
      logging: { every: 20 },
    };
    expect(diffConfigs(before, after)).toEqual([
      { path: "logging.every", before: 10, after: 20, safe: true },
      { path: "trainer.epochs", before: 5, after: 8, safe: true },
      { path: "trainer.lr", before: 0.025, after: 0.05, safe: false },
      { path: "trainer.threads", before: 2, after: 1, safe: true },
    ]);
    expect(diffConfigs(before, before)).toEqual([]);
  });
});
