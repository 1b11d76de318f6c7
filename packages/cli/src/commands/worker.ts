import type { Command } from "commander";
import { EXIT } from "../exit-codes.js";
import { checkRedis, redisTarget } from "../queue/redis-target.js";
import { TrialWorker } from "../queue/trial-worker.js";
import { cliTrialCommand, type TrialCommandFor } from "../sweep/trial-process.js";
import { describeCommand } from "./descriptions.js";
import { experimentsDir, positiveInt } from "./shared.js";

export interface WorkerCommandOptions {
  queue: string | true;
  experimentsDir: string;
  concurrency?: number;
  name?: string;
  /** Tests inject a fake trial; by default each trial is `exp run` / `exp resume` in its own process. */
  trialCommand?: TrialCommandFor;
  log?: (line: string) => void;
}

/** Milliseconds without a lock renewal after which a worker's job is stalled (W2V_WORKER_LOCK_MS). */
function lockDuration(): number | undefined {
  const value = Number(process.env.W2V_WORKER_LOCK_MS);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * `exp worker`: run trials from the queue until SIGINT/SIGTERM; then its trials checkpoint,
 * their jobs go back to the queue, and it exits 130/143. A second signal exits at once.
 */
export async function workerCommand(options: WorkerCommandOptions): Promise<number> {
  const log = options.log ?? ((line: string) => console.error(line));
  const target = redisTarget(options.queue);
  await checkRedis(target);
  const worker = new TrialWorker({
    target,
    experimentsDir: options.experimentsDir,
    name: options.name,
    concurrency: options.concurrency,
    trialCommand: options.trialCommand ?? cliTrialCommand,
    log,
    lockDuration: lockDuration(),
  });
  log(`worker ${worker.name}: taking trials from ${target.shown}; runs in ${options.experimentsDir}`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    let first: NodeJS.Signals | undefined;
    const onSignal = (received: NodeJS.Signals) => {
      if (first) {
        log(`${received} again: exiting at once`);
        worker.stopNow();
        process.exit(first === "SIGTERM" ? EXIT.sigterm : EXIT.sigint);
      }
      first = received;
      resolve(received);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
  await worker.stop(signal);
  log(`worker ${worker.name}: stopped`);
  return signal === "SIGTERM" ? EXIT.sigterm : EXIT.sigint;
}

export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description(describeCommand("worker"))
    .requiredOption(
      "--queue [url]",
      "redis://[user:password@]host:port[/db] or rediss:// (default: $REDIS_URL)",
    )
    .option("--concurrency <N>", "trials at once (default: cores / threads per trial)", positiveInt)
    .option("--name <name>", "this worker's name in the sweep's summary (default: host-pid)")
    .action(
      async (options: { queue: string | true; concurrency?: number; name?: string }, command: Command) => {
        process.exitCode = await workerCommand({ ...options, experimentsDir: experimentsDir(command) });
      },
    );
}
