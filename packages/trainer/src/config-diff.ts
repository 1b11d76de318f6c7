import { flattenConfig } from "@w2v/config";

// Moved to @w2v/config (light for `exp ls`); exported here as before.
export { flattenConfig };

/**
 * Fields that may change on resume: they change how long a run goes, how many threads
 * compute it or what it reports, not what it computed so far.
 */
const SAFE_PREFIXES = [
  "name",
  "trainer.epochs",
  "trainer.steps",
  "trainer.threads",
  "trainer.checkpoint.",
  "trainer.diagnostics.",
  "logging.",
  "eval.",
];

export interface ConfigChange {
  path: string;
  before: unknown;
  after: unknown;
  safe: boolean;
}

export function diffConfigs(before: unknown, after: unknown): ConfigChange[] {
  const a = flattenConfig(before);
  const b = flattenConfig(after);
  const changes: ConfigChange[] = [];
  for (const path of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (JSON.stringify(a[path]) === JSON.stringify(b[path])) continue;
    const safe = SAFE_PREFIXES.some(
      (prefix) => path === prefix || (prefix.endsWith(".") && path.startsWith(prefix)),
    );
    changes.push({ path, before: a[path], after: b[path], safe });
  }
  return changes;
}
