/**
 * Trials as BullMQ jobs: one queue for every sweep, one job per trial whose id is the
 * sweep's and the trial's names (so resubmitting never duplicates), and job data that holds
 * what a worker needs to start the trial as `exp sweep` would: no URL, no credentials.
 */
import { isAbsolute, join, relative } from "node:path";
import { loadConfig } from "@w2v/config";
import { configHash } from "@w2v/trainer";
import { type Job, Queue, UnrecoverableError } from "bullmq";
import type { SweepPlan } from "../sweep/plan.js";
import type { SweepSpec, TrialSpec } from "../sweep/trial-process.js";
import type { RedisTarget } from "./redis-target.js";

export const QUEUE_NAME = "w2v-trials";

export interface TrialJobData {
  /** The sweep's name: its directory under the experiments directory. */
  sweep: string;
  /** The trial's name: its run directory under the sweep directory. */
  trial: string;
  /** The base config: an absolute path, or relative to the sweep directory (an inline base). */
  base: string;
  /** `--set` texts, as `exp sweep` passes them. */
  overrides: string[];
  /** Of the trial's resolved config: a changed sweep file or base config is noticed. */
  configHash: string;
  threads: number;
}

/** What a worker reports on its running job. */
export interface TrialJobProgress {
  worker: string;
  step: number;
  totalSteps: number;
}

export type TrialJob = Job<TrialJobData, unknown>;

/** BullMQ ids may not contain `:`; trial names never do, sweep names might. */
export function trialJobId(sweep: string, trial: string): string {
  return `${sweep}/${trial}`.replaceAll(":", "_");
}

/** Redis key that `exp sweep --cancel` sets and workers watch. */
export function cancelKey(sweep: string): string {
  return `w2v:cancel:${sweep}`;
}

export type TrialQueue = Queue<TrialJobData, unknown, string>;

export function openQueue(target: RedisTarget): TrialQueue {
  return new Queue(QUEUE_NAME, { connection: target.options });
}

export function jobDataFor(plan: SweepPlan, trial: SweepPlan["trials"][number]): TrialJobData {
  const base = relative(plan.dir, plan.baseFile);
  return {
    sweep: plan.name,
    trial: trial.name,
    base: plan.inlineBase === undefined ? plan.baseFile : base,
    overrides: trial.overrides,
    configHash: configHash(trial.config),
    threads: trial.config.trainer.threads,
  };
}

/**
 * The trial a job names, under this worker's experiments directory, with its config
 * resolved here. A config that differs from the submitted one (the base config or a data
 * path is not the same on this machine) cannot run: retrying would not help.
 */
export function trialFromJob(
  data: TrialJobData,
  experimentsDir: string,
): { plan: SweepSpec; trial: TrialSpec } {
  const dir = join(experimentsDir, data.sweep);
  const baseFile = isAbsolute(data.base) ? data.base : join(dir, data.base);
  const { config } = loadConfig(baseFile, { overrides: data.overrides, name: data.sweep });
  if (configHash(config) !== data.configHash) {
    throw new UnrecoverableError(
      `trial ${data.trial}: its config resolved on this machine (from ${baseFile}) differs from the submitted one; every machine needs the same base config and data paths`,
    );
  }
  return {
    plan: { name: data.sweep, dir, baseFile },
    trial: { name: data.trial, dir: join(dir, data.trial), overrides: data.overrides, config },
  };
}
