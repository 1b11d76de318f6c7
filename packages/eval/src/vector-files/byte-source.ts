import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";

/** Chunks read at a time: large enough to keep syscalls rare, small enough to stream multi-GB files. */
const CHUNK_BYTES = 1 << 20;

/**
 * A file read as a stream of bytes with a cursor, for the vector-file parsers: they ask for
 * a line or for n more bytes, and only about one chunk is held in memory. `.gz` files are
 * decompressed on the fly (offsets then count decompressed bytes).
 */
export class ByteSource {
  private data = Buffer.alloc(0);
  private pos = 0;
  /** File offset of data[0]. */
  private base = 0;
  private done = false;
  private readonly chunks: AsyncIterator<Buffer>;
  private readonly stream: NodeJS.ReadableStream & { destroy(): void };

  constructor(readonly path: string) {
    const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    this.stream = path.endsWith(".gz") ? file.pipe(createGunzip()) : file;
    this.chunks = (this.stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  /** Offset of the cursor from the start of the file. */
  get offset(): number {
    return this.base + this.pos;
  }

  get available(): number {
    return this.data.length - this.pos;
  }

  /** Append the next chunk; false at the end of the file. */
  private async more(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.chunks.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.base += this.pos;
    this.data = Buffer.concat([this.data.subarray(this.pos), next.value]);
    this.pos = 0;
    return true;
  }

  /** Make at least `n` bytes available after the cursor; false if the file ends first. */
  async ensure(n: number): Promise<boolean> {
    while (this.available < n) if (!(await this.more())) return false;
    return true;
  }

  /** The bytes up to the next `byte` (excluded), at most `limit` of them; the cursor moves past it. */
  async readUntil(byte: number, limit = Number.POSITIVE_INFINITY): Promise<Buffer | "too-long" | "end"> {
    let searched = 0;
    for (;;) {
      const at = this.data.indexOf(byte, this.pos + searched);
      if (at >= 0) {
        if (at - this.pos > limit) return "too-long";
        const bytes = this.data.subarray(this.pos, at);
        this.pos = at + 1;
        return bytes;
      }
      searched = this.available;
      if (searched > limit) return "too-long";
      if (!(await this.more())) return "end";
    }
  }

  /** The next line without its "\n" (the last line may lack one); null at the end of the file. */
  async readLine(): Promise<Buffer | null> {
    const line = await this.readUntil(0x0a);
    if (line !== "end") return line as Buffer;
    if (this.available === 0) return null;
    const rest = this.data.subarray(this.pos);
    this.pos = this.data.length;
    return rest;
  }

  /** The next `n` bytes (call `ensure(n)` first); the cursor moves past them. */
  take(n: number): Buffer {
    const bytes = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return bytes;
  }

  /** Skip bytes equal to `byte`. */
  async skip(byte: number): Promise<void> {
    while ((await this.ensure(1)) && this.data[this.pos] === byte) this.pos++;
  }

  close(): void {
    this.stream.destroy();
  }
}
