// @w2v/logging: write TensorBoard scalars and read them back.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRun, SummaryWriter } from "@w2v/logging";

const dir = mkdtempSync(join(tmpdir(), "w2v-logging-"));
const writer = await SummaryWriter.open(dir);
for (let step = 0; step < 3; step++) await writer.scalar("loss", 1 / (step + 1), step);
await writer.close();
const run = await readRun(dir);
const steps = run.scalars.loss.map((point) => point.step);
if (steps.join() !== "0,1,2") throw new Error(`read back steps ${steps}`);
console.log(`-> logging: wrote and read back loss at steps ${steps.join(", ")}`);
