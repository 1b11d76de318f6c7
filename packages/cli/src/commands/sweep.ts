import { EventEmitter } from "node:events";
import { relative } from "node:path";
import type { Command } from "commander";
import { EXIT, UsageError } from "../exit-codes.js";
import { queuedSweep } from "../queue/queued-sweep.js";
import { checkRunLocation } from "../run-dir.js";
import { planSweep, type SweepPlan } from "../sweep/plan.js";
import { defaultParallelism, runSweep } from "../sweep/runner.js";
import { renderTable } from "../sweep/table-format.js";
import { flowYaml, shortKeys } from "../sweep/trial-name.js";
import { cliTrialCommand, type TrialCommandFor, type TrialOutcome } from "../sweep/trial-process.js";
import { describeCommand } from "./descriptions.js";
import { experimentsDir, nonNegativeInt, positiveInt } from "./shared.js";

export interface SweepOptions {
  experimentsDir: string;
  /** Enqueue the trials for `exp worker` processes (a Redis URL, or true for $REDIS_URL). */
  queue?: string | true;
  /** With --queue: wait for the trials (default), or return once they are enqueued. */
  wait?: boolean;
  status?: boolean;
  cancel?: boolean;
  retries?: number;
  dryRun?: boolean;
  parallel?: number;
  maxTrials?: number;
  /** Tests inject a fake trial; by default each trial is `exp run` in its own process. */
  trialCommand?: TrialCommandFor;
  /** Milliseconds between progress lines (default 60 s). */
  progressEvery?: number;
}

function trialTable(plan: SweepPlan): string {
  const paths = [...new Set(plan.trials.flatMap((trial) => trial.varied.map((value) => value.path)))];
  const short = shortKeys(paths);
  return renderTable(
    {
      columns: ["#", ...paths.map((path) => short.get(path) ?? path), "run"],
      rows: plan.trials.map((trial) => [
        String(trial.number),
        ...paths.map((path) => {
          const value = trial.varied.find((varied) => varied.path === path)?.value;
          return typeof value === "string" ? value : flowYaml(value);
        }),
        relative(process.cwd(), trial.dir),
      ]),
    },
    "table",
  );
}

function summarize(outcomes: TrialOutcome[], log: (line: string) => void): void {
  const count = (result: string, action?: string) =>
    outcomes.filter((o) => o.result === result && (action === undefined || o.action === action)).length;
  const parts = [
    `${count("finished")} finished (${count("finished", "skip")} already)`,
    `${count("failed")} failed`,
    `${count("interrupted")} interrupted`,
  ];
  if (count("not-started") > 0) parts.push(`${count("not-started")} not started`);
  if (count("running-elsewhere") > 0) parts.push(`${count("running-elsewhere")} running in another process`);
  if (count("changed") > 0) parts.push(`${count("changed")} finished with another config`);
  log(`sweep: ${parts.join(", ")}`);
  for (const outcome of outcomes.filter((o) => o.result !== "finished" && o.result !== "not-started")) {
    log(`  ${outcome.result}: ${outcome.trial.name}: ${outcome.message ?? ""}`);
  }
}

/** `exp sweep`: validate every trial first (exit 2, nothing written), then run them. */
export async function sweepCommand(file: string, options: SweepOptions): Promise<number> {
  checkRunLocation("--experiments-dir", options.experimentsDir);
  const plan = planSweep(file, { experimentsDir: options.experimentsDir, maxTrials: options.maxTrials });
  const log = (line: string) => console.error(line);
  if (options.dryRun) {
    process.stdout.write(
      `sweep ${plan.name}: ${plan.trials.length} trial${plan.trials.length === 1 ? "" : "s"} in ${relative(process.cwd(), plan.dir) || "."}\n`,
    );
    process.stdout.write(trialTable(plan));
    return EXIT.ok;
  }
  if (options.queue !== undefined) {
    return queuedSweep(plan, {
      ...options,
      queue: options.queue,
      wait: options.wait ?? true,
      retries: options.retries ?? 1,
      log,
    });
  }
  if (options.status || options.cancel) throw new UsageError("--status and --cancel need --queue URL");
  const parallel = options.parallel ?? defaultParallelism(plan);
  log(`sweep ${plan.name}: ${plan.trials.length} trials, ${parallel} at a time, in ${plan.dir}`);
  const interrupts = new EventEmitter();
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    interrupts.emit("interrupt");
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let outcomes: TrialOutcome[];
  try {
    outcomes = await runSweep(plan, {
      parallel,
      trialCommand: options.trialCommand ?? cliTrialCommand,
      interrupts,
      log,
      progressEvery: options.progressEvery ?? 60_000,
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  summarize(outcomes, log);
  if (interrupted) {
    log("stopped: run the same command again to resume the interrupted trials");
    return EXIT.sigint;
  }
  const incomplete = ["failed", "interrupted", "changed"];
  return outcomes.some((o) => incomplete.includes(o.result)) ? EXIT.failure : EXIT.ok;
}

export function registerSweep(program: Command): void {
  program
    .command("sweep")
    .description(describeCommand("sweep"))
    .argument("<file>", "sweep file (YAML)")
    .option("--dry-run", "validate every trial and list them (values and run directory)")
    .option("--parallel <P>", "trials at once (default: cores / threads per trial)", positiveInt)
    .option("--max-trials <N>", "only the first N trials of the sweep", positiveInt)
    .option(
      "--queue [url]",
      "enqueue the trials in Redis for exp worker processes: redis://[user:password@]host:port[/db] or rediss:// (default: $REDIS_URL; password also from $REDIS_PASSWORD)",
    )
    .option("--no-wait", "with --queue: return once the trials are enqueued")
    .option("--status", "with --queue: print the sweep's summary once")
    .option("--cancel", "with --queue: remove its queued trials; running ones checkpoint and stop")
    .option("--retries <N>", "with --queue: times a failing trial is retried", nonNegativeInt, 1)
    .action(async (file: string, options: Omit<SweepOptions, "experimentsDir">, command: Command) => {
      process.exitCode = await sweepCommand(file, { ...options, experimentsDir: experimentsDir(command) });
    });
}
