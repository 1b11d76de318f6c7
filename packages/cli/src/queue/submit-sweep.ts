/**
 * The submitter's side of a queued sweep: enqueue the unfinished trials (refusing a sweep
 * file changed since it was submitted), and cancel a sweep.
 */
import type { Redis } from "ioredis";
import { UsageError } from "../exit-codes.js";
import type { PlannedTrial, SweepPlan } from "../sweep/plan.js";
import { decideTrial } from "../sweep/trial-process.js";
import { cancelKey, jobDataFor, type TrialJob, type TrialQueue, trialJobId } from "./trial-jobs.js";

export interface Submission {
  enqueued: number;
  finished: number;
  /** Queued or running from an earlier submission. */
  pending: number;
}

/** Trials whose submitted job or finished run has another config than the sweep file now gives. */
async function changedTrials(queue: TrialQueue, plan: SweepPlan): Promise<string[]> {
  const changed: string[] = [];
  for (const trial of plan.trials) {
    const job = await queue.getJob(trialJobId(plan.name, trial.name));
    const live = job && !(await job.isFailed());
    if (live && job.data.configHash !== jobDataFor(plan, trial).configHash) {
      changed.push(`${trial.name} (its submitted config differs)`);
      continue;
    }
    const { outcome } = decideTrial(trial);
    if (outcome?.result === "changed") changed.push(`${trial.name} (${outcome.message})`);
  }
  return changed;
}

/** Add the trial's job, replacing a failed or completed one (a rerun); false when it is queued or running. */
export async function enqueueTrial(
  queue: TrialQueue,
  plan: SweepPlan,
  trial: PlannedTrial,
  retries: number,
): Promise<boolean> {
  const jobId = trialJobId(plan.name, trial.name);
  const job = await queue.getJob(jobId);
  if (job) {
    const state = await job.getState();
    if (state !== "failed" && state !== "completed") return false;
    await job.remove();
  }
  await queue.add(trial.name, jobDataFor(plan, trial), {
    jobId,
    attempts: retries + 1,
    backoff: { type: "fixed", delay: 1000 },
  });
  return true;
}

/** Refuse a sweep file changed since it was submitted, naming the trials whose configs differ. */
export async function refuseChangedSweep(queue: TrialQueue, plan: SweepPlan): Promise<void> {
  const changed = await changedTrials(queue, plan);
  if (changed.length > 0) {
    throw new UsageError(
      `${plan.file} changed since sweep ${plan.name} was submitted; these trials' configs differ:\n  ${changed.join("\n  ")}\nremove those run directories (and cancel the sweep), or give the sweep another name`,
    );
  }
}

/** Enqueue every trial that has not finished (after refuseChangedSweep and writing the sweep directory). */
export async function submitSweep(
  queue: TrialQueue,
  redis: Redis,
  plan: SweepPlan,
  retries: number,
): Promise<Submission> {
  await redis.del(cancelKey(plan.name));
  const submission: Submission = { enqueued: 0, finished: 0, pending: 0 };
  for (const trial of plan.trials) {
    const { outcome } = decideTrial(trial);
    if (outcome?.result === "finished") submission.finished++;
    else if (await enqueueTrial(queue, plan, trial, retries)) submission.enqueued++;
    else submission.pending++;
  }
  return submission;
}

/**
 * Remove the sweep's queued jobs, then flag it cancelled: workers interrupt its running trials
 * (they checkpoint and stop; resubmitting resumes them). The flag comes second so that a trial
 * stopped by it cannot free its worker to take a job not yet removed; a job a worker takes
 * while we remove it is running by the time the flag is set, and stops with the others.
 * Returns how many queued jobs were removed.
 */
export async function cancelSweep(queue: TrialQueue, redis: Redis, plan: SweepPlan): Promise<number> {
  let removed = 0;
  for (const trial of plan.trials) {
    const job = await queue.getJob(trialJobId(plan.name, trial.name));
    if (job && (await isQueued(job))) {
      try {
        await job.remove();
        removed++;
      } catch (error) {
        // A worker locked it between the two calls: it is running now, and the flag stops it.
        if (await isQueued(job)) throw error;
      }
    }
  }
  await redis.set(cancelKey(plan.name), "1");
  return removed;
}

async function isQueued(job: TrialJob): Promise<boolean> {
  const state = await job.getState();
  return state === "waiting" || state === "delayed" || state === "prioritized";
}
