import { type FileHandle, open, rename, rm } from "node:fs/promises";

/** Bytes buffered before a write to disk. */
const FLUSH_BYTES = 1 << 20;

/**
 * A file written in buffered chunks to `<path>.tmp-<pid>` and renamed onto `path` only when
 * complete, so readers never see half a vector file (and a failure leaves the old file).
 */
export class AtomicWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  private constructor(
    readonly path: string,
    private readonly temp: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(path: string): Promise<AtomicWriter> {
    const temp = `${path}.tmp-${process.pid}`;
    return new AtomicWriter(path, temp, await open(temp, "w"));
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    const data = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    await this.handle.write(data);
  }

  /** Flush, close and move the file into place. */
  async commit(): Promise<void> {
    await this.flush();
    await this.handle.close();
    await rename(this.temp, this.path);
  }

  /** Close and delete the temporary file. */
  async abort(): Promise<void> {
    await this.handle.close().catch(() => {});
    await rm(this.temp, { force: true });
  }
}

/** Run `produce` on a fresh AtomicWriter: committed if it finishes, removed if it throws. */
export async function writeAtomically(
  path: string,
  produce: (writer: AtomicWriter) => Promise<void>,
): Promise<void> {
  const writer = await AtomicWriter.open(path);
  try {
    await produce(writer);
  } catch (error) {
    await writer.abort();
    throw error;
  }
  await writer.commit();
}
