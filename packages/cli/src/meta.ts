import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
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

/** Versions of the @w2v packages this CLI runs with (read from their package.json files). */
export function packageVersions(): Record<string, string> {
  const cliRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
  const own = JSON.parse(readFileSync(join(cliRoot, "package.json"), "utf8"));
  const versions: Record<string, string> = { [own.name]: own.version };
  for (const dep of Object.keys(own.dependencies ?? {})) {
    if (!dep.startsWith("@w2v/")) continue;
    const file = join(cliRoot, "node_modules", dep, "package.json");
    if (existsSync(file)) versions[dep] = JSON.parse(readFileSync(file, "utf8")).version;
  }
  return versions;
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
