import { describe, expect, it } from "vitest";
import { EventFileCorruptError } from "./event-file-corrupt-error.js";
import { EventType, encodeMessage } from "./protos.js";
import { readRecords, recordSize, writeRecord } from "./tfrecord.js";

const hex = (text: string) => Uint8Array.from(text.split(" ").map((byte) => Number.parseInt(byte, 16)));

// Event { wall_time: 1024.0, step: 42, summary { value { tag: "loss", simple_value: 0.25 } } }, by hand:
//   09 <1024.0 as LE double>   field 1 (wall_time), fixed64
//   10 2a                      field 2 (step), varint 42
//   2a 0d                      field 5 (summary), 13 bytes:
//     0a 0b                      field 1 (value), 11 bytes:
//       0a 04 "loss"               field 1 (tag)
//       15 <0.25 as LE float>      field 2 (simple_value), fixed32
const SCALAR_EVENT = hex("09 00 00 00 00 00 00 90 40 10 2a 2a 0d 0a 0b 0a 04 6c 6f 73 73 15 00 00 80 3e");
// The record: length 26 as LE uint64, masked CRC-32C of those 8 bytes, the event, masked
// CRC-32C of the event (CRCs computed with an independent bitwise CRC-32C).
const SCALAR_RECORD = hex(
  "1a 00 00 00 00 00 00 00 12 9b d8 2d " +
    "09 00 00 00 00 00 00 90 40 10 2a 2a 0d 0a 0b 0a 04 6c 6f 73 73 15 00 00 80 3e " +
    "92 f6 e0 f6",
);

function frame(records: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(records.reduce((total, data) => total + recordSize(data.length), 0));
  let offset = 0;
  for (const data of records) offset = writeRecord(bytes, offset, data);
  return bytes;
}

function corruptionOf(bytes: Uint8Array): EventFileCorruptError {
  try {
    for (const _ of readRecords(bytes, "f.tfevents")) {
      // drain
    }
  } catch (error) {
    if (error instanceof EventFileCorruptError) return error;
    throw error;
  }
  throw new Error("no corruption reported");
}

describe("TFRecord framing", () => {
  it("encodes a scalar event to the hand-computed bytes", () => {
    const event = { wallTime: 1024, step: 42, summary: { value: [{ tag: "loss", simpleValue: 0.25 }] } };
    expect([...encodeMessage(EventType, event)]).toEqual([...SCALAR_EVENT]);
  });

  it("frames a record to the hand-computed bytes", () => {
    expect(frame([SCALAR_EVENT])).toEqual(SCALAR_RECORD);
  });

  it("reads back records with their index and offset", () => {
    const records = [SCALAR_EVENT, new Uint8Array(0), new Uint8Array(300).fill(7)];
    const read = [...readRecords(frame(records), "f")];
    expect(read.map((record) => [record.index, record.offset, record.data])).toEqual([
      [0, 0, SCALAR_EVENT],
      [1, 42, new Uint8Array(0)],
      [2, 58, records[2]],
    ]);
  });

  it("reports a flipped data byte as a data CRC mismatch at its record", () => {
    const bytes = frame([SCALAR_EVENT, SCALAR_EVENT, SCALAR_EVENT]);
    bytes[42 + 12 + 5] ^= 0x01;
    const error = corruptionOf(bytes);
    expect([error.kind, error.recordIndex, error.offset]).toEqual(["data-crc", 1, 42]);
    expect(error.message).toBe("f.tfevents: record 1 at byte 42: data CRC mismatch");
  });

  it("reports a flipped length byte as a length CRC mismatch", () => {
    const bytes = frame([SCALAR_EVENT, SCALAR_EVENT]);
    bytes[42] ^= 0x80;
    const error = corruptionOf(bytes);
    expect([error.kind, error.recordIndex, error.offset]).toEqual(["length-crc", 1, 42]);
  });

  it("reports a truncated tail, in the data or in the header", () => {
    const bytes = frame([SCALAR_EVENT, SCALAR_EVENT, SCALAR_EVENT]);
    for (const cut of [bytes.length - 1, 84 + 20, 84 + 5]) {
      const error = corruptionOf(bytes.subarray(0, cut));
      expect([error.kind, error.recordIndex, error.offset]).toEqual(["truncated", 2, 84]);
    }
  });
});
