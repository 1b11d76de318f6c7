/**
 * The learning diagnosis on the real configs, end to end on PTB ($W2V_DATA_DIR), each run
 * bounded with `--set trainer.steps=...`: `learns-nothing.yaml` prints the diagnosis with
 * its causes and writes it to the Text tab; a healthy run (`quickstart.yaml`) does neither.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readRun } from "@w2v/logging";
import { describe, expect, it } from "vitest";
import { exp } from "./cli-process.fixture.js";

const dataDir = process.env.W2V_DATA_DIR;
if (!dataDir) console.warn("learns-nothing.e2e: skipped: W2V_DATA_DIR is not set (the runs train on PTB)");

const configs = fileURLToPath(new URL("../../../../configs/", import.meta.url));
const CAUSES = [
  "- learning rate 0.001 is orders of magnitude too small for sparse SGD",
  "- 1 noise sample per example give a weak, noisy signal",
  "- initialisation: input vectors uniform in [-1, 1) are large next to small updates",
];

function run(config: string, sets: string[]) {
  const runDir = join(mkdtempSync(join(tmpdir(), "w2v-diagnosis-")), "run");
  const args = ["run", join(configs, config), "--run-dir", runDir, "--set", "logging.progress=none"];
  const result = exp([...args, ...sets.flatMap((set) => ["--set", set])]);
  expect(result.status, result.stderr).toBe(0);
  return { runDir, stderr: result.stderr };
}

describe.skipIf(!dataDir)("the learning diagnosis on real runs", () => {
  it("learns-nothing.yaml: the diagnosis and its causes, once, on the console and in the Text tab", async () => {
    // warmupSteps is 100 in the config: the diagnosis comes at step 100.
    const { runDir, stderr } = run("learns-nothing.yaml", ["trainer.steps=110"]);
    expect(stderr).toMatch(
      /warning: The model does not seem to learn \(the loss has not fallen: [\d.]+ after 100 steps/,
    );
    expect(stderr.match(/does not seem to learn/g)).toHaveLength(1);
    expect(stderr).toContain("Likely causes:");
    for (const cause of CAUSES) expect(stderr).toContain(cause);

    const texts = (await readRun(runDir)).texts["diagnostics/learning"];
    expect(texts.map((point) => point.step)).toEqual([100]);
    expect(texts[0].text).toMatch(/^The model does not seem to learn \(the loss has not fallen/);
    expect(texts[0].text).toContain("\n\nLikely causes:\n\n");
    for (const cause of CAUSES) expect(texts[0].text).toContain(cause);
  });

  it("quickstart.yaml: no diagnosis, though its health is checked past the warm-up", async () => {
    const { runDir, stderr } = run("quickstart.yaml", [
      "trainer.steps=60",
      "trainer.diagnostics.warmupSteps=20",
      "logging.projector.size=0",
    ]);
    expect(stderr).toContain("finished quickstart: 60 steps");
    expect(stderr).not.toContain("does not seem to learn");
    const { texts, scalars } = await readRun(runDir);
    expect(texts["diagnostics/learning"]).toBeUndefined();
    expect(scalars["diagnostics/update_ratio_input"].map((point) => point.step)).toEqual([
      10, 20, 30, 40, 50, 60,
    ]);
  });
});
