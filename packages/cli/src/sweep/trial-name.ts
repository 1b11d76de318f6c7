import { createHash } from "node:crypto";
import { ConfigError } from "@w2v/config";
import { stringify } from "yaml";
import type { SweptValue } from "./expand.js";

export interface NamedTrial {
  /** Directory name under the sweep directory, e.g. `lr=0.5,loss=nce,seed=2`. */
  name: string;
  /** Every value the sweep sets for this trial (what its `--set` overrides come from). */
  values: SweptValue[];
  /** Only the values that differ between trials: what the name and `--dry-run` show. */
  varied: SweptValue[];
}

/** Names longer than this end in a hash instead (file names are limited to 255 bytes). */
const MAX_NAME_LENGTH = 160;

/** A value as YAML flow text: what `--set` parses back to the same value. */
export function flowYaml(value: unknown): string {
  return stringify(value, { collectionStyle: "flow", lineWidth: 0 }).trimEnd();
}

function valueText(value: unknown): string {
  const text = typeof value === "string" ? value : flowYaml(value);
  // `,` and `=` separate the name's fields; other characters must suit a directory name.
  return text.replace(/[^A-Za-z0-9._+-]+/g, "_").replace(/^_|_$/g, "") || "_";
}

/** The shortest dotted suffix of each path that no other path ends with (`lr`, `adam.epsilon`). */
export function shortKeys(paths: readonly string[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const path of paths) {
    const parts = path.split(".");
    for (let take = 1; take <= parts.length; take++) {
      const suffix = parts.slice(-take).join(".");
      const clash = paths.some((other) => other !== path && `.${other}`.endsWith(`.${suffix}`));
      if (!clash || take === parts.length) {
        keys.set(path, suffix);
        break;
      }
    }
  }
  return keys;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function trialName(varied: SweptValue[], keys: Map<string, string>): string {
  const name = varied.map(({ path, value }) => `${keys.get(path)}=${valueText(value)}`).join(",") || "base";
  if (name.length <= MAX_NAME_LENGTH) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, MAX_NAME_LENGTH - 9)}+${hash}`;
}

/** Name each point from the values that vary across the sweep; two equal names are an error. */
export function nameTrials(points: SweptValue[][], sweepFile: string): NamedTrial[] {
  const paths = points[0]?.map((value) => value.path) ?? [];
  const variedPaths = paths.filter((_, index) =>
    points.some((point) => !sameValue(point[index].value, points[0][index].value)),
  );
  const keys = shortKeys(variedPaths);
  const trials = points.map((values) => {
    const varied = values.filter((value) => variedPaths.includes(value.path));
    return { name: trialName(varied, keys), values, varied };
  });
  const seen = new Map<string, number>();
  trials.forEach((trial, index) => {
    const first = seen.get(trial.name);
    if (first !== undefined) {
      throw new ConfigError([
        {
          location: { file: sweepFile },
          path: "",
          message: `trials ${first + 1} and ${index + 1} would both be named "${trial.name}": a value is listed twice, or two values differ only in characters a directory name cannot hold`,
        },
      ]);
    }
    seen.set(trial.name, index);
  });
  return trials;
}
