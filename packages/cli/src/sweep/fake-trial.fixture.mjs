// A stand-in for `exp run` / `exp resume` in the runner's tests: it writes the run files the
// trainer writes (meta.json, status.json, config.yaml, eval.json) in a few milliseconds.
// argv: <journal> <mode> <trial dir> <config JSON> <behaviour>: "finish"; "fail"; or "wait"
// for SIGINT, then write "interrupted" and exit 130 as the trainer does.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";

const [journal, mode, dir, configJson, behaviour] = process.argv.slice(2);
const config = JSON.parse(configJson);
const startTime = new Date().toISOString();
const status = (fields) =>
  writeFileSync(
    join(dir, "status.json"),
    JSON.stringify({ startTime, pid: process.pid, step: 0, totalSteps: 10, ...fields }),
  );

mkdirSync(dir, { recursive: true });
appendFileSync(journal, `start ${mode} ${dir}\n`);
writeFileSync(join(dir, "meta.json"), JSON.stringify({ pid: process.pid, host: hostname() }));
writeFileSync(join(dir, "config.yaml"), stringify(config));
status({ status: "running" });

const end = (fields, code) => {
  status({ endTime: new Date().toISOString(), ...fields });
  appendFileSync(journal, `end ${mode} ${dir}\n`);
  process.exit(code);
};

if (behaviour === "wait") {
  process.on("SIGINT", () => end({ status: "interrupted", step: 3 }, 130));
  setInterval(() => {}, 1000);
} else {
  setTimeout(() => {
    if (behaviour === "fail") {
      console.error("fake trial: the loss became NaN");
      end({ status: "failed", step: 2, error: "loss became NaN at step 2" }, 1);
    }
    const finalLoss = config.trainer.lr * 10 + config.seed / 10;
    writeFileSync(join(dir, "eval.json"), JSON.stringify({ analogies: { accuracy: config.seed / 100 } }));
    end({ status: "finished", step: 10, finalLoss }, 0);
  }, 150);
}
