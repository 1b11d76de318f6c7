// `pnpm exp:startup`: how long read-only `exp` calls take on a built tree, through pnpm and
// through the workspace's `exp` bin, next to pnpm's own start-up (`pnpm --version`), which
// every `pnpm exp` pays. Median and fastest of 5 runs each, and (on Linux) the median CPU
// seconds the call and its children used, which a busy machine inflates far less than the
// wall-clock time. JSON summary as the last line.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
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
/** CPU seconds used by this process's waited-for children so far (Linux), else NaN. */
function childrenCpuSeconds() {
  if (!existsSync("/proc/self/stat")) return Number.NaN;
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks
}

const median = (values) => values.toSorted((a, b) => a - b)[values.length >> 1];
const summary = {};
for (const [name, [command, args]] of Object.entries(CALLS)) {
  const times = [];
  const cpu = [];
  for (let i = 0; i < RUNS; i++) {
    const [started, cpuBefore] = [performance.now(), childrenCpuSeconds()];
    const result = spawnSync(command, args, { cwd: root, stdio: "ignore" });
    if (result.status !== 0) throw new Error(`${name} exited ${result.status}`);
    times.push((performance.now() - started) / 1000);
    cpu.push(childrenCpuSeconds() - cpuBefore);
  }
  const row = { medianSeconds: median(times), minSeconds: Math.min(...times), medianCpuSeconds: median(cpu) };
  summary[name] = Object.fromEntries(Object.entries(row).map(([key, value]) => [key, +value.toFixed(3)]));
  console.log(
    `${name.padEnd(18)} median ${row.medianSeconds.toFixed(2)} s  fastest ${row.minSeconds.toFixed(2)} s  CPU ${row.medianCpuSeconds.toFixed(2)} s`,
  );
}
console.log(JSON.stringify(summary));
