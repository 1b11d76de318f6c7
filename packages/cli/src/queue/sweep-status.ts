/**
 * What the submitter shows of a queued sweep: each trial's job state (queued, running on
 * which worker, finished, failed with its reason), one summary line, and the wait for the
 * sweep to end.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import type { SweepPlan } from "../sweep/plan.js";
import { decideTrial } from "../sweep/trial-process.js";
import { enqueueTrial } from "./submit-sweep.js";
import { cancelKey, type TrialJobProgress, type TrialQueue, trialJobId } from "./trial-jobs.js";

export type TrialState = "queued" | "running" | "finished" | "failed" | "missing";

export interface TrialStatus {
  trial: string;
  state: TrialState;
  worker?: string;
  step?: number;
  totalSteps?: number;
  /** Why it failed (the last attempt's error, with its log). */
  reason?: string;
}

export async function sweepStatus(queue: TrialQueue, plan: SweepPlan): Promise<TrialStatus[]> {
  return Promise.all(
    plan.trials.map(async (trial): Promise<TrialStatus> => {
      const job = await queue.getJob(trialJobId(plan.name, trial.name));
      if (!job) {
        const finished = decideTrial(trial).outcome?.result === "finished";
        return { trial: trial.name, state: finished ? "finished" : "missing" };
      }
      const state = await job.getState();
      if (state === "completed") return { trial: trial.name, state: "finished" };
      if (state === "failed") return { trial: trial.name, state: "failed", reason: job.failedReason };
      if (state !== "active") return { trial: trial.name, state: "queued" };
      const progress = (typeof job.progress === "object" ? job.progress : {}) as Partial<TrialJobProgress>;
      return {
        trial: trial.name,
        state: "running",
        worker: progress.worker ?? job.processedBy,
        step: progress.step,
        totalSteps: progress.totalSteps,
      };
    }),
  );
}

/** `queued 2 · running 3 (w1: a 40/120; w2: b) · finished 1 · failed 0`. */
export function summaryLine(statuses: TrialStatus[]): string {
  const count = (state: TrialState) => statuses.filter((s) => s.state === state).length;
  const byWorker = new Map<string, string[]>();
  for (const s of statuses.filter((status) => status.state === "running")) {
    const step = s.totalSteps ? ` ${s.step}/${s.totalSteps}` : "";
    const worker = s.worker ?? "?";
    byWorker.set(worker, [...(byWorker.get(worker) ?? []), `${s.trial}${step}`]);
  }
  const running = [...byWorker].map(([worker, trials]) => `${worker}: ${trials.join(", ")}`).join("; ");
  const parts = [
    `queued ${count("queued")}`,
    `running ${count("running")}${running ? ` (${running})` : ""}`,
    `finished ${count("finished")}`,
    `failed ${count("failed")}`,
  ];
  if (count("missing") > 0) parts.push(`not in the queue ${count("missing")}`);
  return parts.join(" · ");
}

export function failureLines(statuses: TrialStatus[]): string[] {
  return statuses.filter((s) => s.state === "failed").map((s) => `  failed: ${s.trial}: ${s.reason ?? ""}`);
}

export interface WaitOptions {
  redis: Redis;
  retries: number;
  log: (line: string) => void;
  /** Milliseconds between looks at the queue. */
  every?: number;
  /** Milliseconds after which an unchanged summary is printed again. */
  repeatEvery?: number;
  /** Stop waiting (Ctrl-C): the trials go on in the workers. */
  signal?: AbortSignal;
}

interface Shown {
  line: string;
  at: number;
  failures: Set<string>;
}

/** One look at the queue: say what changed; the exit code once the sweep has ended. */
async function look(
  queue: TrialQueue,
  plan: SweepPlan,
  options: WaitOptions,
  shown: Shown,
): Promise<number | undefined> {
  const { log } = options;
  const statuses = await sweepStatus(queue, plan);
  if (await options.redis.exists(cancelKey(plan.name))) {
    log(`sweep ${plan.name} was cancelled: ${summaryLine(statuses)}`);
    return 1;
  }
  for (const status of statuses.filter((s) => s.state === "missing")) {
    const trial = plan.trials.find((t) => t.name === status.trial);
    if (trial && (await enqueueTrial(queue, plan, trial, options.retries))) {
      log(`${trial.name}: not in the queue (did Redis lose its data?): enqueued again`);
    }
  }
  for (const status of statuses.filter((s) => s.state === "failed" && !shown.failures.has(s.trial))) {
    shown.failures.add(status.trial);
    log(`${status.trial}: failed: ${status.reason ?? ""}`);
  }
  const line = summaryLine(statuses);
  if (line !== shown.line || Date.now() - shown.at > (options.repeatEvery ?? 30_000)) {
    log(line);
    Object.assign(shown, { line, at: Date.now() });
  }
  if (!statuses.every((s) => s.state === "finished" || s.state === "failed")) return undefined;
  const failed = failureLines(statuses);
  log(`sweep ${plan.name}: ${statuses.length - failed.length} finished, ${failed.length} failed`);
  for (const failure of failed) log(failure);
  return failed.length > 0 ? 1 : 0;
}

/**
 * Wait until every trial has finished or failed, printing the summary when it changes.
 * A trial neither finished nor in the queue (Redis restarted without its data) is enqueued
 * again. Returns the exit code: 0 when all finished, 1 when any failed or the sweep was
 * cancelled; "stopped" when `signal` ended the wait.
 */
export async function waitForSweep(
  queue: TrialQueue,
  plan: SweepPlan,
  options: WaitOptions,
): Promise<number | "stopped"> {
  const shown: Shown = { line: "", at: 0, failures: new Set() };
  for (;;) {
    // While Redis is away a look fails (the connection watch says so): look again later.
    const code = await look(queue, plan, options, shown).catch(() => undefined);
    if (code !== undefined) return code;
    await sleep(options.every ?? 1000, undefined, { signal: options.signal }).catch(() => {});
    if (options.signal?.aborted) {
      options.log(
        `stopped waiting; the trials go on in the workers (follow them with --status): ${shown.line}`,
      );
      return "stopped";
    }
  }
}
