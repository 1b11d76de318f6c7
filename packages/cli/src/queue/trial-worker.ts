/**
 * `exp worker`: take trial jobs from the queue and run each trial as a local sweep would
 * (an ordinary run in its own process, see sweep/trial-process.ts). BullMQ's job lock and
 * the run directory's lock keep a trial in one process at a time; a job whose worker died
 * is found stalled and resumed here from the trial's newest valid checkpoint.
 */
import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { availableParallelism, hostname } from "node:os";
import { dirname } from "node:path";
import { ConfigError } from "@w2v/config";
import { RunLockedError } from "@w2v/trainer";
import { DelayedError, UnrecoverableError, WaitingError, Worker } from "bullmq";
import { Redis } from "ioredis";
import { readRunState } from "../sweep/run-state.js";
import {
  decideTrial,
  signalTrial,
  startTrial,
  type TrialCommandFor,
  type TrialOutcome,
  trialLogFile,
} from "../sweep/trial-process.js";
import { watchConnection } from "./connection-watch.js";
import type { RedisTarget } from "./redis-target.js";
import { cancelKey, QUEUE_NAME, type TrialJob, type TrialJobProgress, trialFromJob } from "./trial-jobs.js";

export interface WorkerOptions {
  target: RedisTarget;
  experimentsDir: string;
  name?: string;
  /** Trials at once; by default the cores over the first trial's threads. */
  concurrency?: number;
  trialCommand: TrialCommandFor;
  log: (line: string) => void;
  /** A job whose worker stopped renewing its lock is stalled after this long (ms). */
  lockDuration?: number;
  /** Milliseconds between progress reports (and looks at the cancel flag). */
  reportEvery?: number;
}

interface RunningTrial {
  child: ChildProcess;
  sweep: string;
  cancelled: boolean;
}

/** The environment of a trial: it needs no queue credentials. */
function trialEnv(): NodeJS.ProcessEnv {
  const { REDIS_URL: _url, REDIS_PASSWORD: _password, ...env } = process.env;
  return env;
}

function asUnrecoverable(error: unknown): never {
  if (error instanceof ConfigError) throw new UnrecoverableError(error.message);
  throw error;
}

export class TrialWorker {
  readonly name: string;
  private readonly worker: Worker;
  private readonly redis: Redis;
  private readonly unwatch: () => void;
  private readonly running = new Map<string, RunningTrial>();
  private stopSignal: NodeJS.Signals | undefined;
  private concurrencySet: boolean;

  constructor(private readonly options: WorkerOptions) {
    this.name = options.name ?? `${hostname()}-${process.pid}`;
    this.concurrencySet = options.concurrency !== undefined;
    const lockDuration = options.lockDuration ?? 30_000;
    this.redis = new Redis(options.target.options);
    this.unwatch = watchConnection(
      this.redis,
      options.target.shown,
      "running trials keep training, results are reported when it is back",
      options.log,
    );
    this.worker = new Worker(QUEUE_NAME, (job: TrialJob, token?: string) => this.process(job, token), {
      connection: options.target.options,
      name: this.name,
      concurrency: options.concurrency ?? 1,
      lockDuration,
      stalledInterval: lockDuration,
      // A stall is a lost worker, not a failing trial: resume it, however often that happens.
      maxStalledCount: 1000,
    });
    this.worker.on("error", () => {}); // Lost connections are said once by watchConnection.
  }

  /** Ask running trials to checkpoint and stop, return their jobs to the queue, take no more. */
  async stop(signal: NodeJS.Signals): Promise<void> {
    this.stopSignal = signal;
    this.options.log(
      `${signal}: ${this.running.size} running trial(s) save a checkpoint and go back to the queue (again to exit at once)`,
    );
    for (const { child } of this.running.values()) signalTrial(child, signal);
    await this.worker.close();
    this.unwatch();
    this.redis.disconnect();
  }

  /** A second signal: trials stop at once (their jobs go stalled and are resumed elsewhere). */
  stopNow(): void {
    for (const { child } of this.running.values()) signalTrial(child, "SIGINT");
  }

  private adjustConcurrency(threads: number): void {
    if (this.concurrencySet) return;
    this.concurrencySet = true;
    const concurrency = Math.max(1, Math.floor(availableParallelism() / Math.max(1, threads)));
    this.worker.concurrency = concurrency;
    this.options.log(`${this.name}: ${concurrency} trial(s) at once (${threads} thread(s) each)`);
  }

  private async process(job: TrialJob, token?: string): Promise<unknown> {
    let spec: ReturnType<typeof trialFromJob>;
    try {
      spec = trialFromJob(job.data, this.options.experimentsDir);
    } catch (error) {
      asUnrecoverable(error);
    }
    const { plan, trial } = spec;
    if (this.stopSignal) {
      // Taken just as this worker was told to stop: leave it to another.
      await job.moveToWait(token);
      throw new WaitingError();
    }
    this.adjustConcurrency(job.data.threads);
    const { action, outcome } = decideTrial(trial);
    if (outcome?.result === "running-elsewhere") return this.later(job, token, outcome.message);
    if (action === "skip") {
      if (outcome?.result === "finished") return { finalLoss: outcome.finalLoss };
      throw new UnrecoverableError(outcome?.message ?? "cannot run");
    }
    mkdirSync(dirname(trialLogFile(plan, trial)), { recursive: true });
    let started: ReturnType<typeof startTrial>;
    try {
      started = startTrial(plan, trial, action, {
        trialCommand: this.options.trialCommand,
        env: trialEnv(),
        note: `worker ${this.name}, attempt ${job.attemptsMade + 1}`,
      });
    } catch (error) {
      if (error instanceof RunLockedError) return this.later(job, token, error.message);
      throw error;
    }
    const running: RunningTrial = { child: started.child, sweep: job.data.sweep, cancelled: false };
    this.running.set(job.id ?? trial.name, running);
    this.options.log(
      `${job.id}: ${action === "resume" ? "resuming from its checkpoint" : "started"} (pid ${started.child.pid})`,
    );
    const timer = setInterval(() => this.report(job, trial.dir, running), this.options.reportEvery ?? 2_000);
    let result: TrialOutcome;
    try {
      result = await started.outcome;
    } finally {
      clearInterval(timer);
      this.running.delete(job.id ?? trial.name);
    }
    return this.settle(job, token, result, running, trialLogFile(plan, trial));
  }

  /**
   * Another live process holds the trial's run directory (say, its previous worker's trial,
   * whose job stalled while Redis was away): look again later rather than count a failure.
   */
  private async later(job: TrialJob, token: string | undefined, why: string | undefined): Promise<never> {
    this.options.log(`${job.id}: its run directory is in use (${why}); retrying in 5 s`);
    await job.moveToDelayed(Date.now() + 5_000, token);
    throw new DelayedError();
  }

  private async settle(
    job: TrialJob,
    token: string | undefined,
    outcome: TrialOutcome,
    running: RunningTrial,
    logFile: string,
  ): Promise<unknown> {
    const name = job.id;
    if (outcome.result === "finished") {
      this.options.log(`${name}: finished after ${outcome.seconds?.toFixed(1)} s`);
      return { finalLoss: outcome.finalLoss, seconds: outcome.seconds };
    }
    if (outcome.result === "interrupted" && running.cancelled) {
      throw new UnrecoverableError(
        `cancelled (exp sweep --cancel); resubmit the sweep to resume it. log: ${logFile}`,
      );
    }
    if (outcome.result === "interrupted" && this.stopSignal) {
      this.options.log(`${name}: checkpointed; its job goes back to the queue`);
      await job.moveToWait(token);
      throw new WaitingError();
    }
    this.options.log(`${name}: ${outcome.result}: ${outcome.message} (log: ${logFile})`);
    throw new Error(`${outcome.result}: ${outcome.message}. log: ${logFile}`);
  }

  /** Progress to the job (which the submitter shows); a cancelled sweep's trial is interrupted. */
  private report(job: TrialJob, dir: string, running: RunningTrial): void {
    let state: ReturnType<typeof readRunState>;
    try {
      state = readRunState(dir);
    } catch {
      return;
    }
    const progress: TrialJobProgress = {
      worker: this.name,
      step: state?.file.step ?? 0,
      totalSteps: state?.file.totalSteps ?? 0,
    };
    // While Redis is away these fail; the next report after it returns goes through.
    job.updateProgress({ ...progress }).catch(() => {});
    this.redis
      .exists(cancelKey(running.sweep))
      .then((cancelled) => {
        if (cancelled && !running.cancelled) {
          running.cancelled = true;
          this.options.log(
            `${job.data.trial}: sweep ${running.sweep} cancelled: stopping it after a checkpoint`,
          );
          signalTrial(running.child);
        }
      })
      .catch(() => {});
  }
}
