import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EventFileWriter } from "./event-file-writer.js";
import { decodeEventFile } from "./event-reader.js";
import type { EventMessage } from "./protos.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "w2v-event-writer-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const scalarEvent = (step: number, tag = "loss"): EventMessage => ({
  wallTime: 1000 + step,
  step,
  summary: { value: [{ tag, simpleValue: step }] },
});

async function eventsIn(path: string) {
  return decodeEventFile(await readFile(path), path).events;
}

describe("EventFileWriter", () => {
  it("names the file events.out.tfevents.<10-digit seconds>.<host>.<pid>.<uniq> and starts it with file_version", async () => {
    const writer = await EventFileWriter.open(dir, { host: "box", now: () => 1_700_000_123_456 });
    expect(basename(writer.path)).toMatch(
      new RegExp(`^events\\.out\\.tfevents\\.1700000123\\.box\\.${process.pid}\\.\\d+$`),
    );
    // The first record is on disk as soon as the writer is open.
    expect(await eventsIn(writer.path)).toEqual([
      { wallTime: 1_700_000_123.456, step: 0, fileVersion: "brain.Event:2", values: [] },
    ]);
    await writer.close();
  });

  it("opens a new file every time, even within the same second", async () => {
    const now = () => 1_700_000_000_000;
    const first = await EventFileWriter.open(dir, { now });
    const second = await EventFileWriter.open(dir, { now });
    await Promise.all([first.close(), second.close()]);
    expect(first.path).not.toBe(second.path);
    expect((await readdir(dir)).length).toBe(2);
  });

  it("buffers records until flush, then the file holds exactly the whole records written", async () => {
    const writer = await EventFileWriter.open(dir, { flushIntervalMs: 60_000 });
    const sizeAfterOpen = (await stat(writer.path)).size;
    for (let step = 1; step <= 10; step++) await writer.write(scalarEvent(step));
    expect((await stat(writer.path)).size).toBe(sizeAfterOpen);
    await writer.flush();
    const events = await eventsIn(writer.path);
    expect(events.slice(1).map((event) => event.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await writer.close();
  });

  it("flushes on its own every flushIntervalMs", async () => {
    const writer = await EventFileWriter.open(dir, { flushIntervalMs: 20 });
    await writer.write(scalarEvent(1));
    const deadline = Date.now() + 5000;
    while ((await eventsIn(writer.path)).length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await eventsIn(writer.path)).length).toBe(2);
    await writer.close();
  });

  it("writes what is left on close and rejects writes after it", async () => {
    const writer = await EventFileWriter.open(dir, { flushIntervalMs: 60_000 });
    await writer.write(scalarEvent(7));
    await writer.close();
    await writer.close();
    expect((await eventsIn(writer.path)).map((event) => event.step)).toEqual([0, 7]);
    await expect(writer.write(scalarEvent(8))).rejects.toThrow(/write after close/);
  });

  it("rejects an event it cannot encode and writes nothing of it", async () => {
    const writer = await EventFileWriter.open(dir);
    const bad = { wallTime: 1, summary: { value: [{ tag: 5 as unknown as string }] } };
    await expect(writer.write(bad)).rejects.toThrow(`${writer.path}: cannot encode event`);
    await writer.write(scalarEvent(1));
    await writer.close();
    expect((await eventsIn(writer.path)).map((event) => event.step)).toEqual([0, 1]);
  });

  it("applies back-pressure: past maxQueuedBytes a write waits until the queue has drained", async () => {
    const writer = await EventFileWriter.open(dir, { chunkBytes: 256, maxQueuedBytes: 1024 });
    let largestQueue = 0;
    let waited = 0;
    for (let step = 1; step <= 2000; step++) {
      const accepted = writer.write(scalarEvent(step, "a-fairly-long-tag/to-fill-the-queue"));
      let settled = false;
      accepted.then(() => {
        settled = true;
      });
      await Promise.resolve();
      if (!settled) waited++;
      largestQueue = Math.max(largestQueue, writer.queuedBytes);
      await accepted;
      expect(writer.queuedBytes).toBeLessThanOrEqual(1024);
    }
    await writer.close();
    expect(waited).toBeGreaterThan(0);
    // Bounded by the limit plus the one record that went over it.
    expect(largestQueue).toBeLessThan(1024 + 100);
    expect((await eventsIn(writer.path)).length).toBe(2001);
  });

  it("refuses more records when the caller ignores back-pressure", async () => {
    const writer = await EventFileWriter.open(dir, { chunkBytes: 64, maxQueuedBytes: 256 });
    const pending: Promise<void>[] = [];
    let refusal: Error | undefined;
    for (let step = 1; step <= 200 && !refusal; step++) {
      const accepted = writer.write(scalarEvent(step));
      accepted.catch((error: Error) => {
        refusal = error;
      });
      pending.push(accepted);
      await Promise.resolve();
    }
    expect(refusal?.message).toMatch(/must be awaited/);
    await Promise.allSettled(pending);
    await writer.close();
  });

  it("on a failed write keeps the file on a record boundary and reports the error with the path", async () => {
    const writer = await EventFileWriter.open(dir, { flushIntervalMs: 60_000 });
    await writer.write(scalarEvent(1));
    await writer.flush();
    const goodSize = (await stat(writer.path)).size;
    // Simulate a disk that fills up halfway through a chunk.
    const handle = (writer as unknown as { handle: { write: (...args: unknown[]) => Promise<unknown> } })
      .handle;
    const realWrite = handle.write.bind(handle);
    handle.write = async (buffer: unknown, offset: unknown, length: unknown, position: unknown) => {
      if ((length as number) > 20) return realWrite(buffer, offset, 20, position);
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    };
    for (let step = 2; step <= 5; step++) await writer.write(scalarEvent(step));
    await expect(writer.flush()).rejects.toThrow(`${writer.path}: writing the event file failed: ENOSPC`);
    await expect(writer.write(scalarEvent(6))).rejects.toThrow(/ENOSPC/);
    expect((await stat(writer.path)).size).toBe(goodSize);
    expect((await eventsIn(writer.path)).map((event) => event.step)).toEqual([0, 1]);
    await expect(writer.close()).rejects.toThrow(/ENOSPC/);
  });
});
