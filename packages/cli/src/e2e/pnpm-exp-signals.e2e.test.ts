/**
 * Signals sent to `pnpm exp` reach the trainer: what `kill <pnpm pid>`, `timeout` and a
 * terminal's Ctrl-C do (the last two signal pnpm's whole process group) makes the trainer save
 * a checkpoint and exit with 130/143, and no process is left behind.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { writeConfig, writePlantedCorpus } from "./planted-corpus.fixture.js";

const root = fileURLToPath(new URL("../../../..", import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function until(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const started = Date.now();
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const done = predicate();
      if (done || Date.now() - started > timeoutMs) {
        clearInterval(timer);
        resolve(done);
      }
    }, 20);
  });
}

/** The exit code, or "still running" after `timeoutMs`. */
function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null | "still running"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("still running"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function kill(pid: number | undefined): void {
  try {
    if (pid) process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

const cases = [
  ["SIGTERM to pnpm's pid", "SIGTERM", "pid", 143],
  ["SIGINT to pnpm's pid", "SIGINT", "pid", 130],
  ["SIGINT to pnpm's process group (timeout, Ctrl-C)", "SIGINT", "group", 130],
] as const;

describe("signals through `pnpm exp run`", () => {
  const { dir } = writePlantedCorpus({ clusters: 4, wordsPerCluster: 8, sentences: 2000 });
  const config = writeConfig(
    dir,
    "long.yaml",
    [
      "name: signals",
      "seed: 3",
      "data: { corpus: text, path: corpus.txt, minCount: 1, subsampling: { rule: none }, window: 2 }",
      "model: { dim: 12, samples: 3 }",
      "trainer: { engine: hogwild, threads: 1, epochs: 100000, stepWords: 1000, checkpoint: { every: 40, keep: 2 } }",
      "logging: { every: 10, progress: lines, probeWords: [c0w0], projector: { size: 10 } }",
      "",
    ].join("\n"),
  );

  it.each(cases)(
    "%s: the trainer saves a checkpoint and exits, nothing is left running",
    async (_, signal, target, code) => {
      const runDir = join(dir, `run-${signal}-${target}`);
      const pnpm = spawn("pnpm", ["exp", "run", config, "--run-dir", runDir], {
        cwd: root,
        detached: true, // pnpm leads its own process group, as under `timeout` or in a terminal
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, CI: "true", W2V_SKIP_BUILD: "1" },
      });
      let output = "";
      pnpm.stdout?.on("data", (chunk) => (output += chunk));
      pnpm.stderr?.on("data", (chunk) => (output += chunk));
      const checkpoints = join(runDir, "checkpoints");
      const started = await until(
        () => existsSync(checkpoints) && readdirSync(checkpoints).length > 0,
        60_000,
      );
      expect(started, output).toBe(true);
      const trainerPid = JSON.parse(readFileSync(join(runDir, "status.json"), "utf8")).pid as number;
      const exited = exitOf(pnpm, 30_000);
      process.kill(target === "group" ? -pnpm.pid! : pnpm.pid!, signal);
      try {
        expect(await exited, output).toBe(code);
        expect(await until(() => !alive(trainerPid), 5_000), `trainer ${trainerPid} still running`).toBe(
          true,
        );
      } finally {
        kill(trainerPid);
        kill(-pnpm.pid!);
      }
      const status = JSON.parse(readFileSync(join(runDir, "status.json"), "utf8"));
      expect(status.status).toBe("interrupted");
      expect(readdirSync(checkpoints)).toContain(`ckpt-${String(status.step).padStart(10, "0")}`);
      // One stop request, though pnpm forwards it and the group gets it too.
      expect(output.match(/received: saving a checkpoint/g), output).toEqual([
        `received: saving a checkpoint`,
      ]);
      expect(output).toContain(`${signal} received`);
    },
    90_000,
  );
});
