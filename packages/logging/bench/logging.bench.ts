/**
 * `pnpm bench logging`: write 100,000 scalars and 1,000 histograms of 100,000 values each
 * to a new event file in a temporary directory, awaiting every write as the trainer does.
 * Last line: JSON with `seconds` (target < 2) and the parts it is made of.
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { computeHistogram, SummaryWriter } from "../src/index.js";

const SCALARS = 100_000;
const HISTOGRAMS = 1_000;
const HISTOGRAM_VALUES = 100_000;

/**
 * Weight-like matrices at a few scales so the buckets used vary: bell-shaped values from a
 * fixed hash (Irwin–Hall sum of four uniforms), the same on every run.
 */
function matrices(): Float32Array[] {
  const uniform = (i: number) => {
    const x = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
    return x - Math.floor(x) - 0.5;
  };
  return [0.01, 0.1, 1, 10].map((scale, matrix) => {
    const values = new Float32Array(HISTOGRAM_VALUES);
    for (let i = 0; i < values.length; i++) {
      const base = 4 * (matrix * HISTOGRAM_VALUES + i);
      values[i] = scale * (uniform(base) + uniform(base + 1) + uniform(base + 2) + uniform(base + 3));
    }
    return values;
  });
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

const inputs = matrices();
const dir = await mkdtemp(join(tmpdir(), "w2v-logging-bench-"));
try {
  let start = process.hrtime.bigint();
  for (let i = 0; i < 100; i++) computeHistogram(inputs[i % inputs.length]);
  const histogramSeconds = (seconds(start) / 100) * HISTOGRAMS;

  start = process.hrtime.bigint();
  const cpuAtStart = process.cpuUsage();
  const writer = await SummaryWriter.open(dir, { startStep: 0 });
  const startedAt = start;
  start = process.hrtime.bigint();
  for (let step = 0; step < SCALARS; step++) await writer.scalar("loss/raw", 1 / (step + 1), step);
  const scalarSeconds = seconds(start);
  start = process.hrtime.bigint();
  for (let step = 0; step < HISTOGRAMS; step++)
    await writer.histogram("weights/input", inputs[step % 4], step);
  const histogramWriteSeconds = seconds(start);
  await writer.close();
  const total = seconds(startedAt);
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const bytes = (await stat(writer.path)).size;

  console.log(`scalars: ${SCALARS} in ${scalarSeconds.toFixed(3)} s`);
  console.log(
    `histograms: ${HISTOGRAMS} × ${HISTOGRAM_VALUES} values in ${histogramWriteSeconds.toFixed(3)} s ` +
      `(computing alone: ${histogramSeconds.toFixed(3)} s, ${((histogramSeconds / (HISTOGRAMS * HISTOGRAM_VALUES)) * 1e9).toFixed(2)} ns/value)`,
  );
  console.log(
    `event file: ${(bytes / 1e6).toFixed(1)} MB; total with open and close: ${total.toFixed(3)} s ` +
      `(CPU time ${cpuSeconds.toFixed(3)} s: wall time above it means other processes share the cores)`,
  );
  console.log(
    JSON.stringify({
      seconds: Number(total.toFixed(3)),
      cpuSeconds: Number(cpuSeconds.toFixed(3)),
      scalarSeconds: Number(scalarSeconds.toFixed(3)),
      histogramSeconds: Number(histogramWriteSeconds.toFixed(3)),
      nsPerHistogramValue: Number(((histogramSeconds / (HISTOGRAMS * HISTOGRAM_VALUES)) * 1e9).toFixed(2)),
      bytes,
      targetSeconds: 2,
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
