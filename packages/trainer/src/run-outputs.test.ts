import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseExperiment, resolveConfig } from "@w2v/config";
import { Vocab } from "@w2v/data";
import { evalScalars, readVectorFile } from "@w2v/eval";
import { readRun, SummaryWriter } from "@w2v/logging";
import { describe, expect, it } from "vitest";
import { ProgressReporter } from "./progress.js";
import { RunLogging } from "./run-logging.js";
import { freshCounters } from "./run-loop.js";
import {
  chooseVectors,
  evaluateRun,
  writeFinalVectors,
  writeFinishedRun,
  writeRunProjector,
} from "./run-outputs.js";

const vocab = new Vocab(["king", "queen", "man", "woman", "apple"], [50, 40, 30, 20, 10]);
const dim = 3;
const params = {
  vocabSize: 5,
  dim,
  input: Float32Array.from([1, 1, 0, 1, 1, 0.1, 1, 0, 0, 1, 0, 0.1, 0, 0, 1]),
  output: Float32Array.from({ length: 15 }, (_, i) => i / 10),
  bias: null,
};
const config = (section: object) => resolveConfig(parseExperiment(section));

describe("run outputs", () => {
  it("chooses input, output or their sum", () => {
    expect(chooseVectors(params, "input")).toBe(params.input);
    expect(chooseVectors(params, "output")).toBe(params.output);
    expect(chooseVectors(params, "sum")[4]).toBeCloseTo(params.input[4] + params.output[4], 6);
  });

  it("writes vectors.bin in word2vec's binary format, the input vectors in vocabulary order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "w2v-outputs-"));
    const read = await readVectorFile(await writeFinalVectors(dir, vocab, params));
    expect(read.words).toEqual(vocab.words);
    expect(read.vectors).toEqual(params.input);
  });

  it("writes the projector's files for the top words (none with size 0)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "w2v-outputs-"));
    expect(
      await writeRunProjector(dir, config({ logging: { projector: { size: 0 } } }), vocab, params),
    ).toBeNull();
    const files = await writeRunProjector(
      dir,
      config({ logging: { projector: { size: 3, vectors: "output" } } }),
      vocab,
      params,
    );
    expect(files?.rows).toBe(3);
    expect(readFileSync(join(dir, "metadata.tsv"), "utf8")).toBe(
      "word\tcount\nking\t50\nqueen\t40\nman\t30\n",
    );
    const pbtxt = readFileSync(join(dir, "projector_config.pbtxt"), "utf8");
    expect(pbtxt).toContain('tensor_name: "output_vectors"');
    expect(pbtxt).toMatch(/tensor_shape: 3\s+tensor_shape: 3/);
  });

  it("names eval scalars <prefix>/<set>_<metric> and leaves out missing values", () => {
    expect(
      evalScalars({
        analogy: { total: 0.5, semantic: 0.25, syntactic: null, coverage: 1 },
        wordsim353: { spearman: 0.75, oov: 0 },
      } as never),
    ).toEqual({
      "eval/analogy_total": 0.5,
      "eval/analogy_semantic": 0.25,
      "eval/analogy_coverage": 1,
      "eval/wordsim353_spearman": 0.75,
      "eval/wordsim353_oov": 0,
    });
  });

  it("evaluates on the config's sets: eval.json, eval scalars at the step and a printed table", async () => {
    const dir = mkdtempSync(join(tmpdir(), "w2v-outputs-"));
    writeFileSync(join(dir, "pairs.txt"), "king\tqueen\t9\nman\twoman\t8\nking\tapple\t1\n");
    writeFileSync(join(dir, "questions.txt"), ": royal\nman king woman queen\n");
    const writer = await SummaryWriter.open(dir, { startStep: 0 });
    const lines: string[] = [];
    const evalConfig = config({
      eval: {
        sets: ["analogies", "wordsim353"],
        paths: { analogies: "questions.txt", wordsim353: "pairs.txt" },
      },
    });
    const metrics = await evaluateRun(dir, evalConfig, dir, vocab, params, writer, 42, (line) =>
      lines.push(line),
    );
    await writer.close();
    expect(JSON.parse(readFileSync(join(dir, "eval.json"), "utf8"))).toEqual(metrics);
    expect(metrics?.analogy?.total).toBe(1); // king - man + woman is queen here
    const { scalars } = await readRun(dir);
    expect(scalars["eval/analogy_total"]).toEqual([expect.objectContaining({ step: 42, value: 1 })]);
    expect(scalars["eval/wordsim353_spearman"]?.[0].value).toBeCloseTo(metrics!.wordsim353!.spearman!, 6);
    expect(lines.join("\n")).toMatch(/wordsim353\s+3\s+3/);
    expect(await evaluateRun(dir, config({}), dir, vocab, params, writer, 42, () => {})).toBeNull();
  });

  it("writes a finished run's outputs once per final step, before the final checkpoint that records them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "w2v-outputs-"));
    const finishConfig = config({
      logging: { histograms: true, probeWords: ["king"], progress: "none", projector: { size: 0 } },
    });
    const counters = freshCounters();
    const finish = async (step: number, startStep: number) => {
      const writer = await SummaryWriter.open(dir, { startStep });
      const progress = new ProgressReporter("none");
      const logging = new RunLogging(finishConfig, vocab, params, writer, progress, counters, () => {});
      const saved: (number | undefined)[] = [];
      const saveFinal = async () => void saved.push(counters.finalOutputsStep);
      const run = { runDir: dir, config: finishConfig, baseDir: dir, vocab, params };
      const rows = await writeFinishedRun(run, logging, writer, { step, counters, saveFinal }, () => {});
      await writer.close();
      return { rows, saved };
    };
    const first = await finish(40, 0);
    expect(first.saved).toEqual([40]); // the checkpoint is saved after the outputs, recording them
    expect(first.rows.map((row) => row.word)).toEqual(["king"]);
    // A process resumed from that checkpoint (its events start at 41) ends the session without logging them again.
    const again = await finish(40, 41);
    expect(again.saved).toEqual([]);
    expect(again.rows.map((row) => row.word)).toEqual(["king"]);
    // A run resumed with more epochs logs its new end's outputs.
    expect((await finish(60, 41)).saved).toEqual([60]);
    const { histograms, texts, hparamsEnds } = await readRun(dir);
    expect(histograms["weights/input"].map((point) => point.step)).toEqual([40, 60]);
    expect(texts["neighbours/probe_words"].map((point) => point.step)).toEqual([40, 60]);
    expect(hparamsEnds.map((end) => end.step)).toEqual([40, 40, 60]);
  });
});
