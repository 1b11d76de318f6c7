import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "@w2v/config";
import { describe, expect, it } from "vitest";
import { planSweep } from "./plan.js";

const sweepsDir = new URL("../../../../configs/sweeps/", import.meta.url).pathname;

function workDir(): { dir: string; experiments: string } {
  const dir = mkdtempSync(join(tmpdir(), "w2v-plan-"));
  return { dir, experiments: join(dir, "experiments") };
}

function planError(file: string, experiments: string): string {
  try {
    planSweep(file, { experimentsDir: experiments });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("configs/sweeps/", () => {
  const files = readdirSync(sweepsDir).filter((file) => file.endsWith(".yaml"));

  it.each(files)("%s validates every trial and references the sweep JSON Schema", (file) => {
    const text = readFileSync(join(sweepsDir, file), "utf8");
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../../packages/config/schema/sweep.schema.json",
    );
    const plan = planSweep(join(sweepsDir, file), { experimentsDir: "experiments" });
    expect(plan.trials.length).toBeGreaterThan(1);
  });

  it("losses.yaml: 3 losses x 2 architectures x 3 seeds on PTB", () => {
    const plan = planSweep(join(sweepsDir, "losses.yaml"), { experimentsDir: "experiments" });
    expect(plan.trials).toHaveLength(18);
    expect(
      new Set(plan.trials.map((t) => `${t.config.model.loss}/${t.config.model.architecture}`)).size,
    ).toBe(6);
    expect(new Set(plan.trials.map((t) => t.config.seed))).toEqual(new Set([1, 2, 3]));
    expect(plan.trials.every((t) => t.config.data.corpus === "ptb")).toBe(true);
    expect(plan.trials[0].name).toBe("loss=negative-sampling,architecture=skipgram,seed=1");
  });

  it("lr.yaml: cs20's rates 0.5 and 1.0 among others, on text8", () => {
    const plan = planSweep(join(sweepsDir, "lr.yaml"), { experimentsDir: "experiments" });
    const rates = plan.trials.map((t) => t.config.trainer.lr);
    expect(rates).toEqual(expect.arrayContaining([0.5, 1]));
    expect(rates.length).toBeGreaterThanOrEqual(4);
    expect(plan.trials.every((t) => t.config.data.corpus === "text8" && t.config.model.loss === "nce")).toBe(
      true,
    );
  });
});

describe("planSweep", () => {
  it("resolves an inline base's paths and swept paths against the sweep file, writing nothing", () => {
    const { dir, experiments } = workDir();
    const file = join(dir, "inline.yaml");
    writeFileSync(
      file,
      [
        "base:",
        "  data: { corpus: text, path: corpus.txt }",
        "set: { trainer.epochs: 1 }",
        "grid: { data.path: [corpus.txt, other/corpus.txt] }",
        "zip: [{ trainer.lr: [0.1, 0.2, 0.3], model.dim: [8, 16, 32] }]",
      ].join("\n"),
    );
    const plan = planSweep(file, { experimentsDir: experiments, maxTrials: 4 });
    expect(plan.trials.map((t) => t.name)).toEqual([
      "path=corpus.txt,lr=0.1,dim=8",
      "path=corpus.txt,lr=0.2,dim=16",
      "path=corpus.txt,lr=0.3,dim=32",
      "path=other_corpus.txt,lr=0.1,dim=8",
    ]);
    const last = plan.trials[3];
    expect(last.config.data.path).toBe(join(dir, "other/corpus.txt"));
    expect(last.config.trainer.epochs).toBe(1);
    expect(last.config.name).toBe("inline");
    expect(last.dir).toBe(join(experiments, "inline", "path=other_corpus.txt,lr=0.1,dim=8"));
    expect(last.overrides).toEqual([
      "trainer.epochs=1",
      `data.path=${join(dir, "other/corpus.txt")}`,
      "trainer.lr=0.1",
      "model.dim=8",
    ]);
    expect(plan.baseFile).toBe(join(experiments, "inline", "base.yaml"));
    expect(plan.inlineBase).toContain(`path: ${join(dir, "corpus.txt")}`);
    expect(existsSync(experiments)).toBe(false);
  });

  it("points a mistake in an inline base at its line in the sweep file", () => {
    const { dir, experiments } = workDir();
    const file = join(dir, "s.yaml");
    writeFileSync(file, "base:\n  trainer: { epocs: 1 }\n");
    expect(planError(file, experiments)).toBe(
      `${file}:2:14: base.trainer.epocs: unknown key "epocs" (did you mean "epochs"?); expected one of: ` +
        "engine, kernel, backend, threads, epochs, steps, stepWords, batchSize, optimizer, lr, lrSchedule, adam, adagrad, checkpoint, diagnostics",
    );
  });

  it("names the line of a base file that does not exist", () => {
    const { dir, experiments } = workDir();
    const file = join(dir, "s.yaml");
    writeFileSync(file, "name: s\nbase: missing.yaml\n");
    expect(planError(file, experiments)).toBe(
      `${file}:2:7: base: base config not found: ${join(dir, "missing.yaml")}`,
    );
  });

  it("reports an error of the base file itself at its own position", () => {
    const { dir, experiments } = workDir();
    mkdirSync(join(dir, "configs"));
    writeFileSync(join(dir, "configs", "base.yaml"), "model: { loss: nse }\n");
    const file = join(dir, "s.yaml");
    writeFileSync(file, "base: configs/base.yaml\n");
    expect(planError(file, experiments)).toContain(`${join(dir, "configs", "base.yaml")}:1:16: model.loss:`);
  });

  it("reports a bad swept value once, at its position, with the trials it spoils", () => {
    const { dir, experiments } = workDir();
    const file = join(dir, "s.yaml");
    writeFileSync(file, "base: {}\ngrid:\n  model.loss: [nce, nse]\n  trainer.lr: [0.5, 1]\n");
    expect(planError(file, experiments)).toBe(
      `${file}:3:21: model.loss: expected "negative-sampling" | "nce" | "sampled-softmax" | "softmax", ` +
        'found "nse" (did you mean "nce"?) (trial loss=nse,lr=0.5 and 1 more)',
    );
  });
});
