/**
 * `exp sweep <file> --queue URL`: the sweep's trials as jobs for `exp worker` processes on
 * any machine that shares the experiments directory. Submit (and wait), `--status` or
 * `--cancel`.
 */
import { relative } from "node:path";
import { Redis } from "ioredis";
import { EXIT } from "../exit-codes.js";
import { writeSweepHParams } from "../sweep/hparams.js";
import type { SweepPlan } from "../sweep/plan.js";
import { prepareSweepDir } from "../sweep/runner.js";
import { watchConnection } from "./connection-watch.js";
import { checkRedis, redisTarget } from "./redis-target.js";
import { cancelSweep, refuseChangedSweep, submitSweep } from "./submit-sweep.js";
import { failureLines, summaryLine, sweepStatus, waitForSweep } from "./sweep-status.js";
import { openQueue } from "./trial-jobs.js";

export interface QueuedSweepOptions {
  queue: string | true;
  /** Return once the trials are enqueued. */
  wait: boolean;
  status?: boolean;
  cancel?: boolean;
  retries: number;
  log: (line: string) => void;
  /** Milliseconds between looks at the queue while waiting. */
  pollEvery?: number;
}

export async function queuedSweep(plan: SweepPlan, options: QueuedSweepOptions): Promise<number> {
  const { log } = options;
  const target = redisTarget(options.queue);
  await checkRedis(target);
  const redis = new Redis(target.options);
  const unwatch = watchConnection(redis, target.shown, "the trials go on training on the workers", log);
  const queue = openQueue(target);
  queue.on("error", () => {}); // Said once by watchConnection.
  try {
    if (options.status) {
      const statuses = await sweepStatus(queue, plan);
      process.stdout.write(
        `${summaryLine(statuses)}\n${failureLines(statuses)
          .map((l) => `${l}\n`)
          .join("")}`,
      );
      return statuses.some((s) => s.state === "failed") ? 1 : 0;
    }
    if (options.cancel) {
      const removed = await cancelSweep(queue, redis, plan);
      log(
        `sweep ${plan.name}: removed ${removed} queued trial(s); workers stop its running trials after a checkpoint (resubmit to resume them)`,
      );
      return 0;
    }
    await refuseChangedSweep(queue, plan);
    await prepareSweepDir(plan);
    const submission = await submitSweep(queue, redis, plan, options.retries);
    log(
      `sweep ${plan.name}: ${plan.trials.length} trials in ${relative(process.cwd(), plan.dir) || "."}: enqueued ${submission.enqueued}, ${submission.finished} finished already, ${submission.pending} queued or running from before (queue ${target.shown})`,
    );
    if (!options.wait) return 0;
    const stop = new AbortController();
    let stoppedBy: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      stoppedBy = signal;
      stop.abort();
    };
    process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
    let code: number | "stopped";
    try {
      code = await waitForSweep(queue, plan, {
        redis,
        retries: options.retries,
        log,
        every: options.pollEvery,
        signal: stop.signal,
      });
    } finally {
      process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    }
    if (code === "stopped") return stoppedBy === "SIGTERM" ? EXIT.sigterm : EXIT.sigint;
    // Again at the end: the record now lists the evaluation metrics the trials wrote.
    await writeSweepHParams(plan);
    return code;
  } finally {
    unwatch();
    await queue.close();
    redis.disconnect();
  }
}
