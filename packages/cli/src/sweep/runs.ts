import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { flattenConfig } from "@w2v/config";
import { parse as parseYaml } from "yaml";
import { UsageError } from "../exit-codes.js";
import { type RunState, readRunState } from "./run-state.js";

/** What `exp ls` and `exp compare` know about one run directory. */
export interface RunSummary {
  dir: string;
  /** Path shown to the user, relative to the listing's root. */
  id: string;
  state?: RunState;
  /** Why the run's files could not be read, if so. */
  problem?: string;
  /** config.yaml flattened to dotted keys. */
  config: Record<string, unknown>;
  /** finalLoss and wordsPerSec from status.json, and every number in eval.json (dotted keys). */
  metrics: Record<string, number>;
}

/** A run directory holds the files `exp run` writes first. */
export function isRunDir(dir: string): boolean {
  return existsSync(join(dir, "status.json")) || existsSync(join(dir, "meta.json"));
}

/** Run directories at any depth under `root` (a run's own subfolders are not searched). */
export function findRunDirs(root: string): string[] {
  if (isRunDir(root)) return [resolve(root)];
  const found: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    found.push(...findRunDirs(join(root, entry.name)));
  }
  return found.sort();
}

function readYamlObject(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  return flattenConfig(parseYaml(readFileSync(path, "utf8")));
}

function numbersIn(path: string): Record<string, number> {
  if (!existsSync(path)) return {};
  const flat = flattenConfig(JSON.parse(readFileSync(path, "utf8")));
  return Object.fromEntries(
    Object.entries(flat).filter((entry): entry is [string, number] => typeof entry[1] === "number"),
  );
}

/** Read one run; unreadable files become `problem` rather than an exception, so listings go on. */
export function readRun(dir: string, root: string): RunSummary {
  const summary: RunSummary = { dir, id: relative(root, dir) || ".", config: {}, metrics: {} };
  try {
    summary.state = readRunState(dir);
    summary.config = readYamlObject(join(dir, "config.yaml"));
    const status = summary.state?.file;
    for (const key of ["finalLoss", "wordsPerSec"] as const) {
      if (typeof status?.[key] === "number") summary.metrics[key] = status[key];
    }
    Object.assign(summary.metrics, numbersIn(join(dir, "eval.json")));
  } catch (error) {
    summary.problem = error instanceof Error ? error.message : String(error);
  }
  return summary;
}

/** The deepest directory containing every run's parent: ids relative to it stay short. */
export function commonRoot(dirs: readonly string[]): string {
  if (dirs.length === 0) return process.cwd();
  const split = dirs.map((dir) => dirname(resolve(dir)).split(sep));
  let depth = 0;
  while (split.every((parts) => depth < parts.length && parts[depth] === split[0][depth])) depth++;
  return split[0].slice(0, depth).join(sep) || sep;
}

/** Runs named on the command line: run directories as given, other directories searched. */
export function collectRuns(paths: readonly string[]): RunSummary[] {
  const dirs = new Set<string>();
  for (const path of paths) {
    if (!existsSync(path) || !statSync(path).isDirectory()) throw new UsageError(`${path}: not a directory`);
    for (const dir of findRunDirs(path)) dirs.add(dir);
  }
  const root = commonRoot([...dirs]);
  return [...dirs].map((dir) => readRun(dir, root));
}
