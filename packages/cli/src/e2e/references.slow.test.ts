/**
 * d2l's PTB reference run, on the real data. It takes about 7 minutes on this 2-core
 * machine, so it runs only with W2V_SLOW_TESTS=1 (the text8-prefix quality check runs in
 * every CI run: quality.e2e.test.ts):
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
});
