/**
 * Every output of a short real run (`exp run` in a child process) read back: status,
 * vocabulary, vectors, checkpoints, evaluation, the projector's files and the event file's
 * loss scalars, histograms, probe-neighbour text and HParams session start and end.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readVectorFile } from "@w2v/eval";
import { flattenHParams, type RunSummaries, readRun } from "@w2v/logging";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { exp } from "./cli-process.fixture.js";
import { writeConfig, writeEvalSets, writePlantedCorpus } from "./planted-corpus.fixture.js";

const STEPS = 200;
/** The steps of a series, each once (the last step's histograms and text are written twice). */
const stepsOf = (points: { step: number }[]) => [...new Set(points.map((point) => point.step))];
const VOCAB = 4 * 8;
const DIM = 12;

describe("the outputs of a short real run", () => {
  const { dir } = writePlantedCorpus({ clusters: 4, wordsPerCluster: 8, sentences: 2000 });
  const runDir = join(dir, "run");
  let stderr: string;
  let events: RunSummaries;
  const file = (name: string) => readFileSync(join(runDir, name));

  beforeAll(async () => {
    const config = writeConfig(
      dir,
      "outputs.yaml",
      [
        "name: outputs",
        "data: { corpus: text, path: corpus.txt, minCount: 1, subsampling: { rule: none }, window: 2 }",
        `model: { dim: ${DIM}, samples: 3 }`,
        `trainer: { engine: hogwild, threads: 1, steps: ${STEPS}, stepWords: 1000, checkpoint: { every: 100, keep: 5 } }`,
        "logging: { every: 10, histogramsEvery: 50, neighboursEvery: 50, progress: none, probeWords: [c0w0, c2w5, absent], projector: { size: 10 } }",
        writeEvalSets(dir),
        "",
      ].join("\n"),
    );
    const run = exp(["run", config, "--run-dir", runDir]);
    expect(run.status, run.stderr).toBe(0);
    stderr = run.stderr;
    events = await readRun(runDir);
  }, 120_000);

  it("status, vocabulary, vectors, checkpoints and evaluation", async () => {
    const status = JSON.parse(file("status.json").toString());
    expect(status).toMatchObject({ status: "finished", step: STEPS, totalSteps: STEPS });
    const vocab = file("vocab.tsv").toString().trim().split("\n");
    expect(vocab).toHaveLength(VOCAB);
    const vectors = await readVectorFile(join(runDir, "vectors.bin"));
    expect(vectors.words).toEqual(vocab.map((line) => line.split("\t")[0]));
    expect(vectors.dim).toBe(DIM);
    expect(readdirSync(join(runDir, "checkpoints"))).toEqual(["ckpt-0000000100", "ckpt-0000000200"]);
    const evaluation = JSON.parse(file("eval.json").toString());
    expect(Object.keys(evaluation).sort()).toEqual(["analogy", "wordsim353"]);
    for (const [set, metrics] of Object.entries(
      evaluation as Record<string, Record<string, number | null>>,
    )) {
      for (const [metric, value] of Object.entries(metrics)) {
        if (value !== null)
          expect(events.scalars[`eval/${set}_${metric}`]).toEqual([
            expect.objectContaining({ step: STEPS, value: Math.fround(value) }),
          ]);
      }
    }
  });

  it("the projector's config, metadata and tensor: the top 10 words' input vectors", async () => {
    const config = file("projector_config.pbtxt").toString();
    expect(config).toMatch(
      /tensor_name: "input_vectors"\s+metadata_path: "metadata.tsv"\s+tensor_shape: 10\s+tensor_shape: 12\s+tensor_path: "input_vectors.(f32|tsv)"/,
    );
    const vocab = file("vocab.tsv").toString().split("\n").slice(0, 10);
    expect(file("metadata.tsv").toString()).toBe(["word\tcount", ...vocab, ""].join("\n"));
    const { vectors } = await readVectorFile(join(runDir, "vectors.bin"));
    const tensorFile = /tensor_path: "(.+)"/.exec(config)![1];
    const tensor = tensorFile.endsWith(".f32")
      ? new Float32Array(new Uint8Array(file(tensorFile)).buffer)
      : Float32Array.from(file(tensorFile).toString().trim().split(/\s+/).map(Number));
    expect(tensor).toEqual(vectors.subarray(0, 10 * DIM));
  });

  it("loss scalars at every logging step, falling; the learning rate decaying", () => {
    const { scalars } = events;
    const boundaries = Array.from({ length: STEPS / 10 }, (_, i) => (i + 1) * 10);
    for (const tag of ["loss/raw", "loss/smoothed", "train/learning_rate", "train/examples_seen"]) {
      expect(
        scalars[tag].map((point) => point.step),
        tag,
      ).toEqual(boundaries);
      expect(scalars[tag].every((point) => Number.isFinite(point.value))).toBe(true);
    }
    const loss = scalars["loss/raw"].map((point) => point.value);
    expect(loss.at(-1)!).toBeLessThan(0.8 * loss[0]);
    const lr = scalars["train/learning_rate"].map((point) => point.value);
    expect(lr.every((value, i) => i === 0 || value < lr[i - 1])).toBe(true);
  });

  it("weight histograms of every value, at each histogram step and the end", () => {
    for (const tag of ["weights/input", "weights/output"]) {
      const points = events.histograms[tag];
      expect(stepsOf(points), tag).toEqual([50, 100, 150, 200]);
      for (const { histogram } of points) {
        expect(histogram.num).toBe(VOCAB * DIM);
        expect(histogram.bucket.reduce((sum, count) => sum + count, 0)).toBe(VOCAB * DIM);
        expect(histogram.min).toBeLessThan(histogram.max);
      }
    }
  });

  it("probe neighbours: the known probe words' cluster mates, in the Text tab and on the console", () => {
    const texts = events.texts["neighbours/probe_words"];
    expect(stepsOf(texts)).toEqual([50, 100, 150, 200]);
    const last = texts.at(-1)!.text;
    expect(last).toMatch(/^\| word \| nearest neighbours \(cosine\) \|\n\| --- \| --- \|\n/);
    const row = (word: string) => last.split("\n").find((line) => line.startsWith(`| ${word} |`))!;
    const cluster = (word: string) => word.slice(0, 2);
    for (const word of ["c0w0", "c2w5"]) {
      const neighbours = [...row(word).matchAll(/(c\dw\d) \((-?\d\.\d\d)\)/g)].map((match) => match[1]);
      expect(
        neighbours.slice(0, 3).every((n) => cluster(n) === cluster(word)),
        row(word),
      ).toBe(true);
    }
    expect(last).not.toContain("absent");
    expect(stderr).toContain("probe words not in the vocabulary (skipped): absent");
    expect(stderr).toMatch(/nearest neighbours:\n {2}c0w0 {2}c0w\d 0\.\d\d/);
  });

  it("HParams: one session start with the resolved config, one end with SUCCESS; one SessionLog START", () => {
    expect(events.hparamsStarts).toHaveLength(1);
    expect(events.hparamsStarts[0].hparams).toEqual(flattenHParams(parse(file("config.yaml").toString())));
    expect(events.hparamsStarts[0].hparams["trainer.steps"]).toBe(STEPS);
    expect(events.hparamsEnds.map((end) => [end.step, end.status])).toEqual([[STEPS, "SUCCESS"]]);
    expect(events.sessionStarts.map((start) => start.step)).toEqual([0]);
    expect(events.corruptions).toEqual([]);
  });
});
