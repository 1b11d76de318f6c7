import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readEventFile, readRun } from "./event-reader.js";
import { computeHistogram } from "./histogram.js";
import { experimentValue, flattenHParams, sessionEndValue, sessionStartValue } from "./hparams.js";
import { EventType, HParamsPluginDataType } from "./protos.js";
import { histogramValue, scalarValue, textValue } from "./summary-values.js";
import { SummaryWriter } from "./summary-writer.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "w2v-summary-writer-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A clock that advances 1 ms per reading, so every wall time is known. */
function steppingClock(startMs: number) {
  let now = startMs;
  return () => now++;
}

describe("SummaryWriter round trip", () => {
  it("reads back exactly the scalars, histograms, text and HParams it wrote", async () => {
    const writer = await SummaryWriter.open(dir, { startStep: 0, now: steppingClock(1_700_000_000_000) });
    const hparams = flattenHParams({
      model: { dim: 100, arch: "skipgram" },
      trainer: { shuffle: true },
      seed: 1,
    });
    await writer.hparamsStart(hparams, { groupName: "sweep-a", startTimeSecs: 1_700_000_000 });
    await writer.scalar("loss/raw", 0, 10);
    await writer.scalar("loss/raw", 2.5e-7, 20);
    await writer.scalars({ lr: 0.025, "words/s": 1_234_567 }, 20);
    const weights = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 0.05);
    await writer.histogram("weights/input", weights, 20);
    await writer.histogram("weights/bad", Float32Array.of(1, Number.NaN, 2), 20);
    const markdown = "| word | neighbours |\n|---|---|\n| king | queen, prince — ünïcode |";
    await writer.text("neighbours", markdown, 30);
    await writer.hparamsEnd("SUCCESS", { step: 30, endTimeSecs: 1_700_000_100 });
    await writer.close();

    const run = await readRun(dir);
    expect(run.files).toEqual([writer.path]);
    // Clock readings: file name, file_version record, START.
    expect(run.sessionStarts).toEqual([{ step: 0, wallTime: 1_700_000_000.002 }]);
    // simple_value is a float32, as in TensorBoard.
    expect(run.scalars["loss/raw"].map(({ step, value }) => [step, value])).toEqual([
      [10, 0],
      [20, Math.fround(2.5e-7)],
    ]);
    expect(run.scalars.lr).toEqual([{ step: 20, wallTime: expect.any(Number), value: Math.fround(0.025) }]);
    expect(run.scalars["words/s"][0].value).toBe(1_234_567);
    expect(run.histograms["weights/input"]).toEqual([
      { step: 20, wallTime: expect.any(Number), histogram: computeHistogram(weights).histogram },
    ]);
    expect(run.histograms["weights/bad"][0].histogram.num).toBe(2);
    expect(run.scalars["weights/bad/non_finite"].map((point) => point.value)).toEqual([1]);
    expect(run.scalars["weights/input/non_finite"]).toBeUndefined();
    expect(run.texts.neighbours).toEqual([{ step: 30, wallTime: expect.any(Number), text: markdown }]);
    expect(run.hparamsStarts).toEqual([
      { step: 0, wallTime: expect.any(Number), hparams, groupName: "sweep-a", startTimeSecs: 1_700_000_000 },
    ]);
    expect(run.hparamsEnds).toEqual([
      { step: 30, wallTime: expect.any(Number), status: "SUCCESS", endTimeSecs: 1_700_000_100 },
    ]);
    expect(run.corruptions).toEqual([]);
  });

  it("stamps each event with the clock's wall time in seconds", async () => {
    const writer = await SummaryWriter.open(dir, { now: steppingClock(5_000) });
    await writer.scalar("x", 1, 1);
    await writer.close();
    const { events } = await readEventFile(writer.path);
    // Readings: file name, file_version record, the scalar.
    expect(events.map((event) => event.wallTime)).toEqual([5.001, 5.002]);
  });

  it("writes no SessionLog START unless given a start step", async () => {
    const writer = await SummaryWriter.open(dir);
    await writer.close();
    expect((await readRun(dir)).sessionStarts).toEqual([]);
  });
});

describe("resuming a run", () => {
  it("a START at the resume step makes the reader drop the points logged after the checkpoint", async () => {
    const first = await SummaryWriter.open(dir, { startStep: 0 });
    for (let step = 0; step <= 50; step += 10) await first.scalar("loss", step, step);
    await first.text("note", "before", 40);
    await first.hparamsStart({ seed: 1 });
    await first.close();
    // Checkpoint at step 30; the interrupted process had logged up to 50.
    const second = await SummaryWriter.open(dir, { startStep: 30 });
    for (let step = 30; step <= 60; step += 10) await second.scalar("loss", step + 0.5, step);
    await second.close();

    const run = await readRun(dir);
    expect(run.files).toEqual([first.path, second.path]);
    expect(run.sessionStarts.map((start) => start.step)).toEqual([0, 30]);
    expect(run.scalars.loss.map((point) => [point.step, point.value])).toEqual([
      [0, 0],
      [10, 10],
      [20, 20],
      [30, 30.5],
      [40, 40.5],
      [50, 50.5],
      [60, 60.5],
    ]);
    expect(run.texts.note).toEqual([]);
    // HParams come from the first metadata of their tag, which TensorBoard keeps.
    expect(run.hparamsStarts.map((start) => start.hparams)).toEqual([{ seed: 1 }]);
  });
});

describe("messages the writer builds", () => {
  it("are valid Events by the .proto schema (protobufjs verify), so TensorBoard can parse them", () => {
    const values = [
      scalarValue("s", 1),
      histogramValue("h", computeHistogram(Float32Array.of(1, 2)).histogram),
      textValue("t", "x"),
      sessionStartValue({ hparams: { a: 1, b: "x", c: true }, groupName: "", startTimeSecs: 1 }),
      sessionEndValue({ status: "FAILURE", endTimeSecs: 2 }),
      experimentValue({
        hparams: [{ name: "a", type: "float64", domain: { interval: { min: 0, max: 1 } } }],
        metrics: [{ tag: "loss" }],
      }),
    ];
    for (const value of values) {
      expect(EventType.verify({ wallTime: 1, step: 2, summary: { value: [value] } })).toBeNull();
      const content = value.metadata?.pluginData?.content;
      if (value.metadata?.pluginData?.pluginName === "hparams" && content) {
        expect(HParamsPluginDataType.verify(HParamsPluginDataType.decode(content))).toBeNull();
      }
    }
    expect(EventType.verify({ wallTime: 1, step: 2, sessionLog: { status: 1 } })).toBeNull();
  });
});
