import { type RunSummaries, readRun, SummaryWriter, type SummaryWriterOptions } from "@w2v/logging";

export async function losses(dir: string, options: SummaryWriterOptions): Promise<number[]> {
  const writer = await SummaryWriter.open(dir, options);
  await writer.scalar("loss", 1, 0);
  await writer.close();
  const run: RunSummaries = await readRun(dir);
  return run.scalars.loss.map((point) => point.value);
}
