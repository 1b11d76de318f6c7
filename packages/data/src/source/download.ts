import { mkdir } from "node:fs/promises";
import { basename, dirname } from "node:path";
import cliProgress from "cli-progress";
import { type WriteChunk, writeStreamAtomic } from "../atomic-files.js";
import { DataError } from "../data-error.js";

export interface DownloadOptions {
  log: (line: string) => void;
  /** Checks the downloaded temp file; it is renamed into place only if this resolves. */
  verify: (tempPath: string) => Promise<void>;
  /** Added to every error: where the file can be had by hand. */
  advice: string;
  /** Abort when no byte arrives for this long (also the wait for the response headers). */
  stallTimeoutMs?: number;
  /** Draw a bar (default: when stderr is a terminal); otherwise print a line every 10%. */
  progressBar?: boolean;
}

interface Progress {
  update(bytes: number): void;
  stop(): void;
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

function progress(label: string, total: number | null, bar: boolean, log: (line: string) => void): Progress {
  if (bar && total) {
    const progressBar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: `${label} [{bar}] {percentage}% | {done}/{all} MB | {eta_formatted}`,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    progressBar.start(total, 0, { done: "0.0", all: megabytes(total) });
    return {
      update: (bytes) => progressBar.update(bytes, { done: megabytes(bytes) }),
      stop: () => progressBar.stop(),
    };
  }
  let nextReport = 0;
  return {
    update: (bytes) => {
      const fraction = total ? bytes / total : bytes / 1e7;
      if (fraction < nextReport) return;
      nextReport = Math.floor(fraction * 10 + 1) / 10;
      log(
        `${label}: ${total ? `${Math.floor(fraction * 100)}% of ${megabytes(total)} MB` : `${megabytes(bytes)} MB`}`,
      );
    },
    stop: () => {},
  };
}

/**
 * Downloads `url` to `dest` atomically: the bytes go to a temp file beside `dest`, which is
 * verified and only then renamed into place; on any failure the temp file is removed, so a
 * partial or unverified download is never used.
 */
export async function downloadFile(url: string, dest: string, options: DownloadOptions): Promise<void> {
  const label = `downloading ${basename(dest)}`;
  const stallMs = options.stallTimeoutMs ?? 30_000;
  const fail = (problem: string): never => {
    throw new DataError(`could not download ${url}: ${problem}. ${options.advice}`);
  };
  await mkdir(dirname(dest), { recursive: true }).catch((error: Error) =>
    fail(`cannot create ${dirname(dest)} (${error.message})`),
  );
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), stallMs);
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), stallMs);
  };
  options.log(`${label} from ${url}`);
  let bar: Progress | null = null;
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal });
    } catch (error) {
      // fetch reports "fetch failed" and keeps the reason (DNS, refused, ...) in `cause`.
      const reason = ((error as Error & { cause?: Error }).cause ?? (error as Error)).message;
      return fail(controller.signal.aborted ? `no answer within ${stallMs / 1000} s` : reason);
    }
    if (!response.ok || !response.body) return fail(`HTTP ${response.status} ${response.statusText}`);
    const total = Number(response.headers.get("content-length")) || null;
    bar = progress(label, total, options.progressBar ?? process.stderr.isTTY === true, options.log);
    let received = 0;
    const download = async (write: WriteChunk) => {
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          touch();
          await write(chunk);
          received += chunk.length;
          bar?.update(received);
        }
      } catch (error) {
        fail(controller.signal.aborted ? `stalled for ${stallMs / 1000} s` : (error as Error).message);
      } finally {
        bar?.stop();
      }
      if (total !== null && received !== total) fail(`got ${received} of ${total} bytes`);
    };
    await writeStreamAtomic(dest, download, options.verify);
    options.log(`${label}: done (${megabytes(received)} MB, verified) -> ${dest}`);
  } finally {
    clearTimeout(timer);
  }
}
