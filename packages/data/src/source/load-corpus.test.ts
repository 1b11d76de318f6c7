import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { dataConfig, deadUrl, tempDir, withServer, writeZip } from "../../test/fixtures.js";
import { DataError } from "../data-error.js";
import { type LoadCorpusOptions, loadCorpus } from "./load-corpus.js";

const PTB_TRAIN = " the cat sat \n the dog sat \n a cat ran \n";
const PTB_VALID = " the cat \n";
const TEXT8 = " anarchism originated as a term of abuse first used against early working class radicals";

const sha1 = (bytes: Buffer) => createHash("sha1").update(bytes).digest("hex");

/** A PTB-shaped zip, and the archive facts loadCorpus must check it against. */
async function ptbZip(dir: string): Promise<{ path: string; archives: LoadCorpusOptions["archives"] }> {
  const path = join(dir, "ptb.zip");
  await writeZip(path, { "ptb/ptb.train.txt": PTB_TRAIN, "ptb/ptb.valid.txt": PTB_VALID });
  return { path, archives: { ptb: { sha1: sha1(readFileSync(path)), url: "http://127.0.0.1:9/ptb.zip" } } };
}

async function text8Zip(dir: string): Promise<{ path: string; archives: LoadCorpusOptions["archives"] }> {
  const path = join(dir, "text8.zip");
  await writeZip(path, { text8: TEXT8 });
  const text8 = {
    bytes: readFileSync(path).length,
    memberCrc32: crc32(Buffer.from(TEXT8)),
    memberBytes: TEXT8.length,
    url: "http://127.0.0.1:9/text8.zip",
  };
  return { path, archives: { text8 } };
}

function words(corpus: Awaited<ReturnType<typeof loadCorpus>>): string[][] {
  const out: string[][] = [];
  for (let s = 0; s + 1 < corpus.sentenceStarts.length; s++) {
    const ids = corpus.ids.subarray(corpus.sentenceStarts[s], corpus.sentenceStarts[s + 1]);
    out.push(Array.from(ids, (id) => corpus.vocab.words[id]));
  }
  return out;
}

/** Options that keep a test away from the real environment: no $W2V_DATA_DIR, cache in `dir`. */
function isolated(dir: string, extra: Partial<LoadCorpusOptions> = {}): LoadCorpusOptions {
  return { baseDir: dir, env: { XDG_CACHE_HOME: join(dir, "xdg") }, progressBar: false, ...extra };
}

describe("loadCorpus: sources", () => {
  it("reads a PTB split from ptb.zip in $W2V_DATA_DIR and records where it came from", async () => {
    const dir = tempDir();
    const { path, archives } = await ptbZip(dir);
    const lines: string[] = [];
    const options = {
      ...isolated(dir),
      env: { W2V_DATA_DIR: dir, XDG_CACHE_HOME: join(dir, "xdg") },
      archives,
    };
    const corpus = await loadCorpus(dataConfig({ corpus: "ptb", minCount: 1 }), {
      ...options,
      log: (l) => lines.push(l),
    });
    expect(words(corpus)).toEqual([
      ["the", "cat", "sat"],
      ["the", "dog", "sat"],
      ["a", "cat", "ran"],
    ]);
    expect(corpus.rawTokenCount).toBe(9);
    expect(corpus.source).toMatchObject({
      corpus: "ptb",
      split: "train",
      usedText8Prefix: false,
      downloadedFrom: null,
      fromCache: false,
      files: [{ path, member: "ptb/ptb.train.txt", bytes: readFileSync(path).length }],
    });
    expect(corpus.source.checksum).toBe(createHash("sha256").update(readFileSync(path)).digest("hex"));
    expect(lines.join("\n")).toMatch(/ptb train: 9 tokens, 3 sentences; vocabulary 6 words/);
    const valid = await loadCorpus(dataConfig({ corpus: "ptb", split: "valid", minCount: 1 }), options);
    expect(words(valid)).toEqual([["the", "cat"]]);
  });

  it("looks at data.path (relative to the config), then $W2V_DATA_DIR, then the cache", async () => {
    const dir = tempDir();
    for (const [folder, text] of [
      ["configs/data/ptb", " from path \n"],
      ["shared/ptb", " from env \n"],
      ["xdg/w2v-lab/ptb", " from cache \n"],
    ]) {
      mkdirSync(join(dir, folder), { recursive: true });
      writeFileSync(join(dir, folder, "ptb.train.txt"), text);
    }
    const env = { W2V_DATA_DIR: join(dir, "shared"), XDG_CACHE_HOME: join(dir, "xdg") };
    const load = (input: Record<string, unknown>, e: NodeJS.ProcessEnv) =>
      loadCorpus(dataConfig({ corpus: "ptb", minCount: 1, download: false, ...input }), {
        baseDir: join(dir, "configs"),
        env: e,
        cache: false,
      });
    expect(words(await load({ path: "data" }, env))).toEqual([["from", "path"]]);
    expect(words(await load({ path: "data/ptb/ptb.train.txt" }, env))).toEqual([["from", "path"]]);
    expect(words(await load({}, env))).toEqual([["from", "env"]]);
    expect(words(await load({}, { XDG_CACHE_HOME: env.XDG_CACHE_HOME }))).toEqual([["from", "cache"]]);
    const own = await load({ cacheDir: "../shared" }, {});
    expect(own.source.files[0].path).toBe(join(dir, "shared", "ptb", "ptb.train.txt"));
  });

  it("reads text8.zip as one stream of words cut every maxSentenceLength words", async () => {
    const dir = tempDir();
    const { archives } = await text8Zip(dir);
    const corpus = await loadCorpus(
      dataConfig({ corpus: "text8", minCount: 1, maxSentenceLength: 4, path: "text8.zip" }),
      isolated(dir, { archives }),
    );
    expect(corpus.rawTokenCount).toBe(14);
    expect(words(corpus).map((s) => s.length)).toEqual([4, 4, 4, 2]);
    expect(words(corpus)[0]).toEqual(["anarchism", "originated", "as", "a"]);
    expect(corpus.source.usedText8Prefix).toBe(false);
  });

  it("uses text8-prefix.txt only when data.allowText8Prefix says so, and says so", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "text8-prefix.txt"), TEXT8);
    const options = { ...isolated(dir), env: { W2V_DATA_DIR: dir, XDG_CACHE_HOME: join(dir, "xdg") } };
    const config = { corpus: "text8", minCount: 1, download: false };
    await expect(loadCorpus(dataConfig(config), options)).rejects.toThrow(
      /text8.zip not found.*set data.allowText8Prefix=true/s,
    );
    const lines: string[] = [];
    const corpus = await loadCorpus(dataConfig({ ...config, allowText8Prefix: true }), {
      ...options,
      log: (line) => lines.push(line),
    });
    expect(corpus.source.usedText8Prefix).toBe(true);
    expect(corpus.rawTokenCount).toBe(14);
    expect(lines.join("\n")).toMatch(/PREFIX of text8, not text8 itself/);
    // Pointed at explicitly, a file shorter than text8 is a prefix too.
    await expect(loadCorpus(dataConfig({ ...config, path: "text8-prefix.txt" }), options)).rejects.toThrow(
      /not the whole of text8 .*allowText8Prefix/,
    );
  });

  it("reads a folder of UTF-8 files in path order with the text rule", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "books", "b"), { recursive: true });
    writeFileSync(join(dir, "books", "b", "two.txt"), "Second file.");
    writeFileSync(join(dir, "books", "a.txt"), "The First, file!\nLine two");
    writeFileSync(join(dir, "books", ".hidden"), "skipped");
    const config = dataConfig({ corpus: "text", path: "books", minCount: 1 });
    const corpus = await loadCorpus(config, isolated(dir));
    expect(words(corpus)).toEqual([
      ["the", "first", "file"],
      ["line", "two"],
      ["second", "file"],
    ]);
    expect(corpus.source.files.map((f) => f.path)).toEqual(["a.txt", join("b", "two.txt")]);
    expect(corpus.source.tokenizer).toBe("unicode-words-v1+lowercase");
    writeFileSync(join(dir, "books", "a.txt"), "changed");
    const changed = await loadCorpus(config, isolated(dir));
    expect(changed.source.checksum).not.toBe(corpus.source.checksum);
    expect(changed.source.fromCache).toBe(false);
    await expect(loadCorpus(dataConfig({ corpus: "text" }), isolated(dir))).rejects.toThrow(
      /needs data.path/,
    );
    await expect(loadCorpus(dataConfig({ corpus: "text", path: "nope" }), isolated(dir))).rejects.toThrow(
      /data.path .*nope does not exist/,
    );
  });
});

describe("loadCorpus: cache", () => {
  it("serves the second load from the cache, keyed by the source and the options", async () => {
    const dir = tempDir();
    const { archives } = await ptbZip(dir);
    const options = isolated(dir, { archives });
    const config = dataConfig({ corpus: "ptb", path: "ptb.zip", minCount: 1 });
    const first = await loadCorpus(config, options);
    const second = await loadCorpus(config, options);
    expect(second.source.fromCache).toBe(true);
    expect(second.source.cacheFile).toBe(first.source.cacheFile);
    expect(first.source.cacheFile?.startsWith(join(dir, "xdg", "w2v-lab", "corpora"))).toBe(true);
    expect(Array.from(second.ids)).toEqual(Array.from(first.ids));
    expect(Array.from(second.sentenceStarts)).toEqual(Array.from(first.sentenceStarts));
    expect(second.vocab.toTsv()).toBe(first.vocab.toTsv());
    expect(second.rawTokenCount).toBe(first.rawTokenCount);

    const other = await loadCorpus(dataConfig({ corpus: "ptb", path: "ptb.zip", minCount: 2 }), options);
    expect(other.source.fromCache).toBe(false);
    expect(other.vocab.words).toEqual(["cat", "sat", "the"]);
  });

  it("rebuilds rather than uses a damaged cache file", async () => {
    const dir = tempDir();
    const { archives } = await ptbZip(dir);
    const options = isolated(dir, { archives });
    const config = dataConfig({ corpus: "ptb", path: "ptb.zip", minCount: 1 });
    const first = await loadCorpus(config, options);
    const file = first.source.cacheFile as string;
    const bytes = readFileSync(file);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(file, bytes);
    const again = await loadCorpus(config, options);
    expect(again.source.fromCache).toBe(false);
    expect(Array.from(again.ids)).toEqual(Array.from(first.ids));
    expect((await loadCorpus(config, options)).source.fromCache).toBe(true);
  });
});

describe("loadCorpus: bad files", () => {
  it("says a corrupt zip is not a zip, naming it and what to do", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "ptb.zip"), "this is not a zip archive at all");
    const { archives } = await ptbZip(tempDir());
    const error = await loadCorpus(
      dataConfig({ corpus: "ptb", path: "ptb.zip" }),
      isolated(dir, { archives }),
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(/checksum mismatch: .*ptb.zip has SHA-1/);
    // Without a known checksum to fail first, the zip reader's complaint comes through.
    const unknown = { ptb: { sha1: undefined } };
    await expect(
      loadCorpus(dataConfig({ corpus: "ptb", path: "ptb.zip" }), isolated(dir, { archives: unknown })),
    ).rejects.toThrow(/ptb.zip is not a readable zip archive .*Delete .*ptb.zip and download/);
  });

  it("says a truncated text8.zip is truncated", async () => {
    const dir = tempDir();
    const { path, archives } = await text8Zip(dir);
    truncateSync(path, readFileSync(path).length - 10);
    await expect(
      loadCorpus(dataConfig({ corpus: "text8", path: "text8.zip" }), isolated(dir, { archives })),
    ).rejects.toThrow(/text8.zip has [\d,]+ bytes but text8.zip has [\d,]+: the file is truncated/);
  });

  it("says a checksum mismatch is one: ptb.zip SHA-1 and a member whose bytes fail its CRC-32", async () => {
    const dir = tempDir();
    const { archives } = await ptbZip(dir);
    await expect(
      loadCorpus(
        dataConfig({ corpus: "ptb", path: "ptb.zip" }),
        isolated(dir, { archives: { ptb: { ...archives?.ptb, sha1: "0".repeat(40) } } }),
      ),
    ).rejects.toThrow(/checksum mismatch: .*ptb.zip has SHA-1 [0-9a-f]{40}, ptb.zip has 0{40}\. Delete/);

    // A stored (uncompressed) member with one byte changed: sizes agree, the CRC does not.
    const zipPath = join(dir, "stored.zip");
    const yazl = (await import("yazl")).default;
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(TEXT8), "text8", { compress: false });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    bytes[bytes.indexOf("anarchism")] = "A".charCodeAt(0);
    writeFileSync(zipPath, bytes);
    await expect(
      loadCorpus(
        dataConfig({ corpus: "text8", path: "stored.zip" }),
        isolated(dir, { archives: { text8: { bytes: undefined } } }),
      ),
    ).rejects.toThrow(
      /checksum mismatch: .*stored.zip records CRC-32 0x[0-9a-f]{8} for "text8", expected 0x7d6be66f/,
    );
    await expect(
      loadCorpus(
        dataConfig({ corpus: "text8", path: "stored.zip", minCount: 1 }),
        isolated(dir, {
          archives: { text8: { memberCrc32: undefined, bytes: undefined, memberBytes: undefined } },
        }),
      ),
    ).rejects.toThrow(
      /member "text8" is corrupt \(CRC-32 0x[0-9a-f]{8}, the archive records 0x[0-9a-f]{8}\)/,
    );
  });

  it("says what to download, from where and where to put it when the corpus is missing", async () => {
    const dir = tempDir();
    const error = await loadCorpus(dataConfig({ corpus: "text8", download: false }), isolated(dir)).catch(
      (e: Error) => e,
    );
    expect((error as Error).message).toMatch(
      /text8.zip not found \(looked in .*\) and data.download is false\. Download http:\/\/mattmahoney.net\/dc\/text8.zip .* and put it at .*xdg\/w2v-lab\/text8.zip, or into \$W2V_DATA_DIR/,
    );
  });
});

describe("loadCorpus: downloads (loopback server)", () => {
  it("downloads a missing archive into the cache, verifies it and uses it", async () => {
    const source = tempDir();
    const { path, archives } = await ptbZip(source);
    const bytes = readFileSync(path);
    const dir = tempDir();
    const lines: string[] = [];
    await withServer(
      (_request, response) => {
        response.writeHead(200, { "content-length": bytes.length });
        response.end(bytes);
      },
      async (url) => {
        const corpus = await loadCorpus(
          dataConfig({ corpus: "ptb", minCount: 1 }),
          isolated(dir, {
            archives: { ptb: { ...archives?.ptb, url: `${url}/ptb.zip` } },
            log: (l) => lines.push(l),
          }),
        );
        expect(corpus.rawTokenCount).toBe(9);
        expect(corpus.source.downloadedFrom).toBe(`${url}/ptb.zip`);
      },
    );
    const dest = join(dir, "xdg", "w2v-lab", "ptb.zip");
    expect(readFileSync(dest)).toEqual(bytes);
    expect(lines.join("\n")).toMatch(/downloading ptb.zip: 100% of 0.0 MB/);
    expect(lines.join("\n")).toMatch(/done \(0.0 MB, verified\)/);
  });

  it("never keeps a download that fails verification", async () => {
    const { archives } = await ptbZip(tempDir());
    const dir = tempDir();
    await withServer(
      (_request, response) => response.end("not the archive"),
      async (url) => {
        await expect(
          loadCorpus(
            dataConfig({ corpus: "ptb" }),
            isolated(dir, { archives: { ptb: { ...archives?.ptb, url: `${url}/ptb.zip` } } }),
          ),
        ).rejects.toThrow(
          /the download of .*ptb.zip failed verification \(checksum mismatch: .*\)\. Download .* and put it at/,
        );
      },
    );
    const cache = join(dir, "xdg", "w2v-lab");
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
  });

  it("fails fast with advice when the server answers 404 or is unreachable", async () => {
    const dir = tempDir();
    await withServer(
      (_request, response) => {
        response.statusCode = 404;
        response.end();
      },
      async (url) => {
        await expect(
          loadCorpus(
            dataConfig({ corpus: "ptb" }),
            isolated(dir, { archives: { ptb: { url: `${url}/ptb.zip` } } }),
          ),
        ).rejects.toThrow(/could not download .*ptb.zip: HTTP 404/);
      },
    );
    const url = await deadUrl("/ptb.zip");
    const started = Date.now();
    await expect(
      loadCorpus(dataConfig({ corpus: "ptb" }), isolated(dir, { archives: { ptb: { url } } })),
    ).rejects.toThrow(
      new RegExp(
        `could not download ${url}: .*ECONNREFUSED.*Download ${url} .* and put it at ${join(dir, "xdg", "w2v-lab", "ptb.zip")}`,
      ),
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
