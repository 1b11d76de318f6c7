/**
 * A sweep's HParams experiment record, in the parent directory of its runs. TensorBoard
 * keeps the first metadata it reads for a tag, so an older experiment record would hide a
 * newer one: writing a record replaces the event files that hold nothing but one.
 */
import { rm } from "node:fs/promises";
import type { LoggedEvent } from "./event-decoder.js";
import { listEventFiles } from "./event-file-name.js";
import type { EventFileWriterOptions } from "./event-file-writer.js";
import { readEventFile } from "./event-reader.js";
import type { ExperimentInfo } from "./hparams.js";
import { SummaryWriter } from "./summary-writer.js";

async function holdsOnlyAnExperiment(file: string): Promise<boolean> {
  const { events, corruption } = await readEventFile(file, { onCorruption: "stop" });
  if (corruption) return false;
  const isExperiment = (event: LoggedEvent) =>
    event.values.length === 1 && event.values[0].kind === "hparams-experiment";
  return (
    events.some(isExperiment) &&
    events.every((event) => event.fileVersion !== undefined || isExperiment(event))
  );
}

/** Write `experiment` to a new event file in `dir` and remove older experiment-only files; returns the new file. */
export async function writeHParamsExperiment(
  dir: string,
  experiment: ExperimentInfo,
  options: EventFileWriterOptions = {},
): Promise<string> {
  const writer = await SummaryWriter.open(dir, options);
  await writer.experiment(experiment);
  await writer.close();
  for (const file of await listEventFiles(dir)) {
    if (file !== writer.path && (await holdsOnlyAnExperiment(file))) await rm(file, { force: true });
  }
  return writer.path;
}
