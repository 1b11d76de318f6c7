// Acceptance on the real files of $W2V_DATA_DIR (skipped, with a printed reason, when unset).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dataConfig, realDataDir, sameInts, tempDir, withServer } from "../../test/fixtures.js";
import { loadCorpus } from "./load-corpus.js";

if (!realDataDir)
  console.warn("W2V_DATA_DIR is not set: the tests on the real PTB and text8 files are skipped");

const env = { W2V_DATA_DIR: realDataDir ?? "" };
const load = (input: Record<string, unknown>) =>
  loadCorpus(dataConfig({ download: false, ...input }), { baseDir: tempDir(), env, cache: false });

describe.skipIf(!realDataDir)("real data in $W2V_DATA_DIR", () => {
  it("PTB train: 887,521 tokens in 42,068 sentences", async () => {
    const corpus = await load({ corpus: "ptb", minCount: 1 });
    expect(corpus.rawTokenCount).toBe(887_521);
    expect(corpus.ids.length).toBe(887_521);
    expect(corpus.sentenceStarts.length - 1).toBe(42_068);
    expect(corpus.vocab.size).toBe(9_999);
    expect(corpus.vocab.counts[corpus.vocab.id("<unk>")]).toBe(45_020);
    expect(corpus.source.files[0]).toMatchObject({ member: "ptb/ptb.train.txt", bytes: 1_981_551 });
  });

  it("PTB at min count 10 has d2l's 6,719 words", async () => {
    // d2l's Vocab(min_freq=10) puts the reserved <unk> at index 0, then every other token
    // seen >= 10 times. PTB's own "<unk>" (45,020 times) is that same reserved entry, so it
    // is counted once: 6,718 words + <unk> = 6,719. Our `unk` mode does the same (the
    // text's <unk> merges with the 22,445 tokens of rarer words: 67,465); `drop` mode keeps
    // "<unk>" as an ordinary frequent word, so its vocabulary is 6,719 words as well.
    const unk = await load({ corpus: "ptb", minCount: 10, unknownWords: "unk" });
    expect(unk.vocab.size).toBe(6_719);
    expect(unk.vocab.counts[unk.vocab.unkId]).toBe(45_020 + 22_445);
    expect(unk.ids.length).toBe(887_521);
    expect(unk.sentenceStarts.length - 1).toBe(42_068);
    const drop = await load({ corpus: "ptb", minCount: 10 });
    expect(drop.vocab.size).toBe(6_719);
    expect(drop.ids.length).toBe(887_521 - 22_445);
    // 24 lines hold rare words only; dropped, they leave no sentence behind.
    expect(drop.sentenceStarts.length - 1).toBe(42_044);
  });

  it("PTB valid and test splits, from the zip and from the extracted files alike", async () => {
    const valid = await load({ corpus: "ptb", split: "valid", minCount: 1 });
    expect([valid.rawTokenCount, valid.sentenceStarts.length - 1]).toEqual([70_390, 3_370]);
    const test = await load({ corpus: "ptb", split: "test", minCount: 1 });
    expect([test.rawTokenCount, test.sentenceStarts.length - 1]).toEqual([78_669, 3_761]);
    const extracted = await load({
      corpus: "ptb",
      split: "test",
      minCount: 1,
      path: join(realDataDir ?? "", "ptb"),
    });
    expect(extracted.source.files[0].member).toBeNull();
    expect(sameInts(extracted.ids, test.ids)).toBe(true);
  });

  it("text8-prefix: 2,139,748 tokens, 22,541 words at min count 5, cached for the next load", async () => {
    const cacheDir = tempDir();
    const config = dataConfig({ corpus: "text8", allowText8Prefix: true, download: false, cacheDir });
    const options = { baseDir: cacheDir, env };
    const corpus = await loadCorpus(config, options);
    expect(corpus.rawTokenCount).toBe(2_139_748);
    expect(corpus.vocab.size).toBe(22_541);
    expect(corpus.source.usedText8Prefix).toBe(true);
    expect(corpus.source.checksum).toBe("41e50c6af8fea8a544864ab290f2d07349c212ac0187b41e21a4249a2aa0103d");
    expect(corpus.vocab.words.slice(0, 4)).toEqual(["the", "of", "one", "and"]);
    const again = await loadCorpus(config, options);
    expect(again.source.fromCache).toBe(true);
    expect(sameInts(again.ids, corpus.ids)).toBe(true);
  });

  it("downloads the real ptb.zip over loopback and checks d2l's SHA-1", async () => {
    const bytes = readFileSync(join(realDataDir ?? "", "ptb.zip"));
    const dir = tempDir();
    await withServer(
      (_request, response) => response.end(bytes),
      async (url) => {
        const corpus = await loadCorpus(dataConfig({ corpus: "ptb", minCount: 1 }), {
          baseDir: dir,
          env: { XDG_CACHE_HOME: dir },
          archives: { ptb: { url: `${url}/ptb.zip` } },
          progressBar: false,
        });
        expect(corpus.source.downloadedFrom).toBe(`${url}/ptb.zip`);
        expect(corpus.rawTokenCount).toBe(887_521);
      },
    );
  });
});
