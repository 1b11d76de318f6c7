/**
 * TFRecord framing: `uint64 length (LE) | uint32 masked_crc32c(length bytes) | data |
 * uint32 masked_crc32c(data)`.
 */
import { EventFileCorruptError } from "./event-file-corrupt-error.js";
import { maskedCrc32c } from "./masked-crc.js";

const HEADER_BYTES = 12;
const FOOTER_BYTES = 4;

/** Bytes a record of `dataLength` bytes takes in a file. */
export function recordSize(dataLength: number): number {
  return HEADER_BYTES + dataLength + FOOTER_BYTES;
}

/** Frame `data` into `target` at `offset` (which must have `recordSize` bytes free); returns the end offset. */
export function writeRecord(target: Uint8Array, offset: number, data: Uint8Array): number {
  const view = new DataView(target.buffer, target.byteOffset, target.byteLength);
  view.setUint32(offset, data.length, true);
  view.setUint32(offset + 4, Math.floor(data.length / 2 ** 32), true);
  view.setUint32(offset + 8, maskedCrc32c(target.subarray(offset, offset + 8)), true);
  target.set(data, offset + HEADER_BYTES);
  const end = offset + HEADER_BYTES + data.length;
  view.setUint32(end, maskedCrc32c(data), true);
  return end + FOOTER_BYTES;
}

export interface RecordSlice {
  index: number;
  /** Byte offset of the record's header. */
  offset: number;
  data: Uint8Array;
}

/**
 * The records of an event file's bytes, in order, each CRC-checked; throws an
 * `EventFileCorruptError` at the first record that is truncated or fails a CRC.
 */
export function* readRecords(bytes: Uint8Array, file: string): Generator<RecordSlice> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  for (let index = 0; offset < bytes.length; index++) {
    const fail = (kind: "truncated" | "length-crc" | "data-crc", detail: string) =>
      new EventFileCorruptError(file, index, offset, kind, detail);
    if (bytes.length - offset < HEADER_BYTES) {
      throw fail("truncated", `truncated header: ${bytes.length - offset} of ${HEADER_BYTES} bytes`);
    }
    if (view.getUint32(offset + 8, true) !== maskedCrc32c(bytes.subarray(offset, offset + 8))) {
      throw fail("length-crc", "length CRC mismatch");
    }
    const length = view.getUint32(offset, true) + view.getUint32(offset + 4, true) * 2 ** 32;
    const available = bytes.length - offset;
    if (available < recordSize(length)) {
      throw fail("truncated", `truncated record: ${available} of ${recordSize(length)} bytes`);
    }
    const start = offset + HEADER_BYTES;
    const data = bytes.subarray(start, start + length);
    if (view.getUint32(start + length, true) !== maskedCrc32c(data)) {
      throw fail("data-crc", "data CRC mismatch");
    }
    yield { index, offset, data };
    offset = start + length + FOOTER_BYTES;
  }
}
