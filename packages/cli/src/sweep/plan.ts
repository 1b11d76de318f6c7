import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import {
  ConfigError,
  type ConfigIssue,
  type LoadedSweep,
  loadConfig,
  loadSweepFile,
  type ResolvedConfig,
  type SourceLocation,
} from "@w2v/config";
import { stringify } from "yaml";
import { resolveConfigPaths } from "./config-paths.js";
import { expandSweep, type SweptValue } from "./expand.js";
import { flowYaml, type NamedTrial, nameTrials } from "./trial-name.js";

export interface PlannedTrial extends NamedTrial {
  /** 1-based position in the sweep. */
  number: number;
  /** `experiments/<sweep>/<trial>/`. */
  dir: string;
  /** `--set` texts for `exp run`: the sweep's `set` fields, then the swept values. */
  overrides: string[];
  config: ResolvedConfig;
}

export interface SweepPlan {
  name: string;
  file: string;
  description?: string;
  /** `experiments/<sweep>/`: trials, the HParams record, logs/. */
  dir: string;
  /** The base config file the trials run: the sweep's `base`, or `<dir>/base.yaml` for an inline base. */
  baseFile: string;
  /** Text of `<dir>/base.yaml`, written when the sweep starts; undefined for a base given as a path. */
  inlineBase?: string;
  loaded: LoadedSweep;
  trials: PlannedTrial[];
}

export interface PlanOptions {
  experimentsDir: string;
  /** Keep only the first N trials. */
  maxTrials?: number;
}

interface Override {
  text: string;
  origin: string;
}

function overridesFor(values: SweptValue[], sweepDir: string): Override[] {
  return values.map(({ path, value, origin }) => ({
    text: `${path}=${flowYaml(resolveConfigPaths(path, value, sweepDir))}`,
    origin,
  }));
}

/** Re-point issues at the sweep file: a `--set` origin, or the temporary copy of an inline base. */
function locateIssues(
  error: ConfigError,
  loaded: LoadedSweep,
  overrides: Override[],
  inlineBaseFile: string | undefined,
): ConfigIssue[] {
  const at = (path: string): SourceLocation =>
    loaded.origins.values.get(path) ?? loaded.origins.keys.get(path) ?? { file: loaded.file };
  return error.issues.map((issue) => {
    const file = issue.location?.file;
    const override = overrides.find(({ text }) => file === `--set ${text}`);
    if (override) return { ...issue, location: at(override.origin), path: issue.path || override.origin };
    if (inlineBaseFile !== undefined && file === inlineBaseFile) {
      const where = issue.path ? `base.${issue.path}` : "base";
      return { ...issue, location: loaded.origins.keys.get(where) ?? at(where), path: where };
    }
    return issue;
  });
}

/** One message per distinct problem, naming the first trial it occurs in and how many more. */
function collectIssues(found: { trial: string; issues: ConfigIssue[] }[]): ConfigIssue[] {
  const byText = new Map<string, { issue: ConfigIssue; trials: string[] }>();
  for (const { trial, issues } of found) {
    for (const issue of issues) {
      const key = new ConfigError([issue]).message;
      const entry = byText.get(key) ?? { issue, trials: [] };
      entry.trials.push(trial);
      byText.set(key, entry);
    }
  }
  return [...byText.values()].map(({ issue, trials }) => ({
    ...issue,
    message: `${issue.message} (trial ${trials[0]}${trials.length > 1 ? ` and ${trials.length - 1} more` : ""})`,
  }));
}

/**
 * Read a sweep file, expand and name its trials, and validate every trial's config
 * (base + `set` + swept values, as `exp run --set` would) before anything runs.
 * Writes nothing under the experiments directory; a problem is a ConfigError.
 */
export function planSweep(file: string, options: PlanOptions): SweepPlan {
  const loaded = loadSweepFile(file);
  const { sweep } = loaded;
  const sweepFileDir = dirname(resolve(file));
  const dir = join(options.experimentsDir, loaded.name);
  const inlineBase =
    typeof sweep.base === "string"
      ? undefined
      : `# Inline base of ${resolve(file)}, written by exp sweep (paths made absolute).\n${stringify(
          resolveConfigPaths("", sweep.base, sweepFileDir),
        )}`;
  // An inline base is validated from a temporary copy: nothing is written under experiments/ yet.
  const scratch = inlineBase === undefined ? undefined : mkdtempSync(join(tmpdir(), "w2v-sweep-"));
  const checkedBase =
    scratch === undefined ? resolve(sweepFileDir, sweep.base as string) : join(scratch, "base.yaml");
  const inlineBaseFile = scratch === undefined ? undefined : checkedBase;
  try {
    if (inlineBase !== undefined) writeFileSync(checkedBase, inlineBase);
    let baseSeed: number;
    try {
      baseSeed = loadConfig(checkedBase, { name: loaded.name }).config.seed;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const missing =
        error.issues[0]?.location?.file === checkedBase && error.issues[0].message === "file not found";
      if (missing) {
        const location = loaded.origins.values.get("base") ?? { file: loaded.file };
        throw new ConfigError([{ location, path: "base", message: `base config not found: ${checkedBase}` }]);
      }
      throw new ConfigError(locateIssues(error, loaded, [], inlineBaseFile));
    }
    let named = nameTrials(expandSweep(sweep, baseSeed), loaded.file);
    if (options.maxTrials !== undefined) named = named.slice(0, options.maxTrials);
    const shared = overridesFor(
      Object.entries(sweep.set).map(([path, value]) => ({ path, value, origin: `set.${path}` })),
      sweepFileDir,
    );
    const problems: { trial: string; issues: ConfigIssue[] }[] = [];
    const trials: PlannedTrial[] = [];
    named.forEach((trial, index) => {
      const overrides = [...shared, ...overridesFor(trial.values, sweepFileDir)];
      const texts = overrides.map(({ text }) => text);
      try {
        const { config } = loadConfig(checkedBase, { overrides: texts, name: loaded.name });
        trials.push({ ...trial, number: index + 1, dir: join(dir, trial.name), overrides: texts, config });
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        problems.push({ trial: trial.name, issues: locateIssues(error, loaded, overrides, inlineBaseFile) });
      }
    });
    if (problems.length > 0) throw new ConfigError(collectIssues(problems));
    return {
      name: loaded.name,
      file: resolve(file),
      description: sweep.description,
      dir,
      baseFile: inlineBase === undefined ? checkedBase : join(dir, "base.yaml"),
      inlineBase,
      loaded,
      trials,
    };
  } finally {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  }
}
