/**
 * Appends Event records to a new event file without holding up the caller: records are
 * encoded and framed synchronously into an in-memory chunk, and whole chunks are written
 * by one asynchronous loop, so the file only ever grows by whole records. The bytes
 * accepted but not yet written are bounded: past `maxQueuedBytes`, `write` returns a
 * promise that settles once the disk has caught up (back-pressure instead of memory).
 */
import { type FileHandle, mkdir, open } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { eventFileName } from "./event-file-name.js";
import { type EventMessage, EventType, encodeMessage } from "./protos.js";
import { recordSize, writeRecord } from "./tfrecord.js";

export const FILE_VERSION = "brain.Event:2";

export interface EventFileWriterOptions {
  /** Buffered records are written at least this often, in milliseconds (default 2000). */
  flushIntervalMs?: number;
  /** Records are handed to the file in chunks of about this many bytes (default 1 MiB). */
  chunkBytes?: number;
  /** Accepted-but-unwritten bytes above which `write` makes the caller wait (default 16 MiB). */
  maxQueuedBytes?: number;
  /** Host name in the file name (default: `os.hostname()`). */
  host?: string;
  /** Clock in milliseconds, for the file name and the first record (default `Date.now`). */
  now?: () => number;
}

/** A caller that ignores the back-pressure promises is stopped here rather than exhausting memory. */
const IGNORED_BACKPRESSURE_FACTOR = 4;

const RESOLVED = Promise.resolve();

/** Distinguishes files one process opens in the same second. */
let nextUniq = 0;

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

export class EventFileWriter {
  private readonly chunkBytes: number;
  private readonly maxQueuedBytes: number;
  private chunk: Uint8Array;
  private chunkUsed = 0;
  /** Full chunks waiting for the write loop, oldest first. */
  private readonly sealed: Uint8Array[] = [];
  /** Bytes accepted by `write` and not yet in the file. */
  private queued = 0;
  /** Bytes of whole records in the file. */
  private position = 0;
  private draining: Promise<void> | null = null;
  private readonly waiters: Waiter[] = [];
  private failure: Error | null = null;
  private closing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    options: EventFileWriterOptions,
  ) {
    this.chunkBytes = options.chunkBytes ?? 1 << 20;
    this.maxQueuedBytes = options.maxQueuedBytes ?? 16 << 20;
    this.chunk = new Uint8Array(this.chunkBytes);
    this.timer = setInterval(() => this.sealAndDrain(), options.flushIntervalMs ?? 2000);
    // A pending periodic flush must not keep the process alive; `close` writes the rest.
    this.timer.unref();
  }

  /**
   * Create a new event file in `dir` (made if missing) and write its first record,
   * `file_version: "brain.Event:2"`, so the file is valid for TensorBoard from the start.
   */
  static async open(dir: string, options: EventFileWriterOptions = {}): Promise<EventFileWriter> {
    const now = options.now ?? Date.now;
    const host = options.host ?? hostname();
    await mkdir(dir, { recursive: true });
    for (;;) {
      const path = join(dir, eventFileName(now() / 1000, host, process.pid, nextUniq++));
      let handle: FileHandle;
      try {
        handle = await open(path, "wx");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
        throw new Error(`cannot create event file ${path}: ${(error as Error).message}`, { cause: error });
      }
      const writer = new EventFileWriter(path, handle, options);
      try {
        await writer.write({ wallTime: now() / 1000, fileVersion: FILE_VERSION });
        await writer.flush();
      } catch (error) {
        await writer.close().catch(() => {});
        throw error;
      }
      return writer;
    }
  }

  /** Bytes accepted and not yet written to the file. */
  get queuedBytes(): number {
    return this.queued;
  }

  /**
   * Append one event. Returns an already-settled promise while the queue has room, else
   * one that settles when it has drained to half its bound: `await` it.
   */
  write(event: EventMessage): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error(`${this.path}: write after close`));
    if (this.queued > IGNORED_BACKPRESSURE_FACTOR * this.maxQueuedBytes) {
      return Promise.reject(
        new Error(
          `${this.path}: ${this.queued} bytes queued: the writer's promises must be awaited (back-pressure)`,
        ),
      );
    }
    let data: Uint8Array;
    try {
      data = encodeMessage(EventType, event);
    } catch (error) {
      return Promise.reject(new Error(`${this.path}: cannot encode event: ${(error as Error).message}`));
    }
    const size = recordSize(data.length);
    if (this.chunkUsed + size > this.chunk.length) {
      this.seal();
      if (size > this.chunk.length) this.chunk = new Uint8Array(size);
    }
    this.chunkUsed = writeRecord(this.chunk, this.chunkUsed, data);
    this.queued += size;
    if (this.chunkUsed >= this.chunkBytes) this.sealAndDrain();
    if (this.queued <= this.maxQueuedBytes) return RESOLVED;
    this.sealAndDrain();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Write everything accepted so far to the file. */
  async flush(): Promise<void> {
    this.sealAndDrain();
    while (this.draining) await this.draining;
    if (this.failure) throw this.failure;
  }

  /**
   * Flush and sync to disk: what was accepted so far survives a crash of this process or
   * of the machine (a run calls it before publishing a checkpoint).
   */
  async sync(): Promise<void> {
    await this.flush();
    await this.handle.datasync();
  }

  /** Flush, sync to disk and close; later writes are rejected. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.finish();
    return this.closing;
  }

  private async finish(): Promise<void> {
    clearInterval(this.timer);
    try {
      await this.sync();
    } finally {
      await this.handle.close();
    }
  }

  private seal(): void {
    if (this.chunkUsed === 0) return;
    if (this.chunkUsed < this.chunk.length / 2) {
      // A mostly empty chunk (periodic flush) is copied out so that queued bytes, not
      // chunk capacities, are what memory holds.
      this.sealed.push(this.chunk.slice(0, this.chunkUsed));
    } else {
      this.sealed.push(this.chunk.subarray(0, this.chunkUsed));
      this.chunk = new Uint8Array(this.chunkBytes);
    }
    this.chunkUsed = 0;
  }

  private sealAndDrain(): void {
    this.seal();
    if (this.draining || this.sealed.length === 0 || this.failure) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
    });
  }

  private async drain(): Promise<void> {
    while (this.sealed.length > 0) {
      const chunk = this.sealed[0];
      try {
        await this.writeWhole(chunk);
      } catch (error) {
        this.fail(error as Error);
        return;
      }
      this.sealed.shift();
      this.queued -= chunk.length;
      if (this.queued <= this.maxQueuedBytes / 2) {
        for (const waiter of this.waiters.splice(0)) waiter.resolve();
      }
    }
  }

  /** Write a chunk of whole records at the end of the file, or leave the file as it was. */
  private async writeWhole(chunk: Uint8Array): Promise<void> {
    let done = 0;
    try {
      while (done < chunk.length) {
        const { bytesWritten } = await this.handle.write(
          chunk,
          done,
          chunk.length - done,
          this.position + done,
        );
        done += bytesWritten;
      }
    } catch (error) {
      // A partly written chunk (e.g. a full disk) would end in a partial record:
      // cut it off so the file still ends on a record boundary.
      if (done > 0) await this.handle.truncate(this.position).catch(() => {});
      throw error;
    }
    this.position += chunk.length;
  }

  private fail(cause: Error): void {
    this.failure = new Error(`${this.path}: writing the event file failed: ${cause.message}`, { cause });
    this.sealed.length = 0;
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure);
  }
}
