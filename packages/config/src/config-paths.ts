/**
 * Configs as dotted field paths (`trainer.lr`): the flat form sweeps, HParams, config
 * hashes and `exp resume`'s comparison all use, and which fields may change on resume.
 */
import { flattenConfig } from "./flatten-config.js";

/**
 * Fields that may change on resume: they change how long a run goes, how many threads
 * compute it or what it reports, not what it computed so far.
 */
const SAFE_ON_RESUME = [
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

/** The fields whose values differ, sorted by path, each marked safe when it may change on resume. */
export function diffConfigs(before: unknown, after: unknown): ConfigChange[] {
  const a = flattenConfig(before);
  const b = flattenConfig(after);
  const changes: ConfigChange[] = [];
  for (const path of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (JSON.stringify(a[path]) === JSON.stringify(b[path])) continue;
    const safe = SAFE_ON_RESUME.some(
      (prefix) => path === prefix || (prefix.endsWith(".") && path.startsWith(prefix)),
    );
    changes.push({ path, before: a[path], after: b[path], safe });
  }
  return changes;
}
