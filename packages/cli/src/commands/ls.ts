import { existsSync } from "node:fs";
import type { Command } from "commander";
import prettyMilliseconds from "pretty-ms";
import { EXIT, UsageError } from "../exit-codes.js";
import { findRunDirs, type RunSummary, readRun } from "../sweep/runs.js";
import { formatNumber, formatOption, renderTable, type TableFormat } from "../sweep/table-format.js";
import { describeCommand } from "./descriptions.js";
import { experimentsDir } from "./shared.js";

export interface LsOptions {
  format: TableFormat;
}

function startText(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** How long the run took, or has been going for if it is still running. */
function durationMs(run: RunSummary, now: number): number | undefined {
  const file = run.state?.file;
  if (!file?.startTime) return undefined;
  const end = file.endTime ? Date.parse(file.endTime) : run.state?.status === "running" ? now : undefined;
  return end === undefined ? undefined : end - Date.parse(file.startTime);
}

/** `exp ls`: every run under a directory, with status, timing, final loss and eval metrics. */
export function lsCommand(dir: string, options: LsOptions): number {
  if (!existsSync(dir)) throw new UsageError(`${dir}: no such directory (no runs yet?)`);
  const runs = findRunDirs(dir)
    .map((runDir) => readRun(runDir, dir, { config: false }))
    .sort((a, b) => (a.state?.file.startTime ?? "").localeCompare(b.state?.file.startTime ?? ""));
  for (const run of runs.filter((r) => r.problem)) console.error(`warning: ${run.problem}`);
  const evalMetrics = [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))].filter(
    (metric) => metric !== "finalLoss" && metric !== "wordsPerSec",
  );
  const now = Date.now();
  if (options.format === "json") {
    const rows = runs.map((run) => ({
      run: run.id,
      status: run.problem ? "unreadable" : (run.state?.status ?? "unknown"),
      startTime: run.state?.file.startTime,
      durationMs: durationMs(run, now),
      step: run.state?.file.step,
      totalSteps: run.state?.file.totalSteps,
      metrics: run.metrics,
    }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  if (runs.length === 0) {
    console.error(`no runs under ${dir}`);
    return EXIT.ok;
  }
  const table = {
    columns: ["run", "status", "started", "duration", "step", "final loss", "words/s", ...evalMetrics],
    rows: runs.map((run) => {
      const file = run.state?.file;
      const ms = durationMs(run, now);
      return [
        run.id,
        run.problem ? "unreadable" : (run.state?.status ?? "unknown"),
        startText(file?.startTime),
        ms === undefined ? "" : prettyMilliseconds(ms, { unitCount: 2 }),
        file ? `${file.step}/${file.totalSteps}` : "",
        formatNumber(run.metrics.finalLoss),
        formatNumber(run.metrics.wordsPerSec === undefined ? undefined : Math.round(run.metrics.wordsPerSec)),
        ...evalMetrics.map((metric) => formatNumber(run.metrics[metric])),
      ];
    }),
  };
  process.stdout.write(renderTable(table, options.format));
  return EXIT.ok;
}

export function registerLs(program: Command): void {
  program
    .command("ls")
    .description(describeCommand("ls"))
    .argument("[dir]", "directory to search (default: the experiments directory)")
    .addOption(formatOption())
    .action((dir: string | undefined, options: LsOptions, command: Command) => {
      process.exitCode = lsCommand(dir ?? experimentsDir(command), options);
    });
}
