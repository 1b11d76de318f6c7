import type { ChildProcess } from "node:child_process";
import type { EventEmitter } from "node:events";
import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { isAbsolute, join, relative } from "node:path";
import { RunLockedError, writeFileAtomic } from "@w2v/trainer";
import pLimit from "p-limit";
import { writeSweepHParams } from "./hparams.js";
import type { PlannedTrial, SweepPlan } from "./plan.js";
import { readRunState } from "./run-state.js";
import { acquireSweepLock } from "./sweep-lock.js";
import {
  decideTrial,
  signalTrial,
  startTrial,
  type TrialCommandFor,
  type TrialMode,
  type TrialOutcome,
  trialLogFile,
} from "./trial-process.js";

/** Trials at once when none is given: the cores, shared by each trial's threads. */
export function defaultParallelism(plan: SweepPlan): number {
  const threads = Math.max(1, ...plan.trials.map((trial) => trial.config.trainer.threads));
  return Math.max(1, Math.floor(availableParallelism() / threads));
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

/** A path relative to the working directory when it is below it, else absolute. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

/** Write what the sweep directory holds before any trial runs: an inline base, the HParams record. */
export async function prepareSweepDir(plan: SweepPlan): Promise<void> {
  mkdirSync(join(plan.dir, "logs"), { recursive: true });
  if (plan.inlineBase !== undefined) writeFileAtomic(plan.baseFile, plan.inlineBase);
  await writeSweepHParams(plan);
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
    for (const child of running.values()) signalTrial(child);
  };
  options.interrupts?.on("interrupt", onInterrupt);
  const progress =
    options.progressEvery && options.progressEvery > 0
      ? setInterval(() => reportProgress([...running.keys()], options.log), options.progressEvery)
      : undefined;
  progress?.unref();
  try {
    await prepareSweepDir(plan);
    const total = plan.trials.length;
    const label = (trial: PlannedTrial) => `[${trial.number}/${total}] ${trial.name}`;
    const start = async (trial: PlannedTrial, action: TrialMode): Promise<TrialOutcome> => {
      if (stopping) return { trial, action, result: "not-started" };
      let started: ReturnType<typeof startTrial>;
      try {
        started = startTrial(plan, trial, action, options);
      } catch (error) {
        if (!(error instanceof RunLockedError)) throw error;
        return { trial, action, result: "running-elsewhere", message: error.message };
      }
      const { child, outcome: exited } = started;
      running.set(trial, child);
      options.log(
        `${label(trial)}: ${action === "resume" ? "resuming from its checkpoint" : "started"} (pid ${child.pid})`,
      );
      const outcome = await exited;
      running.delete(trial);
      const took = `after ${outcome.seconds?.toFixed(1)} s`;
      if (outcome.result === "finished") {
        const loss =
          outcome.finalLoss === undefined ? "" : `, final loss ${outcome.finalLoss.toPrecision(4)}`;
        options.log(`${label(trial)}: finished ${took}${loss}`);
      } else {
        options.log(`${label(trial)}: ${outcome.result} ${took}: ${outcome.message}`);
        options.log(`  log: ${shown(trialLogFile(plan, trial))}`);
      }
      return outcome;
    };
    const limit = pLimit(Math.max(1, options.parallel));
    const outcomes = await Promise.all(
      plan.trials.map((trial) => {
        const { action, outcome } = decideTrial(trial);
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
