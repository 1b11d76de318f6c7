/**
 * Where the sweep queue lives: `redis://[user:password@]host:port[/db]` (or `rediss://` for
 * TLS), from `--queue` or `REDIS_URL`, the password from the URL or `REDIS_PASSWORD`. Only
 * `shown` (password masked) ever reaches a message; the password stays in memory.
 */
import type { RedisOptions } from "bullmq";
import { Redis } from "ioredis";
import { UsageError } from "../exit-codes.js";

export interface RedisTarget {
  /** The URL with its password replaced by `***`: what messages name. */
  shown: string;
  options: RedisOptions;
}

/** `url` with its password masked; text that is not a URL is returned as is. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

/** Reconnection delays: 0.5 s, 1 s, 2 s, ... up to 10 s, for as long as Redis stays away. */
export function reconnectDelay(times: number): number {
  return Math.min(500 * 2 ** Math.max(0, times - 1), 10_000);
}

/** `--queue` given without a value means `REDIS_URL`. */
export function redisTarget(queue: string | true, env: NodeJS.ProcessEnv = process.env): RedisTarget {
  const url = queue === true ? env.REDIS_URL : queue;
  if (!url) throw new UsageError("--queue needs a Redis URL (redis://host:port[/db]), or set REDIS_URL");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--queue ${maskUrl(url)}: not a URL (expected redis://host:port[/db])`);
  }
  const shown = maskUrl(url);
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new UsageError(`--queue ${shown}: expected a redis:// or rediss:// URL`);
  }
  const db = parsed.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d+$/.test(db)) {
    throw new UsageError(`--queue ${shown}: the path must be a database number, found "/${db}"`);
  }
  const password = parsed.password ? decodeURIComponent(parsed.password) : env.REDIS_PASSWORD || undefined;
  return {
    shown,
    options: {
      host: parsed.hostname || "localhost",
      port: parsed.port ? Number(parsed.port) : 6379,
      db: db === "" ? 0 : Number(db),
      username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
      password,
      tls: parsed.protocol === "rediss:" ? { servername: parsed.hostname } : undefined,
      retryStrategy: reconnectDelay,
    },
  };
}

/**
 * Connect once, without retrying: an unreachable Redis (or a wrong password) is an error
 * naming the URL, well within 10 s, instead of endless reconnection attempts.
 */
export async function checkRedis(target: RedisTarget, timeoutMs = 5_000): Promise<void> {
  const client = new Redis({
    ...target.options,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  // The socket's own error (ECONNREFUSED, ETIMEDOUT, ...) says more than the rejection.
  let cause: Error | undefined;
  client.on("error", (error: Error) => {
    cause ??= error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(`cannot reach Redis at ${target.shown}: ${(cause ?? (error as Error)).message}`);
  } finally {
    client.disconnect();
  }
}
