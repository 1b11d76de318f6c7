import { mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EventFileCorruptError } from "./event-file-corrupt-error.js";
import { readEventFile, readRun } from "./event-reader.js";
import { SummaryWriter } from "./summary-writer.js";
import { recordSize, writeRecord } from "./tfrecord.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "w2v-event-reader-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A run with five scalar events after the file_version record; returns the file and its record offsets. */
async function writeRunFile(): Promise<{ file: string; offsets: number[] }> {
  const writer = await SummaryWriter.open(dir);
  for (let step = 1; step <= 5; step++) await writer.scalar("loss", step, step);
  await writer.close();
  const bytes = await readFile(writer.path);
  const offsets: number[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    offsets.push(offset);
    offset += recordSize(bytes.readUInt32LE(offset));
  }
  return { file: writer.path, offsets };
}

async function corruptionOf(file: string): Promise<EventFileCorruptError> {
  const error = await readEventFile(file).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(EventFileCorruptError);
  return error as EventFileCorruptError;
}

describe("reading damaged event files", () => {
  it("reports a flipped byte with the record index and byte offset", async () => {
    const { file, offsets } = await writeRunFile();
    const bytes = await readFile(file);
    bytes[offsets[3] + 15] ^= 0x20;
    await writeFile(file, bytes);
    const error = await corruptionOf(file);
    expect([error.file, error.recordIndex, error.offset, error.kind]).toEqual([
      file,
      3,
      offsets[3],
      "data-crc",
    ]);
    expect(error.message).toBe(`${file}: record 3 at byte ${offsets[3]}: data CRC mismatch`);
  });

  it("reports a truncated tail with the record index and byte offset", async () => {
    const { file, offsets } = await writeRunFile();
    await truncate(file, offsets[5] + 7);
    const error = await corruptionOf(file);
    expect([error.recordIndex, error.offset, error.kind]).toEqual([5, offsets[5], "truncated"]);
  });

  it("reports a record with valid CRCs but no valid Event in it", async () => {
    const { file } = await writeRunFile();
    const original = await readFile(file);
    const garbage = Uint8Array.of(0x0a, 0xff, 0xff, 0xff); // field 1 as length-delimited: wrong wire type, runs past the end
    const record = new Uint8Array(recordSize(garbage.length));
    writeRecord(record, 0, garbage);
    await writeFile(file, Buffer.concat([original, record]));
    const error = await corruptionOf(file);
    expect([error.recordIndex, error.offset, error.kind]).toEqual([6, original.length, "invalid-event"]);
  });

  it("with onCorruption: 'stop', keeps what precedes the bad record, as TensorBoard does", async () => {
    const { file, offsets } = await writeRunFile();
    await truncate(file, offsets[4] + 3);
    const contents = await readEventFile(file, { onCorruption: "stop" });
    expect(contents.events.map((event) => event.step)).toEqual([0, 1, 2, 3]);
    expect(contents.corruption?.recordIndex).toBe(4);
    const run = await readRun(dir, { onCorruption: "stop" });
    expect(run.scalars.loss.map((point) => point.value)).toEqual([1, 2, 3]);
    expect(run.corruptions.map((error) => error.offset)).toEqual([offsets[4]]);
    await expect(readRun(dir)).rejects.toThrow(EventFileCorruptError);
  });
});
