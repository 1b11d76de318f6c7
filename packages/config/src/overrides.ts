import { parse as parseYaml } from "yaml";
import { ConfigError } from "./config-error.js";
import { isPlainObject } from "./deep-merge.js";
import type { Origins } from "./yaml-source.js";

export interface Override {
  path: string[];
  value: unknown;
  text: string;
}

/** Parse `a.b.c=value`; the value is read as a YAML scalar/flow value, so numbers stay numbers. */
export function parseOverride(text: string): Override {
  const eq = text.indexOf("=");
  const rawPath = eq < 0 ? "" : text.slice(0, eq).trim();
  const path = rawPath.split(".");
  if (eq < 0 || rawPath === "" || path.some((part) => part === "")) {
    throw new ConfigError([
      {
        location: { file: `--set ${text}` },
        path: "",
        message: "expected --set section.field=value, e.g. --set trainer.lr=0.5",
      },
    ]);
  }
  const rawValue = text.slice(eq + 1);
  let value: unknown;
  try {
    value = rawValue.trim() === "" ? "" : parseYaml(rawValue);
  } catch {
    value = rawValue;
  }
  return { path, value, text };
}

/** Apply overrides in order; each value's origin becomes its `--set` text. */
export function applyOverrides(
  config: Record<string, unknown>,
  overrides: Override[],
  origins: Origins,
): Record<string, unknown> {
  const result = structuredClone(config);
  for (const { path, value, text } of overrides) {
    let node = result;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i];
      if (node[key] === undefined) {
        node[key] = {};
        origins.values.set(path.slice(0, i + 1).join("."), { file: `--set ${text}` });
      }
      const next = node[key];
      if (!isPlainObject(next)) {
        throw new ConfigError([
          {
            location: { file: `--set ${text}` },
            path: path.slice(0, i + 1).join("."),
            message: `is a value, not a section, so it has no field "${path[i + 1]}"`,
          },
        ]);
      }
      node = next;
    }
    node[path[path.length - 1]] = value;
    const dotted = path.join(".");
    origins.values.set(dotted, { file: `--set ${text}` });
    origins.keys.set(dotted, { file: `--set ${text}` });
  }
  return result;
}
