// `pnpm bench <name> [args]`: build, then run packages/<package>/bench/<name>.bench.ts
// (and for `model`, then the cli's model-run bench: the same settings trained by `exp run`).
// Each bench prints figures as it goes and a JSON summary as its last line.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const [name, ...args] = process.argv.slice(2);
// A bench lives in the package of its name, except those that run the whole tool.
const PACKAGE_OF = { quality: "cli" };
const THEN = { model: { pkg: "cli", script: "packages/cli/bench/model-run.bench.ts" } };
const pkg = PACKAGE_OF[name] ?? name;
const script = name && `packages/${pkg}/bench/${name}.bench.ts`;
const scripts = [script, THEN[name]?.script].filter(Boolean);
if (!script || !existsSync(`${root}/${script}`)) {
  console.error(
    `usage: pnpm bench <data|model|logging|eval|quality> [args]${name ? ` (no bench named "${name}")` : ""}`,
  );
  process.exit(2);
}
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" };
const build = spawnSync(
  "pnpm",
  [
    "exec",
    "turbo",
    "run",
    "build",
    `--filter=@w2v/${pkg}...`,
    ...(THEN[name] ? [`--filter=@w2v/${THEN[name].pkg}...`] : []),
    "--output-logs=errors-only",
  ],
  {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env,
  },
);
if (build.status !== 0) process.exit(1);
for (const file of scripts) {
  const run = spawnSync("pnpm", ["exec", "tsx", "--conditions=@w2v/source", file, ...args], {
    cwd: root,
    stdio: "inherit",
    env,
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
