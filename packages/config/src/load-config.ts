import { basename, dirname, extname, resolve } from "node:path";
import { ConfigError } from "./config-error.js";
import { deepMerge } from "./deep-merge.js";
import { type ExperimentConfig, ExperimentSchema } from "./experiment-schema.js";
import { applyOverrides, parseOverride } from "./overrides.js";
import { type ResolvedConfig, resolveConfig } from "./resolve.js";
import { emptyOrigins, type Origins, readYamlSource } from "./yaml-source.js";
import { toConfigIssues } from "./zod-issues.js";

export interface LoadConfigOptions {
  /** `section.field=value` overrides, applied in order after the file (and its `extends`). */
  overrides?: readonly string[];
  /** Overrides the config's `name`. */
  name?: string;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Absolute paths of the files read, the extended ones first. */
  files: string[];
  /** Directory of the config file: relative paths in the config are relative to it. */
  baseDir: string;
  /** Things worth saying that are not errors (e.g. an empty config file). */
  warnings: string[];
}

interface Layer {
  value: Record<string, unknown>;
  files: string[];
}

/** Read `file` and the files it extends, base first; `chain` detects cycles. */
function readWithExtends(file: string, origins: Origins, chain: string[]): Layer {
  const source = readYamlSource(file);
  const { extends: parents, ...own } = source.value;
  let merged: Record<string, unknown> = {};
  const files: string[] = [];
  const list = parents === undefined ? [] : Array.isArray(parents) ? parents : [parents];
  list.forEach((parent, index) => {
    const location = source.origins.values.get(Array.isArray(parents) ? `extends.${index}` : "extends") ?? {
      file,
    };
    if (typeof parent !== "string") {
      throw new ConfigError([
        { location, path: "extends", message: `expected a file path, found ${JSON.stringify(parent)}` },
      ]);
    }
    const target = resolve(dirname(file), parent);
    if (chain.includes(target)) {
      const cycle = [...chain.slice(chain.indexOf(target)), target].join(" -> ");
      throw new ConfigError([{ location, path: "extends", message: `extends cycle: ${cycle}` }]);
    }
    let layer: Layer;
    try {
      layer = readWithExtends(target, origins, [...chain, target]);
    } catch (error) {
      if (
        error instanceof ConfigError &&
        error.issues[0]?.location?.file === target &&
        error.issues[0].message === "file not found"
      ) {
        throw new ConfigError([{ location, path: "extends", message: `extended file not found: ${target}` }]);
      }
      throw error;
    }
    merged = deepMerge(merged, layer.value);
    files.push(...layer.files);
  });
  // Later layers win, so their positions overwrite the base's.
  for (const [key, loc] of source.origins.values) origins.values.set(key, loc);
  for (const [key, loc] of source.origins.keys) origins.keys.set(key, loc);
  return { value: deepMerge(merged, own), files: [...files, file] };
}

/** Validate a plain object against the experiment schema, with positions for messages. */
export function parseExperiment(
  input: unknown,
  origins: Origins = emptyOrigins(),
  fallbackFile = "<config>",
): ExperimentConfig {
  const result = ExperimentSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      toConfigIssues(result.error, ExperimentSchema, input, origins, { file: fallbackFile }),
    );
  }
  return result.data;
}

/** Load a YAML experiment config: `extends`, `--set` overrides, validation and defaults. */
export function loadConfig(file: string, options: LoadConfigOptions = {}): LoadedConfig {
  const path = resolve(file);
  const origins = emptyOrigins();
  const overrides = (options.overrides ?? []).map(parseOverride);
  const layer = readWithExtends(path, origins, [path]);
  const warnings =
    Object.keys(layer.value).length === 0
      ? [`${file} is empty: the run uses every default (name, data, model and trainer)`]
      : [];
  let raw = applyOverrides(layer.value, overrides, origins);
  if (options.name !== undefined) raw = { ...raw, name: options.name };
  else if (raw.name === undefined) raw = { ...raw, name: basename(path, extname(path)) };
  const config = parseExperiment(raw, origins, file);
  return { config: resolveConfig(config), files: layer.files, baseDir: dirname(path), warnings };
}
