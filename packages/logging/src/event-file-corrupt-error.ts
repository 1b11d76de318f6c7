export type CorruptionKind = "truncated" | "length-crc" | "data-crc" | "invalid-event";

/**
 * The first bad record of an event file. TensorBoard silently drops everything from such a
 * record on; this reader says where it is instead.
 */
export class EventFileCorruptError extends Error {
  override readonly name = "EventFileCorruptError";

  constructor(
    readonly file: string,
    /** 0-based index of the bad record (the `file_version` record is index 0). */
    readonly recordIndex: number,
    /** Byte offset of the bad record's header in the file. */
    readonly offset: number,
    readonly kind: CorruptionKind,
    detail: string,
  ) {
    super(`${file}: record ${recordIndex} at byte ${offset}: ${detail}`);
  }
}
