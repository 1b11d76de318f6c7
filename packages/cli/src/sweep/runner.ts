import { type ChildProcess, spawn } from "node:child_process";
import type { EventEmitter } from "node:events";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import { isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { diffConfigs } from "@w2v/config";
import { writeFileAtomic } from "@w2v/trainer";
import pLimit from "p-limit";
import { parse as parseYaml } from "yaml";
import { writeSweepHParams } from "./hparams.js";
import type { PlannedTrial, SweepPlan } from "./plan.js";
import { RunFileError, type RunState, readRunState } from "./run-state.js";
import { acquireSweepLock } from "./sweep-lock.js";

export type TrialMode = "run" | "resume";

export interface TrialCommand {
  command: string;
  args: string[];
}

/** How a trial is started; injectable so tests can run a fake trial. */
export type TrialCommandFor = (trial: PlannedTrial, mode: TrialMode, plan: SweepPlan) => TrialCommand;

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

/** Trials at once when none is given: the cores, shared by each trial's threads. */
export function defaultParallelism(plan: SweepPlan): number {
  const threads = Math.max(1, ...plan.trials.map((trial) => trial.config.trainer.threads));
  return Math.max(1, Math.floor(availableParallelism() / threads));
}

export type TrialResult =
  /** Finished now, or earlier (`action: "skip"`). */
  | "finished"
  | "failed"
  | "interrupted"
  /** Its status says running and its process is alive (started outside this sweep). */
  | "running-elsewhere"
  /** The sweep was stopped before the trial's turn came. */
  | "not-started"
  /** Finished earlier, but with a config that differs from what the sweep now says. */
  | "changed";

export interface TrialOutcome {
  trial: PlannedTrial;
  action: TrialMode | "skip";
  result: TrialResult;
  /** Why it failed (the run's error, else the end of its log), or what else to know. */
  message?: string;
  seconds?: number;
  finalLoss?: number;
}

export interface RunSweepOptions {
  parallel: number;
  trialCommand: TrialCommandFor;
  /**
   * Each "interrupt" event (a Ctrl-C) forwards SIGINT to the running trials: the first makes
   * them save a checkpoint and exit, and starts no more trials; a second makes them exit at once.
   */
  interrupts?: EventEmitter;
  log: (line: string) => void;
  /** Milliseconds between progress lines about the running trials; 0 for none. */
  progressEvery?: number;
  env?: NodeJS.ProcessEnv;
}

/** What to do with a trial, from what its directory holds. */
function decide(trial: PlannedTrial): { action: TrialMode | "skip"; outcome?: Partial<TrialOutcome> } {
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
    case "finished": {
      const stored = join(trial.dir, "config.yaml");
      const changes = diffConfigs(
        existsSync(stored) ? parseYaml(readFileSync(stored, "utf8")) : {},
        trial.config,
      );
      if (changes.length === 0) {
        return { action: "skip", outcome: { result: "finished", finalLoss: state.file.finalLoss } };
      }
      const listed = changes.map(
        (c) => `${c.path} ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`,
      );
      return {
        action: "skip",
        outcome: {
          result: "changed",
          message: `finished with another config (${listed.join(", ")}); remove ${trial.dir} to rerun it`,
        },
      };
    }
    case "running":
      return {
        action: "skip",
        outcome: { result: "running-elsewhere", message: `pid ${state.file.pid ?? state.meta?.pid}` },
      };
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

/** A path relative to the working directory when it is below it, else absolute. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

function waitForExit(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }> {
  return new Promise((resolve) => {
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
}

function interruptChild(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    // Detached children lead their own process group: signal the group, so helpers stop too.
    process.kill(-child.pid, "SIGINT");
  } catch {
    child.kill("SIGINT");
  }
}

/**
 * Run a planned sweep: skip finished trials, resume interrupted ones, run the others
 * (failed ones from scratch), `parallel` at a time, each in its own process whose output
 * goes to `<sweep>/logs/<trial>.log`. A failing trial does not stop the others.
 */
export async function runSweep(plan: SweepPlan, options: RunSweepOptions): Promise<TrialOutcome[]> {
  mkdirSync(join(plan.dir, "logs"), { recursive: true });
  const releaseLock = acquireSweepLock(plan.dir);
  const running = new Map<PlannedTrial, ChildProcess>();
  let stopping = false;
  const onInterrupt = () => {
    options.log(
      stopping
        ? `SIGINT again: ${running.size} running trial(s) exit at once`
        : `stopping: SIGINT sent to ${running.size} running trial(s); they save a checkpoint and exit (Ctrl-C again to stop them at once)`,
    );
    stopping = true;
    for (const child of running.values()) interruptChild(child);
  };
  options.interrupts?.on("interrupt", onInterrupt);
  const progress =
    options.progressEvery && options.progressEvery > 0
      ? setInterval(() => reportProgress([...running.keys()], options.log), options.progressEvery)
      : undefined;
  progress?.unref();
  try {
    if (plan.inlineBase !== undefined) writeFileAtomic(plan.baseFile, plan.inlineBase);
    await writeSweepHParams(plan);
    const total = plan.trials.length;
    const label = (trial: PlannedTrial) => `[${trial.number}/${total}] ${trial.name}`;
    const start = async (trial: PlannedTrial, action: TrialMode): Promise<TrialOutcome> => {
      if (stopping) return { trial, action, result: "not-started" };
      if (action === "run") rmSync(trial.dir, { recursive: true, force: true });
      const logFile = join(plan.dir, "logs", `${trial.name}.log`);
      const { command, args } = options.trialCommand(trial, action, plan);
      const fd = openSync(logFile, "a");
      writeSync(fd, `\n=== ${new Date().toISOString()} ${action}: ${[command, ...args].join(" ")}\n`);
      const began = performance.now();
      let child: ChildProcess;
      try {
        child = spawn(command, args, {
          stdio: ["ignore", fd, fd],
          detached: true,
          env: options.env ?? process.env,
        });
      } finally {
        closeSync(fd);
      }
      running.set(trial, child);
      options.log(
        `${label(trial)}: ${action === "resume" ? "resuming from its checkpoint" : "started"} (pid ${child.pid})`,
      );
      const exit = await waitForExit(child);
      running.delete(trial);
      const seconds = (performance.now() - began) / 1000;
      const outcome = finish(trial, action, exit, seconds, logFile);
      const took = `after ${seconds.toFixed(1)} s`;
      if (outcome.result === "finished") {
        const loss =
          outcome.finalLoss === undefined ? "" : `, final loss ${outcome.finalLoss.toPrecision(4)}`;
        options.log(`${label(trial)}: finished ${took}${loss}`);
      } else {
        options.log(`${label(trial)}: ${outcome.result} ${took}: ${outcome.message}`);
        options.log(`  log: ${shown(logFile)}`);
      }
      return outcome;
    };
    const limit = pLimit(Math.max(1, options.parallel));
    const outcomes = await Promise.all(
      plan.trials.map((trial) => {
        const { action, outcome } = decide(trial);
        if (action === "skip") return { trial, action, result: "finished" as const, ...outcome };
        return limit(() => start(trial, action));
      }),
    );
    // Again at the end: the record now lists the evaluation metrics the trials wrote.
    await writeSweepHParams(plan);
    return outcomes;
  } finally {
    if (progress) clearInterval(progress);
    options.interrupts?.off("interrupt", onInterrupt);
    releaseLock();
  }
}

function finish(
  trial: PlannedTrial,
  action: TrialMode,
  exit: Awaited<ReturnType<typeof waitForExit>>,
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

function reportProgress(trials: PlannedTrial[], log: (line: string) => void): void {
  if (trials.length === 0) return;
  const parts = trials.map((trial) => {
    try {
      const state = readRunState(trial.dir);
      return state ? `${trial.name} ${state.file.step}/${state.file.totalSteps}` : `${trial.name} starting`;
    } catch {
      return `${trial.name} ?`;
    }
  });
  log(`running: ${parts.join("; ")}`);
}
