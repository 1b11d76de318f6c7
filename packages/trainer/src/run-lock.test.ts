import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockRunDir, RunLockedError, runLockHolder } from "./run-lock.js";

function runDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "w2v-lock-")), "run");
  mkdirSync(dir);
  return dir;
}

/** A lock as a process of `host` with `pid` leaves it when it is killed. */
function leftBehind(dir: string, pid: number, host: string, ageMs = 0): void {
  mkdirSync(join(dir, "run.lock"));
  const then = new Date(Date.now() - ageMs);
  utimesSync(join(dir, "run.lock"), then, then);
  writeFileSync(join(dir, "run.lock.owner"), JSON.stringify({ pid, host, since: then.toISOString() }));
}

const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;

describe("lockRunDir", () => {
  it("refuses a directory a live process holds, naming its pid and host; free again once released", async () => {
    const dir = runDir();
    const release = await lockRunDir(dir);
    expect(runLockHolder(dir)).toMatchObject({ pid: process.pid, host: hostname() });
    const refused = lockRunDir(dir);
    await expect(refused).rejects.toThrow(RunLockedError);
    await expect(refused).rejects.toThrow(`${dir} is in use by pid ${process.pid} on host ${hostname()}`);
    await release();
    expect(runLockHolder(dir)).toBeUndefined();
    expect(existsSync(join(dir, "run.lock.owner"))).toBe(false);
    await (await lockRunDir(dir))();
  });

  it("takes over at once the lock of a dead process on this host", async () => {
    const dir = runDir();
    leftBehind(dir, deadPid, hostname());
    expect(runLockHolder(dir)).toBeUndefined();
    const release = await lockRunDir(dir);
    expect(JSON.parse(readFileSync(join(dir, "run.lock.owner"), "utf8")).pid).toBe(process.pid);
    await release();
  });

  it("honours another host's fresh lock, and takes it over once it is stale", async () => {
    const dir = runDir();
    leftBehind(dir, deadPid, "elsewhere");
    await expect(lockRunDir(dir)).rejects.toThrow(`is in use by pid ${deadPid} on host elsewhere`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, "run.lock"), old, old);
    const release = await lockRunDir(dir);
    expect(runLockHolder(dir)).toMatchObject({ pid: process.pid });
    await release();
  });
});
