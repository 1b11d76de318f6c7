/**
 * Messages that must name what is wrong, with the right exit code (2: usage or config
 * error, nothing created; 1: a runtime failure).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";
import { captureOutput } from "./sweep/console-capture.fixture.js";

const output = captureOutput();
const quickstart = new URL("../../../configs/quickstart.yaml", import.meta.url).pathname;
const scratch = () => mkdtempSync(join(tmpdir(), "w2v-messages-"));

describe("config errors name the file and exit 2", () => {
  it("a YAML alias bomb", async () => {
    const dir = scratch();
    const file = join(dir, "bomb.yaml");
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const [i, name] of ["b", "c", "d", "e", "f", "g"].entries()) {
      const previous = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    writeFileSync(file, `${levels.join("\n")}\n`);
    const experiments = join(dir, "experiments");
    expect(await main(["--experiments-dir", experiments, "run", file])).toBe(2);
    expect(output.err).toContain(`error: ${file}: YAML cannot be expanded: `);
    expect(output.err).toContain("alias expansions");
    expect(existsSync(experiments)).toBe(false);
  });

  it("an empty list in a sweep grid says so", async () => {
    const dir = scratch();
    const sweep = join(dir, "sweep.yaml");
    writeFileSync(sweep, `name: s\nbase: ${quickstart}\ngrid: { model.dim: [] }\n`);
    expect(await main(["sweep", sweep, "--dry-run"])).toBe(2);
    expect(output.err).toContain(
      `${sweep}:3:20: grid.model.dim: expected at least 1 value, found an empty list`,
    );
  });

  it("a 300-character --name, with nothing created", async () => {
    const experiments = join(scratch(), "experiments");
    expect(await main(["--experiments-dir", experiments, "run", quickstart, "--name", "n".repeat(300)])).toBe(
      2,
    );
    expect(output.err).toContain("name: expected at most 128 characters, found 300");
    expect(existsSync(experiments)).toBe(false);
  });
});

describe("run locations are checked before anything is created", () => {
  it('--run-dir "" is refused, not ignored', async () => {
    const experiments = join(scratch(), "experiments");
    expect(await main(["--experiments-dir", experiments, "run", quickstart, "--run-dir", ""])).toBe(2);
    expect(output.err).toContain("error: --run-dir is empty: give a directory, or leave the option out");
    expect(existsSync(experiments)).toBe(false);
  });

  it.each([
    ["--run-dir", "/proc/self/w2v-run", "/proc"],
    ["--experiments-dir", "/sys/w2v-experiments", "/sys"],
  ])("%s %s is refused (a kernel file system)", async (option, path, root) => {
    const args =
      option === "--run-dir" ? ["run", quickstart, "--run-dir", path] : [option, path, "run", quickstart];
    expect(await main(args)).toBe(2);
    expect(output.err).toContain(`error: ${option} ${path} is under ${root}, a kernel file system`);
  });

  it("a --run-dir that cannot be created is named as given, without raw errno text", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "a-file"), "x");
    const runDir = join(dir, "a-file", "run");
    expect(await main(["run", quickstart, "--run-dir", runDir])).toBe(1);
    expect(output.err).toContain(`error: cannot write ${runDir}: a parent in its path is not a directory`);
    expect(output.err).not.toContain("ENOTDIR");
  });
});

describe("damaged run files are named", () => {
  function runDir(files: Record<string, string>): string {
    const dir = join(scratch(), "run");
    mkdirSync(dir);
    writeFileSync(join(dir, "config.yaml"), "name: damaged\n");
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  it("a corrupt status.json", async () => {
    const dir = runDir({ "status.json": '{"status": "runn', "meta.json": "{}" });
    expect(await main(["resume", dir])).toBe(1);
    expect(output.err).toContain(`error: ${join(dir, "status.json")}: unreadable (`);
  });

  it("a corrupt meta.json", async () => {
    const dir = runDir({ "meta.json": "{ not json" });
    expect(await main(["resume", dir])).toBe(1);
    expect(output.err).toContain(`error: ${join(dir, "meta.json")}: unreadable (`);
    expect(readdirSync(dir).sort()).toEqual(["config.yaml", "meta.json"]);
  });
});

describe("an empty config file", () => {
  it("is run with every default, with a warning", async () => {
    const dir = scratch();
    const empty = join(dir, "empty.yaml");
    writeFileSync(empty, "# nothing yet\n");
    expect(await main(["run", empty, "--dry-run"])).toBe(0);
    expect(output.err).toContain(`warning: ${empty} is empty: the run uses every default`);
  });
});
