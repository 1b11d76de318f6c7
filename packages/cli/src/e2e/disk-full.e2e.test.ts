/**
 * A full disk (ENOSPC) while a run writes a checkpoint: the error names the path and says
 * the disk is full, the run is marked failed, no partial file stays, and the last good
 * checkpoint is intact. The run directory sits on a small tmpfs, so the test needs root
 * (mount); elsewhere it is skipped with the reason.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statfsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadLatestCheckpoint } from "@w2v/trainer";
import { afterAll, describe, expect, it } from "vitest";
import { exp } from "./cli-process.fixture.js";
import { writeConfig, writePlantedCorpus } from "./planted-corpus.fixture.js";

const { dir } = writePlantedCorpus({ clusters: 4, wordsPerCluster: 8, sentences: 2000 });
const disk = join(dir, "disk");
mkdirSync(disk);
const mount = spawnSync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", disk], { encoding: "utf8" });
const mounted = mount.status === 0;
if (!mounted)
  console.warn(
    `disk-full test skipped: cannot mount a tmpfs (${(mount.stderr || mount.error?.message || "").trim()})`,
  );

afterAll(() => {
  if (mounted) spawnSync("umount", [disk]);
});

describe("a full disk while writing a checkpoint", () => {
  it.skipIf(!mounted)(
    "names the path, marks the run failed, leaves no partial file, keeps the last checkpoint",
    () => {
      const config = writeConfig(
        dir,
        "full.yaml",
        [
          "name: disk-full",
          "seed: 3",
          "data: { corpus: text, path: corpus.txt, minCount: 1, subsampling: { rule: none }, window: 2 }",
          "model: { dim: 12, samples: 3 }",
          "trainer: { engine: hogwild, threads: 1, epochs: 2, stepWords: 1000, checkpoint: { every: 10, keep: 2 } }",
          "logging: { every: 10, histograms: false, progress: lines, projector: { size: 0 } }",
          "",
        ].join("\n"),
      );
      const run = join(disk, "run");
      expect(exp(["run", config, "--run-dir", run]).status).toBe(0);
      // Fill the disk but for three pages: the small files and the event file still fit,
      // the next checkpoint (four files) does not.
      const { bavail, bsize } = statfsSync(disk);
      writeFileSync(join(disk, "filler"), Buffer.alloc(bavail * bsize - 3 * 4096));

      const resumed = exp(["resume", run, "--set", "trainer.epochs=4"]);
      const failedAt = join(run, "checkpoints", "ckpt-0000000050");
      expect(resumed.status).toBe(1);
      expect(resumed.stderr).toContain(`error: cannot write ${failedAt}: the disk is full (ENOSPC)`);
      const status = JSON.parse(readFileSync(join(run, "status.json"), "utf8"));
      expect(status).toMatchObject({ status: "failed", step: 40 });
      expect(status.error).toContain("the disk is full");
      expect(readdirSync(run).filter((name) => name.includes("tmp"))).toEqual([]);
      expect(readdirSync(join(run, "checkpoints"))).toEqual(["ckpt-0000000030", "ckpt-0000000040"]);
      expect(loadLatestCheckpoint(run, (line) => expect.fail(line))?.state.step).toBe(40);
    },
    120_000,
  );
});
