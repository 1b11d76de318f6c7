/**
 * Tests' own redis-server (Debian's package): on a free loopback port, persistence off (no
 * snapshots, no append-only file), stopped at the end. Tests that need it skip, with the
 * reason printed, when redis-server is not installed (`.ci/run` installs it).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";

/** Why Redis tests cannot run here, or undefined when they can. */
export function redisServerMissing(): string | undefined {
  const found = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (found.error || found.status !== 0) {
    const reason =
      "redis-server is not installed (apt-get install -y redis-server): skipping the queue tests";
    console.warn(reason);
    return reason;
  }
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface RedisServer {
  port: number;
  /** redis://[:password@]127.0.0.1:port, or rediss://localhost:port with TLS. */
  url: string;
  /** With TLS: the certificate authority that signed the server's certificate. */
  caFile?: string;
  /** Stop the server (its data is gone: persistence is off). */
  stop(): Promise<void>;
  /** Start it again on the same port, empty. */
  start(): Promise<void>;
}

/** A CA and a certificate for localhost signed by it, made with openssl in `dir`. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const file = (name: string) => join(dir, name);
  const openssl = (args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
  const subject = (cn: string) => ["-nodes", "-subj", `/CN=${cn}`];
  openssl([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.pem"),
    "-days",
    "2",
    ...subject("w2v test CA"),
  ]);
  openssl([
    "req",
    "-newkey",
    "rsa:2048",
    "-keyout",
    file("server.key"),
    "-out",
    file("server.csr"),
    ...subject("localhost"),
  ]);
  writeFileSync(file("ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  openssl([
    "x509",
    "-req",
    "-in",
    file("server.csr"),
    "-CA",
    file("ca.pem"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-out",
    file("server.pem"),
    "-days",
    "2",
    "-extfile",
    file("ext.cnf"),
  ]);
  return { ca: file("ca.pem"), cert: file("server.pem"), key: file("server.key") };
}

async function untilReady(port: number, password: string | undefined, caFile?: string): Promise<void> {
  const tls = caFile ? { servername: "localhost", ca: readFileSync(caFile) } : undefined;
  for (let attempt = 0; attempt < 100; attempt++) {
    const client = new Redis({
      port,
      host: "127.0.0.1",
      password,
      tls,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.ping();
      return;
    } catch {
      await sleep(50);
    } finally {
      client.disconnect();
    }
  }
  throw new Error(`redis-server on port ${port} did not become ready`);
}

export async function startRedisServer(
  options: { password?: string; tls?: boolean } = {},
): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "w2v-redis-"));
  const args = [
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    dir,
    "--loglevel",
    "warning",
  ];
  if (options.password) args.push("--requirepass", options.password);
  let caFile: string | undefined;
  if (options.tls) {
    const { ca, cert, key } = makeCertificates(dir);
    caFile = ca;
    args.push("--port", "0", "--tls-port", String(port), "--tls-cert-file", cert, "--tls-key-file", key);
    args.push("--tls-ca-cert-file", ca, "--tls-auth-clients", "no");
  } else {
    args.push("--port", String(port));
  }
  const auth = options.password ? `:${options.password}@` : "";
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    port,
    url: options.tls ? `rediss://${auth}localhost:${port}` : `redis://${auth}127.0.0.1:${port}`,
    caFile,
    async start() {
      child = spawn("redis-server", args, { stdio: "ignore" });
      await untilReady(port, options.password, caFile);
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGTERM");
      await exited;
    },
  };
  await server.start();
  return server;
}
