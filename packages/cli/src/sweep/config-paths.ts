import { isAbsolute, resolve } from "node:path";
import { isPlainObject } from "@w2v/config";

/**
 * Config fields that hold file paths. A config file's paths are relative to that file, so
 * paths written in a sweep file (an inline base, `set`, swept values) are made absolute
 * against the sweep file's directory before they reach a trial's config.
 */
const PATH_FIELDS = new Set([
  "extends",
  "data.path",
  "data.cacheDir",
  "model.pretrained.path",
  "eval.paths.analogies",
  "eval.paths.wordsim353",
  "eval.paths.simlex999",
]);

function absolute(dir: string, path: unknown): unknown {
  return typeof path === "string" && !isAbsolute(path) ? resolve(dir, path) : path;
}

/** `value` sits at dotted `path` of a config; return it with its file paths resolved against `dir`. */
export function resolveConfigPaths(path: string, value: unknown, dir: string): unknown {
  if (PATH_FIELDS.has(path)) {
    return Array.isArray(value) ? value.map((item) => absolute(dir, item)) : absolute(dir, value);
  }
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      resolveConfigPaths(path === "" ? key : `${path}.${key}`, child, dir),
    ]),
  );
}
