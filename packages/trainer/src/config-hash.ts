import { createHash } from "node:crypto";
import { flattenConfig, type ResolvedConfig } from "@w2v/config";

/** SHA-256 of the config's fields in a canonical order, as recorded in checkpoints. */
export function configHash(config: ResolvedConfig): string {
  const flat = flattenConfig(config);
  const canonical = Object.keys(flat)
    .sort()
    .map((key) => `${key}=${JSON.stringify(flat[key])}`)
    .join("\n");
  return createHash("sha256").update(canonical).digest("hex");
}
