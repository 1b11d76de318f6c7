/**
 * How a run's TensorBoard series survive interruptions. On a SessionLog START at step S,
 * TensorBoard drops every point it has read at a step >= S. A resumed process therefore
 * starts its event file at the step after its checkpoint's: the points up to the
 * checkpoint stay (they were synced to disk before the checkpoint was published), and
 * those an interrupted process logged after it, which the resumed process logs again, go.
 */
import type { ResolvedConfig } from "@w2v/config";
import { flattenHParams, SummaryWriter } from "@w2v/logging";

/** The SessionLog START step of a process that starts at `checkpointStep` (null: from scratch). */
export function sessionStartStep(checkpointStep: number | null): number {
  return checkpointStep === null ? 0 : checkpointStep + 1;
}

/**
 * A new event file for the process that starts at `checkpointStep` (null: from scratch).
 * A run's HParams session starts once, in its first process, and is synced at once: a
 * process resumed after a SIGKILL does not write it again.
 */
export async function openRunEvents(
  runDir: string,
  config: ResolvedConfig,
  checkpointStep: number | null,
): Promise<SummaryWriter> {
  const writer = await SummaryWriter.open(runDir, { startStep: sessionStartStep(checkpointStep) });
  if (checkpointStep === null) {
    await writer.hparamsStart(flattenHParams(config));
    await writer.sync();
  }
  return writer;
}

/** Make the events logged so far durable, then publish the checkpoint with `write`. */
export async function publishCheckpoint<T>(writer: SummaryWriter, write: () => T): Promise<T> {
  await writer.sync();
  return write();
}
