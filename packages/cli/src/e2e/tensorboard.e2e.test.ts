/**
 * TensorBoard itself reads our runs: its Python loader (EventAccumulator) and the routes of
 * its scalars, histograms, text, HParams and projector dashboards (tensorboard-view.py),
 * over a finished run, a run stopped with SIGINT and resumed, and a sweep. A wrong field
 * number, tag or plugin name in what we write shows here, where our own reader (which
 * shares our protos) would not see it.
 *
 * Needs W2V_TENSORBOARD_PYTHON: a Python with `tensorboard` (.ci/run installs it in a venv).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readVectorFile } from "@w2v/eval";
import { readRun } from "@w2v/logging";
import { beforeAll, describe, expect, it } from "vitest";
import { exp, runUntilCheckpoint } from "./cli-process.fixture.js";
import { writeConfig, writeEvalSets, writePlantedCorpus } from "./planted-corpus.fixture.js";

const viewScript = fileURLToPath(new URL("./tensorboard-view.py", import.meta.url));
const python = process.env.W2V_TENSORBOARD_PYTHON;

function unavailable(): string | null {
  if (!python) return "W2V_TENSORBOARD_PYTHON is not set (.ci/run sets it to a venv with tensorboard)";
  const probe = spawnSync(python, ["-c", "import tensorboard"], { encoding: "utf8" });
  if (probe.status !== 0)
    return `${python} cannot import tensorboard: ${probe.error?.message ?? probe.stderr.trim()}`;
  return null;
}
const skipReason = unavailable();
if (skipReason) console.warn(`tensorboard.e2e: skipped: ${skipReason}`);

type Series<T> = Record<string, Record<string, ({ step: number } & T)[]>>;
interface SessionGroup {
  hparams: Record<string, unknown>;
  metricValues: { name: { tag: string }; value: number }[];
  sessions: { name: string; status: string }[];
}
interface TensorBoardView {
  runs: string[];
  scalars: Series<{ value: number }>;
  histograms: Series<{ count: number; min: number; max: number }>;
  text: Series<{ text: string }>;
  hparams: {
    experiment: {
      hparamInfos: { name: string; domainDiscrete?: unknown[] }[];
      metricInfos: { name: { tag: string } }[];
    };
    sessionGroups: { sessionGroups: SessionGroup[] };
  };
  projector: Record<
    string,
    { tensorName: string; tensorShape: number[]; metadataPath: string; values: number[]; metadata: string }[]
  >;
}

const LOG_EVERY = 10;
const TRIALS = ["architecture=cbow", "architecture=skipgram"];

describe.skipIf(skipReason)("TensorBoard's own readers on a run, a resumed run and a sweep", () => {
  const { dir } = writePlantedCorpus({ clusters: 4, wordsPerCluster: 8, sentences: 2000 });
  const runs = join(dir, "experiments", "runs");
  const sweep = join(dir, "experiments", "grid");
  let views: Record<string, TensorBoardView>;

  beforeAll(async () => {
    const config = writeConfig(
      dir,
      "run.yaml",
      [
        "seed: 5",
        "data: { corpus: text, path: corpus.txt, minCount: 1, subsampling: { rule: none }, window: 2 }",
        "model: { dim: 12, samples: 3 }",
        "trainer: { engine: hogwild, threads: 1, epochs: 30, stepWords: 1000, checkpoint: { every: 40 } }",
        `logging: { every: ${LOG_EVERY}, histogramsEvery: 40, neighboursEvery: 40, progress: none, probeWords: [c0w0, c1w1], projector: { size: 10 } }`,
        writeEvalSets(dir),
        "",
      ].join("\n"),
    );
    expect(exp(["run", config, "--run-dir", join(runs, "fresh")]).status).toBe(0);
    const stopped = await runUntilCheckpoint(config, join(runs, "resumed"), "SIGINT");
    expect(stopped.exitCode).toBe(130);
    expect(exp(["resume", join(runs, "resumed")]).status).toBe(0);
    const sweepFile = writeConfig(
      dir,
      "grid.yaml",
      "base: run.yaml\nset: { trainer.epochs: 4 }\ngrid: { model.architecture: [skipgram, cbow] }\n",
    );
    expect(exp(["sweep", sweepFile, "--experiments-dir", join(dir, "experiments")]).status).toBe(0);
    const viewed = spawnSync(python!, [viewScript, runs, sweep], { encoding: "utf8", maxBuffer: 1 << 28 });
    expect(viewed.status, viewed.stderr).toBe(0);
    views = JSON.parse(viewed.stdout);
  }, 180_000);

  it.each([
    ["runs", "fresh"],
    ["runs", "resumed"],
    ["grid", TRIALS[0]],
    ["grid", TRIALS[1]],
  ])(
    "%s/%s: per tag, TensorBoard shows the scalars, histograms and text at the steps and values written",
    async (parent, run) => {
      const view = views[parent === "runs" ? runs : sweep];
      const ours = await readRun(join(parent === "runs" ? runs : sweep, run));
      const status = JSON.parse(
        readFileSync(join(parent === "runs" ? runs : sweep, run, "status.json"), "utf8"),
      );
      const boundaries = Array.from({ length: status.totalSteps / LOG_EVERY }, (_, i) => (i + 1) * LOG_EVERY);
      expect(ours.scalars["loss/raw"].map((point) => point.step)).toEqual(boundaries);

      expect(Object.keys(view.scalars[run]).sort()).toEqual(Object.keys(ours.scalars).sort());
      for (const [tag, points] of Object.entries(ours.scalars)) {
        expect(view.scalars[run][tag], tag).toEqual(points.map(({ step, value }) => ({ step, value })));
      }
      expect(Object.keys(view.histograms[run]).sort()).toEqual(["weights/input", "weights/output"]);
      for (const [tag, points] of Object.entries(ours.histograms)) {
        expect(view.histograms[run][tag], tag).toEqual(
          points.map(({ step, histogram }) => ({
            step,
            count: histogram.num,
            min: histogram.min,
            max: histogram.max,
          })),
        );
        expect(points.every((point) => point.histogram.num === 32 * 12)).toBe(true);
      }
      const texts = view.text[run]["neighbours/probe_words"];
      expect(texts.map((point) => point.step)).toEqual(
        ours.texts["neighbours/probe_words"].map((p) => p.step),
      );
      for (const { text } of texts) expect(text).toMatch(/<td>c0w0<\/td>[\s\S]*<td>c1w1<\/td>/);
    },
  );

  it("the resumed run shows each logging step once, with the uninterrupted run's losses", () => {
    const { scalars } = views[runs];
    for (const tag of ["loss/raw", "loss/smoothed", "train/examples_seen", "train/learning_rate"]) {
      expect(scalars.resumed[tag], tag).toEqual(scalars.fresh[tag]);
    }
  });

  it("HParams: each run's session holds its config and ends SUCCESS, with its last metric values", async () => {
    const { sessionGroups } = views[runs].hparams.sessionGroups;
    expect(sessionGroups.map((group) => group.sessions.map((session) => session.name))).toEqual([
      ["fresh"],
      ["resumed"],
    ]);
    for (const group of sessionGroups) {
      const ours = await readRun(join(runs, group.sessions[0].name));
      expect(group.hparams).toEqual(ours.hparamsStarts[0].hparams);
      expect(group.hparams["model.dim"]).toBe(12);
      expect(group.sessions[0].status).toBe("STATUS_SUCCESS");
      const metric = (tag: string) => group.metricValues.find((value) => value.name.tag === tag)?.value;
      expect(metric("loss/smoothed")).toBe(ours.scalars["loss/smoothed"].at(-1)!.value);
      expect(metric("eval/wordsim353_spearman")).toBe(ours.scalars["eval/wordsim353_spearman"][0].value);
    }
  });

  it("HParams of the sweep: the varied field and every metric the record names, with a value per trial", async () => {
    const { experiment, sessionGroups } = views[sweep].hparams;
    const ours = (await readRun(sweep)).experiments[0].experiment;
    expect(experiment.hparamInfos.map((info) => [info.name, info.domainDiscrete])).toEqual([
      ["model.architecture", ["cbow", "skipgram"]],
    ]);
    const tags = experiment.metricInfos.map((info) => info.name.tag);
    expect(tags).toEqual(ours.metrics.map((metric) => metric.tag));
    expect(tags).toEqual(
      expect.arrayContaining(["loss/smoothed", "train/words_per_sec", "eval/analogy_total"]),
    );
    expect(sessionGroups.sessionGroups.map((group) => group.hparams["model.architecture"]).sort()).toEqual([
      "cbow",
      "skipgram",
    ]);
    for (const group of sessionGroups.sessionGroups) {
      expect(group.sessions.map((session) => session.status)).toEqual(["STATUS_SUCCESS"]);
      const measured = group.metricValues.map((value) => value.name.tag);
      for (const tag of tags) expect(measured, `${group.sessions[0].name}: ${tag}`).toContain(tag);
    }
  });

  it("projector: the top words' input vectors with their shape and metadata", async () => {
    const [embedding, ...others] = views[runs].projector.fresh;
    expect(others).toEqual([]);
    expect(embedding.tensorName).toBe("input_vectors");
    expect(embedding.tensorShape).toEqual([10, 12]);
    const { vectors } = await readVectorFile(join(runs, "fresh", "vectors.bin"));
    expect(Float32Array.from(embedding.values)).toEqual(vectors.subarray(0, 10 * 12));
    const vocab = readFileSync(join(runs, "fresh", "vocab.tsv"), "utf8")
      .split("\n")
      .slice(0, 10);
    expect(embedding.metadata).toBe(["word\tcount", ...vocab, ""].join("\n"));
  });
});
