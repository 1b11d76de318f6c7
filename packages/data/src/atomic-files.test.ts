import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  isDiskFull,
  isTempOf,
  removeTempFiles,
  tempPathFor,
  WriteError,
  writeDirectoryAtomicSync,
  writeFileAtomic,
  writeStreamAtomic,
} from "./atomic-files.js";

const scratch = () => mkdtempSync(join(tmpdir(), "w2v-atomic-"));

describe("atomic files", () => {
  it("recognises its own temporary names and write-file-atomic's, and nothing else", () => {
    const temp = tempPathFor("/x/status.json").split("/").pop() ?? "";
    expect(isTempOf(temp, "status.json")).toBe(true);
    expect(isTempOf("status.json.3141592653", "status.json")).toBe(true);
    expect(isTempOf("status.json.tmp-77", "status.json")).toBe(true);
    expect(temp.startsWith(".status.json.tmp-")).toBe(true);
    expect(isTempOf("status.json", "status.json")).toBe(false);
    expect(isTempOf("events.out.tfevents.1796460035.vm.22284.0", "events.out.tfevents.1796460035.vm")).toBe(
      false,
    );
    expect(isTempOf("meta.json.tmp-77", "status.json")).toBe(false);
  });

  it("removes temporary files of the named targets only", () => {
    const dir = scratch();
    for (const name of ["status.json", "status.json.123", ".vectors.bin.tmp-9-0", ".notes.txt.tmp-9-0"]) {
      writeFileSync(join(dir, name), "x");
    }
    mkdirSync(join(dir, ".ckpt.tmp-4-1"));
    const removed = removeTempFiles(dir, ["status.json", "vectors.bin", "ckpt"]).map((p) =>
      p.slice(dir.length + 1),
    );
    expect(removed.sort()).toEqual([".ckpt.tmp-4-1", ".vectors.bin.tmp-9-0", "status.json.123"]);
    expect(readdirSync(dir).sort()).toEqual([".notes.txt.tmp-9-0", "status.json"]);
  });

  it("writes whole files, streams and directories into place, leaving no temporary file", async () => {
    const dir = scratch();
    await writeFileAtomic(join(dir, "a.txt"), "first");
    await writeFileAtomic(join(dir, "a.txt"), "second");
    await writeStreamAtomic(join(dir, "b.bin"), async (write) => {
      await write("head ");
      await write(new Uint8Array(2 << 20).fill(65));
    });
    writeDirectoryAtomicSync(join(dir, "d"), { "x.txt": Buffer.from("x") });
    writeDirectoryAtomicSync(join(dir, "d"), { "y.txt": Buffer.from("y") });
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("second");
    expect(readFileSync(join(dir, "b.bin")).length).toBe(5 + (2 << 20));
    expect(readdirSync(join(dir, "d"))).toEqual(["y.txt"]);
    expect(readdirSync(dir).sort()).toEqual(["a.txt", "b.bin", "d"]);
  });

  it("a failed stream or verification leaves the old file and no temporary file", async () => {
    const dir = scratch();
    const path = join(dir, "v.txt");
    writeFileSync(path, "old");
    const failing = writeStreamAtomic(path, async (write) => {
      await write("new");
      throw new Error("producer failed");
    });
    await expect(failing).rejects.toThrow("producer failed");
    const rejected = writeStreamAtomic(
      path,
      (write) => write("new"),
      async () => {
        throw new Error("checksum mismatch");
      },
    );
    await expect(rejected).rejects.toThrow("checksum mismatch");
    expect(readFileSync(path, "utf8")).toBe("old");
    expect(readdirSync(dir)).toEqual(["v.txt"]);
  });

  it("names the path it could not write, and a full disk as such", async () => {
    const missing = join(scratch(), "no-such-dir", "f.txt");
    const message = `cannot write ${missing}: its directory does not exist`;
    await expect(writeFileAtomic(missing, "x")).rejects.toMatchObject({ name: "WriteError", message });
    const stream = writeStreamAtomic(missing, (write) => write("x"));
    await expect(stream).rejects.toMatchObject({ name: "WriteError", message });
    const full = new WriteError(
      "/runs/a/status.json",
      Object.assign(new Error("no space"), { code: "ENOSPC" }),
    );
    expect(full.message).toBe("cannot write /runs/a/status.json: the disk is full (ENOSPC)");
    expect(isDiskFull(new Error("wrapped", { cause: full }))).toBe(true);
    expect(isDiskFull(new Error("other"))).toBe(false);
    expect(existsSync(missing)).toBe(false);
  });
});
