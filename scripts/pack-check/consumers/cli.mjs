// @w2v/cli: the `exp` bin and `main`, validating a config without training.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { main } from "@w2v/cli";

const help = execFileSync("node_modules/.bin/exp", ["--help"], { encoding: "utf8" });
if (!help.includes("Usage: exp")) throw new Error(`exp --help printed: ${help}`);
writeFileSync("run.yaml", "name: check\ndata: { corpus: text, path: corpus.txt }\n");
const code = await main(["run", "run.yaml", "--dry-run"]);
if (code !== 0) throw new Error(`exp run --dry-run exited ${code}`);
console.log("-> cli: exp --help and exp run --dry-run work");
