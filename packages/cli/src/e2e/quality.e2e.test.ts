/**
 * The quality users get on real data, in every CI run: `pnpm bench quality` without gensim,
 * on text8-prefix ($W2V_DATA_DIR), text8-sgns and text8-cbow for seeds 1–4 on one thread.
 * One thread makes the runs bit-reproducible, so the figures do not move between CI runs
 * (two threads move each seed by ±0.2 analogy points); `pnpm bench quality` compares them
 * with gensim side by side. About 2.5 minutes on a quiet 2-core machine.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const dataDir = process.env.W2V_DATA_DIR;
if (!dataDir) console.warn("W2V_DATA_DIR is not set: the text8-prefix quality check is skipped");

// Floors just below this tree's 1-thread means on seeds 1–4 (skip-gram 6.69%, WS353 0.462,
// SimLex 0.221; CBOW 4.77%, 0.435, 0.205), which are gensim 4.2's level with the same
// settings (its 2-thread means, measured beside ours: skip-gram 7.06%, CBOW 4.73%). The
// tree before the gensim defaults (word2vec.c's init, 1,000-word pieces) gave CBOW ~3.9%.
const FLOORS = {
  sg: { analogy: 0.066, ws353: 0.455, simlex: 0.215 },
  cbow: { analogy: 0.047, ws353: 0.43, simlex: 0.2 },
};

interface Summary {
  sg: { ours: Record<string, { mean: number }> };
  cbow: { ours: Record<string, { mean: number }> };
}

describe.skipIf(!dataDir)("vector quality on text8-prefix (pnpm bench quality, 1 thread, seeds 1-4)", () => {
  it("skip-gram and CBOW reach gensim's level", async () => {
    // asynchronous: a child that runs for minutes must not block vitest's worker
    const bench = await promisify(execFile)(
      `${root}node_modules/.bin/tsx`,
      [
        "--conditions=@w2v/source",
        "packages/cli/bench/quality.bench.ts",
        ...["--seeds", "1-4", "--no-gensim", "--set", "trainer.threads=1"],
      ],
      { cwd: root, encoding: "utf8", env: { ...process.env, CI: "true" }, maxBuffer: 1 << 24 },
    );
    console.log(bench.stdout);
    const summary = JSON.parse(bench.stdout.trim().split("\n").at(-1) ?? "{}") as Summary;
    for (const arch of ["sg", "cbow"] as const) {
      const ours = summary[arch].ours;
      expect(ours.analogy.mean, `${arch} analogy`).toBeGreaterThanOrEqual(FLOORS[arch].analogy);
      expect(ours.ws353.mean, `${arch} WS353`).toBeGreaterThanOrEqual(FLOORS[arch].ws353);
      expect(ours.simlex.mean, `${arch} SimLex`).toBeGreaterThanOrEqual(FLOORS[arch].simlex);
    }
  }, 900_000);
});
