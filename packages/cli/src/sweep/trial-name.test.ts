import { ConfigError } from "@w2v/config";
import { describe, expect, it } from "vitest";
import type { SweptValue } from "./expand.js";
import { flowYaml, nameTrials, shortKeys } from "./trial-name.js";

function point(values: Record<string, unknown>): SweptValue[] {
  return Object.entries(values).map(([path, value]) => ({ path, value, origin: `grid.${path}` }));
}

describe("shortKeys", () => {
  it("uses the last segment, and longer suffixes only where two paths share it", () => {
    const keys = shortKeys(["trainer.lr", "trainer.adam.epsilon", "trainer.adagrad.epsilon", "seed"]);
    expect(Object.fromEntries(keys)).toEqual({
      "trainer.lr": "lr",
      "trainer.adam.epsilon": "adam.epsilon",
      "trainer.adagrad.epsilon": "adagrad.epsilon",
      seed: "seed",
    });
  });
});

describe("nameTrials", () => {
  it("names trials from the values that vary, in the sweep's order", () => {
    const trials = nameTrials(
      [
        point({ "trainer.lr": 0.5, "model.loss": "nce", "model.dim": 100, seed: 1 }),
        point({ "trainer.lr": 0.5, "model.loss": "nce", "model.dim": 100, seed: 2 }),
        point({ "trainer.lr": 1, "model.loss": "sampled-softmax", "model.dim": 100, seed: 1 }),
      ],
      "s.yaml",
    );
    expect(trials.map((t) => t.name)).toEqual([
      "lr=0.5,loss=nce,seed=1",
      "lr=0.5,loss=nce,seed=2",
      "lr=1,loss=sampled-softmax,seed=1",
    ]);
    // model.dim takes one value: it is set, but names and --dry-run leave it out.
    expect(trials[0].values.map((v) => v.path)).toContain("model.dim");
    expect(trials[0].varied.map((v) => v.path)).toEqual(["trainer.lr", "model.loss", "seed"]);
  });

  it("writes lists, mappings and odd characters as directory-safe text", () => {
    const trials = nameTrials(
      [
        point({ "data.path": "corpora/a b.txt", "eval.sets": ["analogies"] }),
        point({ "data.path": "x", "eval.sets": [] }),
      ],
      "s.yaml",
    );
    expect(trials.map((t) => t.name)).toEqual(["path=corpora_a_b.txt,sets=analogies", "path=x,sets=_"]);
  });

  it("names a sweep of one point 'base'", () => {
    expect(nameTrials([point({ "trainer.lr": 0.5 })], "s.yaml").map((t) => t.name)).toEqual(["base"]);
  });

  it("ends names too long for a directory in a hash", () => {
    const long = (c: string) => point({ "data.path": c.repeat(300) });
    const [a, b] = nameTrials([long("a"), long("b")], "s.yaml").map((t) => t.name);
    expect(a.length).toBeLessThanOrEqual(160);
    expect(a).toMatch(/^path=a+\+[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });

  it("refuses two trials with the same name", () => {
    expect(() =>
      nameTrials(
        [point({ "trainer.lr": 0.5 }), point({ "trainer.lr": 0.5 }), point({ "trainer.lr": 1 })],
        "s.yaml",
      ),
    ).toThrow(ConfigError);
    expect(() =>
      nameTrials([point({ "data.path": "a b" }), point({ "data.path": "a/b" })], "s.yaml"),
    ).toThrow(/trials 1 and 2 would both be named "path=a_b"/);
  });
});

describe("flowYaml", () => {
  it("writes values the way --set reads them back", () => {
    expect(flowYaml("1")).toBe('"1"');
    expect(flowYaml(0.5)).toBe("0.5");
    expect(flowYaml({ rule: "none" })).toBe("{ rule: none }");
    expect(flowYaml([1, 2])).toBe("[ 1, 2 ]");
  });
});
