import { UsageError } from "../exit-codes.js";
import type { RunSummary } from "./runs.js";
import { formatNumber, renderTable, type TableFormat } from "./table-format.js";
import { flowYaml, shortKeys } from "./trial-name.js";

/** A metric over the runs of a row: their mean, sample standard deviation and count. */
export interface MetricStat {
  mean: number;
  std: number;
  n: number;
}

export interface CompareRow {
  /** The run's id; for repeats, the first id with its seed written as `seed=*`. */
  run: string;
  runs: string[];
  /** Value of each differing config field (the same for every run of the row). */
  params: Record<string, unknown>;
  seeds: unknown[];
  statuses: string[];
  metrics: Record<string, MetricStat>;
}

export interface Comparison {
  /** Config fields (dotted) whose values differ between the runs; `seed` is not one of them. */
  params: string[];
  /** Whether runs differ in seed (then runs that differ only in seed share a row). */
  seeds: boolean;
  metrics: string[];
  rows: CompareRow[];
}

export interface CompareOptions {
  /** Metrics to show (default: all); the first one is the default sort key. */
  metrics?: string[];
  /** `column` or `column:asc|desc`: a param (full or short name), `run`, `seed` or a metric. */
  sort?: string;
}

/** Fields that differ between runs of one sweep without being parameters of the comparison. */
const NOT_PARAMS = new Set(["name", "seed"]);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function stat(values: number[]): MetricStat {
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const variance = n > 1 ? values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, std: Math.sqrt(variance), n };
}

/** Lower is better for losses and perplexities; higher for accuracies and correlations. */
function descendingByDefault(metric: string): boolean {
  return !/loss|perplexity/i.test(metric);
}

function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

function sortRows(
  comparison: Comparison,
  sort: string | undefined,
  metricsOption: string[] | undefined,
): void {
  let column: string;
  let descending: boolean;
  if (sort !== undefined) {
    const [name, direction = "asc"] = sort.split(":");
    if (direction !== "asc" && direction !== "desc") {
      throw new UsageError(`--sort ${sort}: the direction must be asc or desc`);
    }
    column = name;
    descending = direction === "desc";
  } else if (metricsOption?.length) {
    column = metricsOption[0];
    descending = descendingByDefault(column);
  } else return;
  const short = shortKeys(comparison.params);
  const param = comparison.params.find((path) => path === column || short.get(path) === column);
  const key = (row: CompareRow): unknown => {
    if (column === "run") return row.run;
    if (column === "seed") return row.seeds[0];
    if (param) return row.params[param];
    return row.metrics[column]?.mean;
  };
  if (column !== "run" && column !== "seed" && !param && !comparison.metrics.includes(column)) {
    const known = ["run", ...(comparison.seeds ? ["seed"] : []), ...comparison.params, ...comparison.metrics];
    throw new UsageError(`--sort ${column}: no such column; columns: ${known.join(", ")}`);
  }
  comparison.rows.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    // Rows without the value go last either way.
    if (x === undefined || y === undefined) return compareValues(x, y);
    return descending ? compareValues(y, x) : compareValues(x, y);
  });
}

/** Compare runs: only the config fields that differ, repeats over seeds grouped as mean ± std. */
export function compareRuns(runs: readonly RunSummary[], options: CompareOptions = {}): Comparison {
  const keys = [...new Set(runs.flatMap((run) => Object.keys(run.config)))].filter(
    (key) => !NOT_PARAMS.has(key),
  );
  const params = keys.filter((key) => runs.some((run) => !same(run.config[key], runs[0].config[key])));
  const seeds = runs.some((run) => !same(run.config.seed, runs[0].config.seed));
  const available = [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))];
  const missing = (options.metrics ?? []).filter((metric) => !available.includes(metric));
  if (missing.length > 0) {
    throw new UsageError(
      `no run has the metric ${missing.join(", ")}; metrics: ${available.join(", ") || "none yet"}`,
    );
  }
  const metrics = options.metrics?.length ? options.metrics : available;
  const groups = new Map<string, RunSummary[]>();
  for (const run of runs) {
    const id = JSON.stringify(params.map((key) => run.config[key]));
    groups.set(id, [...(groups.get(id) ?? []), run]);
  }
  const rows = [...groups.values()].map((group): CompareRow => {
    const first = group[0];
    const values = (metric: string) =>
      group.map((run) => run.metrics[metric]).filter((value): value is number => value !== undefined);
    return {
      run: group.length === 1 ? first.id : first.id.replace(/(^|[,/])seed=[^,/]*/, "$1seed=*"),
      runs: group.map((run) => run.id),
      params: Object.fromEntries(params.map((key) => [key, first.config[key]])),
      seeds: group.map((run) => run.config.seed),
      statuses: group.map((run) => (run.problem ? "unreadable" : (run.state?.status ?? "unknown"))),
      metrics: Object.fromEntries(
        metrics.filter((metric) => values(metric).length > 0).map((metric) => [metric, stat(values(metric))]),
      ),
    };
  });
  const comparison = { params, seeds, metrics, rows };
  sortRows(comparison, options.sort, options.metrics);
  return comparison;
}

function paramText(value: unknown): string {
  if (value === undefined) return "";
  return typeof value === "string" ? value : flowYaml(value);
}

function statusText(statuses: string[]): string {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  if (counts.size === 1 && statuses.length === 1) return statuses[0];
  return [...counts].map(([status, count]) => `${count} ${status}`).join(", ");
}

function statText(metric: MetricStat | undefined, runs: number): string {
  if (!metric) return "";
  if (runs === 1) return formatNumber(metric.mean);
  const count = metric.n < runs ? ` (n=${metric.n})` : "";
  return `${formatNumber(metric.mean)} ± ${formatNumber(metric.std)}${count}`;
}

/** The comparison as a table, CSV (mean and std in separate columns), JSON or Markdown. */
export function formatComparison(comparison: Comparison, format: TableFormat): string {
  const { params, seeds, metrics, rows } = comparison;
  if (format === "json") return `${JSON.stringify(comparison, null, 2)}\n`;
  const showStatus = rows.some((row) => row.statuses.some((status) => status !== "finished"));
  const seedText = (row: CompareRow) => row.seeds.map(paramText).join(" ");
  if (format === "csv") {
    return renderTable(
      {
        columns: [
          "run",
          ...params,
          ...(seeds ? ["seed"] : []),
          ...(showStatus ? ["status"] : []),
          ...metrics.flatMap((metric) => [metric, `${metric}.std`]),
        ],
        rows: rows.map((row) => [
          row.run,
          ...params.map((key) => paramText(row.params[key])),
          ...(seeds ? [seedText(row)] : []),
          ...(showStatus ? [statusText(row.statuses)] : []),
          ...metrics.flatMap((metric) => {
            const value = row.metrics[metric];
            return [value ? String(value.mean) : "", value && row.runs.length > 1 ? String(value.std) : ""];
          }),
        ]),
      },
      "csv",
    );
  }
  const short = shortKeys(params);
  return renderTable(
    {
      columns: [
        "run",
        ...params.map((key) => short.get(key) ?? key),
        ...(seeds ? ["seed"] : []),
        ...(showStatus ? ["status"] : []),
        ...metrics,
      ],
      rows: rows.map((row) => [
        row.run,
        ...params.map((key) => paramText(row.params[key])),
        ...(seeds ? [seedText(row)] : []),
        ...(showStatus ? [statusText(row.statuses)] : []),
        ...metrics.map((metric) => statText(row.metrics[metric], row.runs.length)),
      ]),
    },
    format,
  );
}
