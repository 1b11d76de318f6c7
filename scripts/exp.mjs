// `pnpm exp ...`: bring the CLI's build up to date (turbo; cached, so quick), then run it
// in this process so that signals reach the trainer directly.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
if (!process.env.W2V_SKIP_BUILD) {
  const build = spawnSync(
    "pnpm",
    ["exec", "turbo", "run", "build", "--filter=@w2v/cli...", "--output-logs=errors-only"],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" },
    },
  );
  if (build.status !== 0) {
    process.stderr.write(build.stdout + build.stderr);
    process.stderr.write("error: building the packages failed (see above)\n");
    process.exit(1);
  }
}
const { main } = await import("../packages/cli/dist/main.js");
process.exitCode = await main(process.argv.slice(2));
