/**
 * Exact resume: a single-thread run killed with SIGKILL after a checkpoint and resumed
 * starts from that checkpoint's step (its event file says so) and writes byte-identical
 * vectors to the uninterrupted run; a corrupt latest checkpoint is named and the previous
 * one used. These run the built CLI in child processes.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { listEventFiles, readEventFile } from "@w2v/logging";
import { describe, expect, it } from "vitest";
import { exp, runUntilCheckpoint } from "./cli-process.fixture.js";
import { writeConfig, writePlantedCorpus } from "./planted-corpus.fixture.js";

/**
 * The resumed process started at the newest checkpoint (`checkpointStep`), not at step 0:
 * its own event file opens with a SessionLog START just after it and logs only later steps, up to
 * the end, fewer than the whole run's.
 */
async function expectResumedFrom(
  runDir: string,
  wholeRunDir: string,
  checkpointStep: number,
  claimed: number,
) {
  expect(claimed).toBe(checkpointStep);
  expect(checkpointStep).toBeGreaterThan(0);
  // One file per process; the killed one's may have lost its unflushed tail.
  const files = await listEventFiles(runDir);
  expect(files).toHaveLength(2);
  const second = await readEventFile(files[1]);
  const starts = second.events.filter((event) => event.sessionLog === "START").map((event) => event.step);
  expect(starts).toEqual([checkpointStep + 1]);
  const lossSteps = (events: typeof second.events) =>
    events
      .filter((event) => event.values.some((value) => value.tag === "loss/raw"))
      .map((event) => event.step);
  const resumedSteps = lossSteps(second.events);
  const status = JSON.parse(readFileSync(join(runDir, "status.json"), "utf8"));
  expect(resumedSteps[0]).toBeGreaterThan(checkpointStep);
  expect(resumedSteps.at(-1)).toBe(status.totalSteps);
  const whole = await readEventFile((await listEventFiles(wholeRunDir))[0]);
  expect(lossSteps(whole.events).at(-1)).toBe(status.totalSteps);
  expect(resumedSteps.length).toBeLessThan(lossSteps(whole.events).length);
  for (const event of second.events)
    if (event.values.length > 0) expect(event.step).toBeGreaterThan(checkpointStep);
}

const engines = [
  [
    "hogwild",
    "trainer: { engine: hogwild, threads: 1, epochs: 60, stepWords: 1000, checkpoint: { every: 40, keep: 3 } }",
  ],
  [
    "tfjs",
    "trainer: { engine: tfjs, threads: 1, epochs: 4, batchSize: 256, lr: 0.05, checkpoint: { every: 40, keep: 3 } }",
  ],
] as const;

describe.each(engines)("exact resume (%s engine, 1 thread)", (engine, trainerYaml) => {
  const { dir } = writePlantedCorpus({ clusters: 4, wordsPerCluster: 8, sentences: 2000 });
  const config = writeConfig(
    dir,
    `${engine}.yaml`,
    [
      `name: resume-${engine}`,
      "seed: 11",
      "data: { corpus: text, path: corpus.txt, minCount: 1, subsampling: { rule: none }, window: 2 }",
      "model: { dim: 12, samples: 3 }",
      trainerYaml,
      "logging: { every: 10, histogramsEvery: 40, neighboursEvery: 40, progress: lines, probeWords: [c0w0], projector: { size: 10 } }",
      "",
    ].join("\n"),
  );

  it("a run killed with SIGKILL after a checkpoint resumes to byte-identical vectors", async () => {
    const whole = join(dir, `${engine}-whole`);
    const uninterrupted = exp(["run", config, "--run-dir", whole]);
    expect(uninterrupted.stderr).toContain("finished");
    expect(uninterrupted.status).toBe(0);

    const killed = join(dir, `${engine}-killed`);
    const { checkpointed } = await runUntilCheckpoint(config, killed, "SIGKILL");
    expect(checkpointed).toBe(true);
    const savedSteps = readdirSync(join(killed, "checkpoints")).map((name) =>
      Number(name.slice("ckpt-".length)),
    );
    const status = JSON.parse(readFileSync(join(killed, "status.json"), "utf8"));
    expect(status.status).toBe("running"); // killed mid-run, never finished
    expect(existsSync(join(killed, "vectors.bin"))).toBe(false);

    const resumed = exp(["resume", killed]);
    const from = Number(/resuming from .*ckpt-\d{10} \(step (\d+)\)/.exec(resumed.stderr)?.[1]);
    expect(resumed.status).toBe(0);
    await expectResumedFrom(killed, whole, Math.max(...savedSteps), from);
    expect(readFileSync(join(killed, "vectors.bin")).equals(readFileSync(join(whole, "vectors.bin")))).toBe(
      true,
    );
    expect(JSON.parse(readFileSync(join(killed, "status.json"), "utf8")).status).toBe("finished");
  });

  it("SIGINT saves a checkpoint, exits 130, and the run resumes to the end", async () => {
    const run = join(dir, `${engine}-sigint`);
    const { checkpointed, exitCode, stderr } = await runUntilCheckpoint(config, run, "SIGINT");
    expect(checkpointed).toBe(true);
    expect(exitCode).toBe(130);
    expect(stderr).toContain("SIGINT received: saving a checkpoint");
    const status = JSON.parse(readFileSync(join(run, "status.json"), "utf8"));
    expect(status.status).toBe("interrupted");
    expect(status.step).toBeLessThan(status.totalSteps);
    expect(readdirSync(join(run, "checkpoints"))).toContain(`ckpt-${String(status.step).padStart(10, "0")}`);
    const resumed = exp(["resume", run]);
    expect(resumed.status).toBe(0);
    expect(JSON.parse(readFileSync(join(run, "status.json"), "utf8")).status).toBe("finished");
  });

  it("a corrupt latest checkpoint is named and the previous one is used", () => {
    const run = join(dir, `${engine}-corrupt`);
    const first = exp(["run", config, "--run-dir", run, "--set", "trainer.epochs=3"]);
    expect(first.status).toBe(0);
    const checkpoints = readdirSync(join(run, "checkpoints")).sort();
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    const latest = join(run, "checkpoints", checkpoints[checkpoints.length - 1], "params.safetensors");
    const bytes = readFileSync(latest);
    bytes[bytes.length - 1] ^= 0x01;
    writeFileSync(latest, bytes);
    const previous = checkpoints[checkpoints.length - 2];
    const resumed = exp(["resume", run, "--set", "trainer.epochs=4"]);
    expect(resumed.stderr).toContain(
      `${latest}: checksum mismatch (the file is corrupt); falling back to the previous checkpoint`,
    );
    expect(resumed.stderr).toContain(`resuming from ${join(run, "checkpoints", previous)}`);
    expect(resumed.status).toBe(0);
  });

  it("refuses to resume with an unsafe config change, listing it", () => {
    const run = join(dir, `${engine}-changed`);
    expect(exp(["run", config, "--run-dir", run, "--set", "trainer.epochs=1"]).status).toBe(0);
    const refused = exp(["resume", run, "--set", "model.dim=20", "--set", "trainer.epochs=3"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("model.dim: changed from 12 to 20");
  });
});
