// The second half of `pnpm bench model` (after the kernels, packages/model/bench): training
// speed as users get it. `exp run configs/text8-sgns.yaml` and `configs/text8-cbow.yaml`
// on text8-prefix.txt ($W2V_DATA_DIR), 5 epochs on 2 threads, default logging and
// checkpoints (evaluation left out: it comes after the timed loop). Reports status.json's
// `wordsPerSec` (corpus words over the training loop's wall time) and the share of that
// time outside the kernels (1 - `kernelShare`: host logging, checkpoints, threads waiting
// at chunk ends); the median of `--runs` (default 1). The last line is the JSON summary.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type Arch, expRun } from "./exp-run.js";

const { values: options } = parseArgs({
  options: { runs: { type: "string", default: "1" }, engine: { type: "string" } },
  strict: false,
});
const dataDir = process.env.W2V_DATA_DIR;
if (!dataDir) {
  console.error("pnpm bench model: set W2V_DATA_DIR to the folder holding text8-prefix.txt");
  process.exit(2);
}
if (options.engine === "tfjs") process.exit(0);

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const work = mkdtempSync(join(tmpdir(), "w2v-model-run-"));
const summary: Record<string, number> = {};
try {
  for (const arch of ["sg", "cbow"] as Arch[]) {
    const speeds: number[] = [];
    const outside: number[] = [];
    for (let run = 0; run < Number(options.runs); run++) {
      const status = expRun(arch, join(work, `${arch}-${run}`), ["eval.sets=[]"], dataDir);
      speeds.push(status.wordsPerSec ?? Number.NaN);
      outside.push(1 - (status.kernelShare ?? Number.NaN));
      console.log(
        `exp run ${arch}: ${Math.round(speeds.at(-1) ?? 0).toLocaleString("en-US")} words/s, ${(100 * (outside.at(-1) ?? 0)).toFixed(1)}% of the loop outside the kernels`,
      );
    }
    summary[`${arch}_run_words_per_s`] = Math.round(median(speeds));
    summary[`${arch}_run_outside_kernel_share`] = Number(median(outside).toFixed(3));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(JSON.stringify(summary));
