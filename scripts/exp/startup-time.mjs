// `pnpm exp:startup`: how long read-only `exp` calls take on a built tree, through pnpm and
// through the workspace's `exp` bin, next to pnpm's own start-up (`pnpm --version`), which
// every `pnpm exp` pays. Median and fastest of 5 runs each; JSON summary as the last line.
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { buildIsCurrent } from "./build-current.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const RUNS = 5;
const CALLS = {
  "pnpm --version": ["pnpm", ["--version"]],
  "pnpm exp --help": ["pnpm", ["exp", "--help"]],
  "pnpm exp ls": ["pnpm", ["exp", "ls"]],
  "exp --help (bin)": ["node_modules/.bin/exp", ["--help"]],
  "exp ls (bin)": ["node_modules/.bin/exp", ["ls"]],
};

if (!buildIsCurrent(root, "@w2v/cli")) {
  console.error("building first (the figures are for a built tree)");
  execFileSync("pnpm", ["exp", "--help"], { cwd: root, stdio: "ignore" });
}
const summary = {};
for (const [name, [command, args]] of Object.entries(CALLS)) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(command, args, { cwd: root, stdio: "ignore" });
    if (result.status !== 0) throw new Error(`${name} exited ${result.status}`);
    times.push((performance.now() - started) / 1000);
  }
  times.sort((a, b) => a - b);
  summary[name] = { medianSeconds: +times[RUNS >> 1].toFixed(3), minSeconds: +times[0].toFixed(3) };
  console.log(`${name.padEnd(18)} median ${times[RUNS >> 1].toFixed(2)} s  fastest ${times[0].toFixed(2)} s`);
}
console.log(JSON.stringify(summary));
