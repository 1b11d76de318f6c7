// Run the CLI in a child process that leads its own process group and pass signals on to it
// once. One stop request reaches this process up to three times within milliseconds: pnpm
// forwards what it receives (and turns a second SIGINT into SIGTERM), while `timeout` and a
// terminal's Ctrl-C also signal pnpm's whole process group. The trainer takes a second SIGINT
// as "exit at once, without a checkpoint", so each burst is passed on as one signal: SIGINT
// if the burst holds one, else the first signal received.
import { spawn } from "node:child_process";
import { constants } from "node:os";

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
/** Signals this close together are one request. */
const BURST_MS = 100;
/** After a burst is passed on, stragglers of it (a busy pnpm forwards late) are dropped. */
const QUIET_MS = 400;

export function runRelayingSignals(script, args) {
  const child = spawn(process.execPath, [script, ...args], { stdio: "inherit", detached: true });
  let burst = null;
  let quietUntil = 0;
  const receive = (signal) => {
    if (Date.now() < quietUntil) return;
    if (burst) {
      burst.push(signal);
      return;
    }
    burst = [signal];
    setTimeout(() => {
      const forwarded = burst.includes("SIGINT") ? "SIGINT" : burst[0];
      burst = null;
      quietUntil = Date.now() + QUIET_MS;
      if (child.exitCode === null && child.signalCode === null) child.kill(forwarded);
    }, BURST_MS);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, receive);
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      for (const name of STOP_SIGNALS) process.off(name, receive);
      // A child killed by a signal: exit the way a shell reports it (128 + signal number).
      resolve(code ?? 128 + constants.signals[signal]);
    });
  });
}
