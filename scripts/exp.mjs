// `pnpm exp ...`: build first only when a source is newer than its build (build-current.mjs),
// then run the CLI. The commands that train (run, resume, sweep) run in a child that gets each
// stop signal once (signal-relay.mjs); the others run in this process, so they answer at once.
// The script is started with `exec` (package.json), so pnpm's own signals reach this process.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { buildIsCurrent, stampBuild } from "./exp/build-current.mjs";
import { runRelayingSignals } from "./exp/signal-relay.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

function build() {
  const result = spawnSync(
    "pnpm",
    ["exec", "turbo", "run", "build", "--filter=@w2v/cli...", "--output-logs=errors-only"],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" },
    },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    process.stderr.write("error: building the packages failed (see above)\n");
    process.exit(1);
  }
  stampBuild(root);
}

const args = process.argv.slice(2);
if (!process.env.W2V_SKIP_BUILD && !buildIsCurrent(root, "@w2v/cli")) build();
const { invokedCommand } = await import("../packages/cli/dist/commands/catalog.js");
if (invokedCommand(args)?.trains) {
  const bin = fileURLToPath(new URL("../packages/cli/dist/bin.js", import.meta.url));
  process.exitCode = await runRelayingSignals(bin, args);
} else {
  const { main } = await import("../packages/cli/dist/main.js");
  process.exitCode = await main(args);
}
