/**
 * One attempt at one trial: what to do from what its directory holds, and the trial as an
 * ordinary `exp run` / `exp resume` in its own process, its output appended to
 * `<sweep>/logs/<trial>.log`. Shared by the local sweep runner and the queue worker.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { diffConfigs } from "@w2v/config";
import { RunLockedError, runLockHolder } from "@w2v/trainer";
import { parse as parseYaml } from "yaml";
import type { PlannedTrial, SweepPlan } from "./plan.js";
import { RunFileError, type RunState, readRunState } from "./run-state.js";

export type TrialMode = "run" | "resume";

/** What starting a trial needs: a planned trial, or one rebuilt by a worker from its job. */
export type TrialSpec = Pick<PlannedTrial, "name" | "dir" | "overrides" | "config">;
export type SweepSpec = Pick<SweepPlan, "name" | "dir" | "baseFile">;

export interface TrialCommand {
  command: string;
  args: string[];
}

/** How a trial is started; injectable so tests can run a fake trial. */
export type TrialCommandFor = (trial: TrialSpec, mode: TrialMode, plan: SweepSpec) => TrialCommand;

const cliBin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));

/** `node <cli dist>/bin.js run <base> --run-dir <trial> --set ...`, or `... resume <trial> --config <base> --set ...`. */
export const cliTrialCommand: TrialCommandFor = (trial, mode, plan) => ({
  command: process.execPath,
  args:
    mode === "resume"
      ? // With the trial's config, so that resume refuses (and lists) changes it cannot honour.
        [
          cliBin,
          "resume",
          trial.dir,
          "--config",
          plan.baseFile,
          ...trial.overrides.flatMap((text) => ["--set", text]),
        ]
      : [
          cliBin,
          "run",
          plan.baseFile,
          "--run-dir",
          trial.dir,
          "--name",
          plan.name,
          ...trial.overrides.flatMap((text) => ["--set", text]),
        ],
});

export type TrialResult =
  /** Finished now, or earlier (`action: "skip"`). */
  | "finished"
  | "failed"
  | "interrupted"
  /** Another live process holds the trial's run directory. */
  | "running-elsewhere"
  /** The sweep was stopped before the trial's turn came. */
  | "not-started"
  /** Finished earlier, but with a config that differs from what the sweep now says. */
  | "changed";

export interface TrialOutcome {
  trial: TrialSpec;
  action: TrialMode | "skip";
  result: TrialResult;
  /** Why it failed (the run's error, else the end of its log), or what else to know. */
  message?: string;
  seconds?: number;
  finalLoss?: number;
}

export type TrialDecision = { action: TrialMode | "skip"; outcome?: Partial<TrialOutcome> };

function finishedDecision(trial: TrialSpec, state: RunState): TrialDecision {
  const stored = join(trial.dir, "config.yaml");
  const changes = diffConfigs(
    existsSync(stored) ? parseYaml(readFileSync(stored, "utf8")) : {},
    trial.config,
  );
  if (changes.length === 0) {
    return { action: "skip", outcome: { result: "finished", finalLoss: state.file.finalLoss } };
  }
  const listed = changes.map((c) => `${c.path} ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`);
  return {
    action: "skip",
    outcome: {
      result: "changed",
      message: `finished with another config (${listed.join(", ")}); remove ${trial.dir} to rerun it`,
    },
  };
}

/** What to do with a trial, from what its directory holds. */
export function decideTrial(trial: TrialSpec): TrialDecision {
  let state: RunState | undefined;
  try {
    state = readRunState(trial.dir);
  } catch (error) {
    if (!(error instanceof RunFileError)) throw error;
    // Never delete what might be a finished run: the user decides.
    return {
      action: "skip",
      outcome: { result: "failed", message: `${error.message}; remove ${trial.dir} to rerun it` },
    };
  }
  switch (state?.status) {
    case "finished":
      return finishedDecision(trial, state);
    case "running": {
      const pid = state.holder?.pid ?? state.file.pid ?? state.meta?.pid;
      const host = state.holder?.host ?? state.meta?.host;
      const message = `pid ${pid}${host ? ` on host ${host}` : ""}`;
      return { action: "skip", outcome: { result: "running-elsewhere", message } };
    }
    case "interrupted":
      // Killed before it wrote its config: nothing to resume.
      return { action: existsSync(join(trial.dir, "config.yaml")) ? "resume" : "run" };
    default:
      // Failed, or never got as far as writing its status: start again from scratch.
      return { action: "run" };
  }
}

/** The last lines the latest attempt wrote to its log (after the runner's `=== ` header). */
function logTail(path: string, lines = 3): string {
  if (!existsSync(path)) return "";
  const attempt = readFileSync(path, "utf8").split("\n=== ").at(-1) ?? "";
  return attempt.trimEnd().split("\n").slice(1).slice(-lines).join(" | ");
}

type Exit = { code: number | null; signal: NodeJS.Signals | null; error?: Error };

function waitForExit(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
}

/** Signal a trial started by startTrial (SIGINT: checkpoint and stop; a second SIGINT: at once). */
export function signalTrial(child: ChildProcess, signal: NodeJS.Signals = "SIGINT"): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    // Detached children lead their own process group: signal the group, so helpers stop too.
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

export function trialLogFile(plan: SweepSpec, trial: TrialSpec): string {
  return join(plan.dir, "logs", `${trial.name}.log`);
}

export interface StartTrialOptions {
  trialCommand: TrialCommandFor;
  env?: NodeJS.ProcessEnv;
  /** Added to the attempt's header line in the log (e.g. which worker runs it). */
  note?: string;
}

export interface StartedTrial {
  child: ChildProcess;
  /** Resolves when the process has exited, with what its run directory then says. */
  outcome: Promise<TrialOutcome>;
}

/**
 * Start one attempt: `run` starts from an empty directory (removing a failed attempt),
 * `resume` continues from the newest valid checkpoint. The child has an IPC channel so that
 * it checkpoints and stops if this process dies (see bin.ts).
 */
export function startTrial(
  plan: SweepSpec,
  trial: TrialSpec,
  action: TrialMode,
  options: StartTrialOptions,
): StartedTrial {
  const holder = runLockHolder(trial.dir);
  if (holder) throw new RunLockedError(trial.dir, holder);
  if (action === "run") rmSync(trial.dir, { recursive: true, force: true });
  const logFile = trialLogFile(plan, trial);
  const { command, args } = options.trialCommand(trial, action, plan);
  const fd = openSync(logFile, "a");
  const note = options.note ? ` (${options.note})` : "";
  writeSync(fd, `\n=== ${new Date().toISOString()} ${action}${note}: ${[command, ...args].join(" ")}\n`);
  const began = performance.now();
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      stdio: ["ignore", fd, fd, "ipc"],
      detached: true,
      env: options.env ?? process.env,
    });
  } finally {
    closeSync(fd);
  }
  const outcome = waitForExit(child).then((exit) =>
    finish(trial, action, exit, (performance.now() - began) / 1000, logFile),
  );
  return { child, outcome };
}

function finish(
  trial: TrialSpec,
  action: TrialMode,
  exit: Exit,
  seconds: number,
  logFile: string,
): TrialOutcome {
  const base = { trial, action, seconds };
  if (exit.error) return { ...base, result: "failed", message: `could not start: ${exit.error.message}` };
  let state: RunState | undefined;
  try {
    state = readRunState(trial.dir);
  } catch (error) {
    return { ...base, result: "failed", message: error instanceof Error ? error.message : String(error) };
  }
  const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
  if (exit.code === 0 && state?.status === "finished") {
    return { ...base, result: "finished", finalLoss: state.file.finalLoss };
  }
  if (state?.status === "interrupted") return { ...base, result: "interrupted", message: how };
  const reason = state?.file.error ?? (logTail(logFile) || "no output");
  const written = state ? `status.json says ${state.file.status}` : "no status.json";
  return { ...base, result: "failed", message: `${how}, ${written}: ${reason}` };
}
