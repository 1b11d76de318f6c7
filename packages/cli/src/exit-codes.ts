/** Process exit codes of `exp` (documented in the README). */
export const EXIT = {
  ok: 0,
  /** Something failed while running (I/O, training, a corrupt file). */
  failure: 1,
  /** Bad command line or bad config: nothing was created on disk. */
  usage: 2,
  /** Stopped by SIGINT / SIGTERM after saving (128 + signal number). */
  sigint: 130,
  sigterm: 143,
} as const;

/** A command-line mistake that is not a config error (wrong arguments, missing run). */
export class UsageError extends Error {
  override name = "UsageError";
}
