/**
 * The built CLI (`dist/bin.js`, so `pnpm test` builds first) in child processes, for
 * end-to-end tests: a command run to its end, and a run stopped once it has checkpointed.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const cliBin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));

/** `exp <args>` to its end: exit status, stdout, stderr. */
export function exp(args: string[]) {
  return spawnSync(process.execPath, [cliBin, ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
  });
}

/** Resolves true once `predicate` holds, false if `child` exits or `timeoutMs` passes first. */
export function waitFor(predicate: () => boolean, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (predicate()) {
        clearInterval(timer);
        resolve(true);
      } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
        clearInterval(timer);
        resolve(false);
      }
    }, 5);
  });
}

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.on("exit", () => resolve()),
  );
}

export function hasCheckpoint(runDir: string): boolean {
  return (
    existsSync(join(runDir, "checkpoints")) &&
    readdirSync(join(runDir, "checkpoints")).some((name) => name.startsWith("ckpt-"))
  );
}

/** `exp run <config> --run-dir <runDir>`, sent `signal` once it has written a checkpoint. */
export async function runUntilCheckpoint(config: string, runDir: string, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [cliBin, "run", config, "--run-dir", runDir], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, CI: "true" },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const checkpointed = await waitFor(() => hasCheckpoint(runDir), child, 60_000);
  child.kill(signal);
  await exited(child);
  return { checkpointed, exitCode: child.exitCode, stderr };
}
