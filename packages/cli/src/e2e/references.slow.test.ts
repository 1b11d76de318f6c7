/**
 * The reference runs the issues hold w2v-lab to, on the real data. They take minutes
 * (ptb-sgns about 7 on this 2-core machine), so they run only with W2V_SLOW_TESTS=1:
 *   W2V_SLOW_TESTS=1 W2V_DATA_DIR=../shared/data pnpm --filter @w2v/cli exec vitest run src/e2e/references.slow.test.ts
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
const configs = fileURLToPath(new URL("../../../../configs/", import.meta.url));
const enabled = Boolean(process.env.W2V_SLOW_TESTS && process.env.W2V_DATA_DIR);
if (!enabled)
  console.warn("W2V_SLOW_TESTS or W2V_DATA_DIR is not set: the reference runs (minutes each) are skipped");

function run(config: string, ...set: string[]) {
  const runDir = join(mkdtempSync(join(tmpdir(), "w2v-ref-")), "run");
  const args = ["run", join(configs, config), "--run-dir", runDir, ...set.flatMap((s) => ["--set", s])];
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
  });
  expect(result.status, result.stderr).toBe(0);
  return { runDir, status: JSON.parse(readFileSync(join(runDir, "status.json"), "utf8")) };
}

describe.skipIf(!enabled)("reference runs", () => {
  it("ptb-sgns ends within 0.03 of d2l's reported loss 0.410 (masked BCE, mean over the last epoch)", () => {
    const { status } = run("ptb-sgns.yaml");
    expect(Math.abs(status.finalLoss - 0.41)).toBeLessThanOrEqual(0.03);
  }, 1_200_000);

  // The targets are single gensim / word2vec C runs; on 2.1M words the analogy accuracy of
  // one run varies by about ±0.4 points with the seed (seeds 1-6 gave 5.8-6.8%), so the
  // test takes the mean of three seeds.
  it("text8-sgns on text8-prefix reaches what gensim and word2vec C reach (mean of 3 seeds)", () => {
    const runs = [1, 2, 3].map((seed) => {
      const { runDir } = run("text8-sgns.yaml", "data.allowText8Prefix=true", `seed=${seed}`);
      const meta = JSON.parse(readFileSync(join(runDir, "meta.json"), "utf8"));
      expect(meta.data.usedText8Prefix).toBe(true);
      return JSON.parse(readFileSync(join(runDir, "eval.json"), "utf8"));
    });
    const mean = (value: (evaluation: (typeof runs)[number]) => number) =>
      runs.reduce((sum, evaluation) => sum + value(evaluation), 0) / runs.length;
    for (const evaluation of runs) expect(evaluation.analogy.coverage).toBeGreaterThan(0.45);
    expect(mean((e) => e.analogy.total)).toBeGreaterThanOrEqual(0.06);
    expect(mean((e) => e.wordsim353.spearman)).toBeGreaterThanOrEqual(0.43);
    expect(mean((e) => e.simlex999.spearman)).toBeGreaterThanOrEqual(0.21);
  }, 1_200_000);
});
