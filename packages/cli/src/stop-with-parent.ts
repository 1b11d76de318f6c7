/**
 * A trial started by `exp sweep` or `exp worker` has an IPC channel to it. When that
 * process dies (even by SIGKILL) the channel closes: the trial then stops as on SIGTERM
 * (checkpoint, exit 143), so that a trial never trains on, unwatched, while its job is
 * handed to another worker.
 */
export function stopWithParent(): void {
  if (!process.channel) return;
  process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));
  // The channel alone must not keep a finished command alive.
  process.channel.unref();
}
