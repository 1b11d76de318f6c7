import { isPlainObject } from "./deep-merge.js";

/** A nested config as dotted keys: `{ model: { dim: 100 } }` -> `{ "model.dim": 100 }`. */
export function flattenConfig(
  value: unknown,
  prefix = "",
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value))
      flattenConfig(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out[prefix] = value;
  }
  return out;
}
