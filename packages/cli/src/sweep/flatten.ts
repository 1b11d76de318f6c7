import { isPlainObject } from "@w2v/config";

/** Nested mappings as dotted keys (`trainer.lr`); lists and scalars are leaves. */
export function flatten(value: unknown, prefix = ""): Record<string, unknown> {
  if (!isPlainObject(value)) return prefix === "" ? {} : { [prefix]: value };
  const flat: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    Object.assign(flat, flatten(child, prefix === "" ? key : `${prefix}.${key}`));
  }
  return flat;
}
