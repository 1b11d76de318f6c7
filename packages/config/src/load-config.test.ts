import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { loadConfig } from "./load-config.js";

const configsDir = new URL("../../../configs/", import.meta.url).pathname;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "w2v-config-"));
}

function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function loadError(file: string, overrides: string[] = []): ConfigError {
  try {
    loadConfig(file, { overrides });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("configs/", () => {
  const files = readdirSync(configsDir).filter((f) => f.endsWith(".yaml"));

  it("has the configs the issues name", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "quickstart.yaml",
        "lr-0.5.yaml",
        "lr-1.0.yaml",
        "ptb-sgns.yaml",
        "text8-sgns.yaml",
        "text8-cbow.yaml",
        "learns-nothing.yaml",
      ]),
    );
  });

  it.each(files)("%s validates and references the JSON Schema", (file) => {
    const text = readFileSync(join(configsDir, file), "utf8");
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../packages/config/schema/experiment.schema.json",
    );
    const { config } = loadConfig(join(configsDir, file));
    expect(config.name).toBe(file.replace(/\.yaml$/, ""));
  });
});

describe("loadConfig", () => {
  it("fills defaults so a file holds only what differs", () => {
    const dir = tempDir();
    const { config } = loadConfig(write(dir, "tiny.yaml", "trainer: { lr: 0.5 }\n"));
    expect(config.name).toBe("tiny");
    expect(config.trainer.lr).toBe(0.5);
    expect(config.trainer.epochs).toBe(5);
    expect(config.data.subsampling).toEqual({ rule: "word2vec", threshold: 1e-3 });
    expect(config.model.sampler).toBe("unigram");
    expect(config.model.biases).toBe(false);
  });

  it("resolves 'auto' by the loss's reference", () => {
    const dir = tempDir();
    const nce = loadConfig(write(dir, "nce.yaml", "model: { loss: nce }\n")).config.model;
    expect(nce).toMatchObject({ sampler: "log-uniform", biases: true, removeAccidentalHits: false });
    const ss = loadConfig(write(dir, "ss.yaml", "model: { loss: sampled-softmax }\n")).config.model;
    expect(ss).toMatchObject({ sampler: "log-uniform", biases: true, removeAccidentalHits: true });
  });

  it("deep-merges extends relative to the file, the extending file winning", () => {
    const dir = tempDir();
    write(dir, "base.yaml", "seed: 7\ntrainer: { lr: 0.1, epochs: 3 }\nlogging: { probeWords: [a, b] }\n");
    const child = write(
      dir,
      "child.yaml",
      "extends: ./base.yaml\ntrainer: { lr: 0.2 }\nlogging: { probeWords: [c] }\n",
    );
    const { config, files } = loadConfig(child);
    expect(config.seed).toBe(7);
    expect(config.trainer).toMatchObject({ lr: 0.2, epochs: 3 });
    expect(config.logging.probeWords).toEqual(["c"]);
    expect(files).toEqual([join(dir, "base.yaml"), child]);
  });

  it("applies --set overrides, coerced by the schema", () => {
    const dir = tempDir();
    const file = write(dir, "x.yaml", "trainer: { lr: 0.1 }\n");
    const { config } = loadConfig(file, {
      overrides: ["trainer.lr=0.5", "trainer.lr=1.0", "model.loss=nce", "logging.probeWords=[x, y]"],
    });
    expect(config.trainer.lr).toBe(1);
    expect(config.model.loss).toBe("nce");
    expect(config.logging.probeWords).toEqual(["x", "y"]);
  });
});

describe("config errors", () => {
  it("YAML syntax error: file, line and column", () => {
    const dir = tempDir();
    const file = write(dir, "bad.yaml", "trainer:\n  lr: [0.5\n");
    const error = loadError(file);
    expect(error.message).toMatch(new RegExp(`^${file}:\\d+:\\d+: YAML syntax error`));
  });

  it("wrong type: names the field, the expectation and what was found", () => {
    const dir = tempDir();
    const file = write(dir, "bad.yaml", "seed: 1\ntrainer:\n  lr: fast\n");
    expect(loadError(file).message).toBe(`${file}:3:7: trainer.lr: expected a number, found "fast"`);
  });

  it("out-of-range value", () => {
    const dir = tempDir();
    const file = write(dir, "bad.yaml", "model:\n  dim: 0\n");
    expect(loadError(file).message).toBe(`${file}:2:8: model.dim: expected a value >= 1, found 0`);
  });

  it("unknown key with a did-you-mean suggestion", () => {
    const dir = tempDir();
    const file = write(dir, "bad.yaml", "trainer: { epocs: 5 }\n");
    expect(loadError(file).message).toMatch(
      new RegExp(`^${file}:1:12: trainer.epocs: unknown key "epocs" \\(did you mean "epochs"\\?\\)`),
    );
  });

  it("bad enum value with a suggestion", () => {
    const dir = tempDir();
    const file = write(dir, "bad.yaml", "model: { loss: ncee }\n");
    expect(loadError(file).message).toContain('model.loss: expected "negative-sampling" | "nce"');
    expect(loadError(file).message).toContain('(did you mean "nce"?)');
  });

  it("an error in an extended file points into that file", () => {
    const dir = tempDir();
    const base = write(dir, "base.yaml", "data:\n  minCount: -1\n");
    const child = write(dir, "child.yaml", "extends: base.yaml\n");
    expect(loadError(child).message).toBe(`${base}:2:13: data.minCount: expected a value >= 1, found -1`);
  });

  it("missing extends target", () => {
    const dir = tempDir();
    const file = write(dir, "child.yaml", "extends: ./nope.yaml\n");
    expect(loadError(file).message).toBe(
      `${file}:1:10: extends: extended file not found: ${join(dir, "nope.yaml")}`,
    );
  });

  it("extends cycle", () => {
    const dir = tempDir();
    write(dir, "a.yaml", "extends: ./b.yaml\n");
    write(dir, "b.yaml", "extends: ./a.yaml\n");
    const message = loadError(join(dir, "a.yaml")).message;
    expect(message).toContain("extends cycle:");
    expect(message).toContain(`${join(dir, "a.yaml")} -> ${join(dir, "b.yaml")} -> ${join(dir, "a.yaml")}`);
  });

  it("bad --set path, value and syntax", () => {
    const dir = tempDir();
    const file = write(dir, "x.yaml", "{}\n");
    expect(loadError(file, ["trainer.lr=abc"]).message).toBe(
      '--set trainer.lr=abc: trainer.lr: expected a number, found "abc"',
    );
    expect(loadError(file, ["trainer.epocs=5"]).message).toContain(
      'trainer.epocs: unknown key "epocs" (did you mean "epochs"?)',
    );
    expect(loadError(file, ["trainer.lr"]).message).toContain("expected --set section.field=value");
    expect(loadError(file, ["seed.x=1"]).message).toBe(
      "--set seed.x=1: seed: expected a number, found a section (mapping)",
    );
    expect(loadError(write(dir, "y.yaml", "seed: 3\n"), ["seed.x=1"]).message).toContain(
      'seed: is a value, not a section, so it has no field "x"',
    );
  });
});
