import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface RunMeta {
  runId: string;
  name: string;
  command: string[];
  cwd: string;
  startTime: string;
  seed: number;
  node: string;
  host: string;
  pid: number;
  git: { commit: string; dirty: boolean } | null;
  packages: Record<string, string>;
  configFiles: string[];
  /** Facts the trainer adds (data actually used, backend, ...). */
  [key: string]: unknown;
}

function gitState(cwd: string): RunMeta["git"] {
  try {
    const run = (args: string[]) =>
      execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return { commit: run(["rev-parse", "HEAD"]).trim(), dirty: run(["status", "--porcelain"]).trim() !== "" };
  } catch {
    return null;
  }
}

/** Versions of the @w2v packages this CLI runs with, found through their dependencies. */
export function packageVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  const visit = (packageDir: string) => {
    const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
    if (versions[manifest.name]) return;
    versions[manifest.name] = manifest.version;
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      const dir = join(packageDir, "node_modules", dep);
      if (dep.startsWith("@w2v/") && existsSync(join(dir, "package.json"))) visit(realpathSync(dir));
    }
  };
  visit(join(dirname(fileURLToPath(import.meta.url)), ".."));
  return Object.fromEntries(Object.entries(versions).sort());
}

export function collectMeta(fields: {
  runId: string;
  name: string;
  seed: number;
  start: Date;
  configFiles: string[];
}): RunMeta {
  return {
    runId: fields.runId,
    name: fields.name,
    command: process.argv,
    cwd: process.cwd(),
    startTime: fields.start.toISOString(),
    seed: fields.seed,
    node: process.version,
    host: hostname(),
    pid: process.pid,
    git: gitState(process.cwd()),
    packages: packageVersions(),
    configFiles: fields.configFiles,
  };
}
