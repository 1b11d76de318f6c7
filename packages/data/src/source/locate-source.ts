import { existsSync, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import type { DataConfig } from "@w2v/config";
import { DataError } from "../data-error.js";
import { downloadFile } from "./download.js";
import { hashFile } from "./file-hash.js";
import {
  type ArchiveCorpus,
  type KnownArchive,
  ptbMember,
  TEXT8_MEMBER,
  TEXT8_PREFIX_FILE,
} from "./known-archives.js";
import { archiveProblem } from "./verify-archive.js";

/** One file to read: a plain file, or a member of a zip. */
export interface SourceEntry {
  path: string;
  member?: string;
}

export interface LocatedSource {
  entries: SourceEntry[];
  /** The folder of a folder source: its files are recorded relative to it. */
  folder: string | null;
  /** Set when `entries[0]` is a copy of a known archive, which must then pass its checks. */
  archive: KnownArchive | null;
  usedText8Prefix: boolean;
  downloadedFrom: string | null;
}

export interface LocateOptions {
  baseDir: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  archives: Record<ArchiveCorpus, KnownArchive>;
  /** Draw a download progress bar (default: when stderr is a terminal). */
  progressBar?: boolean;
}

/** `data.cacheDir`, else `$XDG_CACHE_HOME/w2v-lab`, else `~/.cache/w2v-lab`. */
export function cacheDirectory(data: DataConfig, baseDir: string, env: NodeJS.ProcessEnv): string {
  if (data.cacheDir) return resolve(baseDir, data.cacheDir);
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "w2v-lab");
  return join(homedir(), ".cache", "w2v-lab");
}

const isZip = (path: string) => path.toLowerCase().endsWith(".zip");
const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/** The places a known corpus may sit in a data or cache directory, best first. */
function candidatesIn(
  dir: string,
  corpus: ArchiveCorpus,
  data: DataConfig,
  archive: KnownArchive,
): SourceEntry[] {
  if (corpus === "ptb") {
    const member = ptbMember(data.split);
    return [
      { path: join(dir, archive.fileName), member },
      { path: join(dir, member) },
      { path: join(dir, basename(member)) },
    ];
  }
  return [{ path: join(dir, archive.fileName), member: TEXT8_MEMBER }, { path: join(dir, TEXT8_MEMBER) }];
}

/** A single file named by data.path, read as the corpus it claims to be. */
function entryForFile(path: string, corpus: DataConfig["corpus"], data: DataConfig): SourceEntry {
  if (!isZip(path)) return { path };
  if (corpus === "text") {
    throw new DataError(
      `data.path ${path} is a zip: data.corpus "text" reads plain UTF-8 files, unzip it first`,
    );
  }
  return { path, member: corpus === "ptb" ? ptbMember(data.split) : TEXT8_MEMBER };
}

/** Every regular file under `dir`, by relative path in code-unit order, hidden ones skipped. */
function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  walk(dir);
  return files.sort((a, b) => {
    const [ra, rb] = [relative(dir, a), relative(dir, b)];
    return ra < rb ? -1 : ra > rb ? 1 : 0;
  });
}

function isText8Prefix(entry: SourceEntry, archive: KnownArchive): boolean {
  return entry.member === undefined && statSync(entry.path).size !== archive.memberBytes;
}

/**
 * Finds the corpus a config names: at data.path (relative to the config), then in
 * $W2V_DATA_DIR, then in the cache directory; if absent and data.download, downloads the
 * known archive into the cache (verified before it is used). text8-prefix.txt stands in
 * for text8 only when data.allowText8Prefix says so, and the result records it.
 */
export async function locateSource(data: DataConfig, options: LocateOptions): Promise<LocatedSource> {
  const { baseDir, env, log } = options;
  const explicit = data.path ? resolve(baseDir, data.path) : null;
  if (data.corpus === "text") {
    if (!explicit)
      throw new DataError('data.corpus "text" needs data.path (a UTF-8 file or a folder of them)');
    if (!existsSync(explicit)) throw new DataError(`data.path ${explicit} does not exist`);
    const folder = statSync(explicit).isDirectory() ? explicit : null;
    const entries = folder
      ? filesUnder(folder).map((path) => ({ path }))
      : [entryForFile(explicit, "text", data)];
    if (entries.length === 0) throw new DataError(`data.path ${explicit} holds no files to read`);
    return { entries, folder, archive: null, usedText8Prefix: false, downloadedFrom: null };
  }

  const corpus = data.corpus;
  const archive = options.archives[corpus];
  const cacheDir = cacheDirectory(data, baseDir, env);
  const dirs: string[] = [];
  const found = (entry: SourceEntry, downloadedFrom: string | null = null): LocatedSource => {
    const usedText8Prefix = corpus === "text8" && isText8Prefix(entry, archive);
    if (usedText8Prefix && !data.allowText8Prefix) {
      throw new DataError(
        `${entry.path} is not the whole of text8 (${statSync(entry.path).size.toLocaleString("en-US")} bytes, text8 has ${archive.memberBytes?.toLocaleString("en-US")}): set data.allowText8Prefix=true to train on it as a prefix of text8`,
      );
    }
    if (usedText8Prefix) {
      log(
        `text8: training on ${entry.path}, a PREFIX of text8, not text8 itself (data.allowText8Prefix is true; recorded as usedText8Prefix in meta.json)`,
      );
    }
    return {
      entries: [entry],
      folder: null,
      archive: entry.member ? archive : null,
      usedText8Prefix,
      downloadedFrom,
    };
  };

  if (explicit) {
    if (isFile(explicit)) return found(entryForFile(explicit, corpus, data));
    if (existsSync(explicit)) dirs.push(explicit);
    else log(`data.path ${explicit} does not exist; looking for ${archive.fileName} elsewhere`);
  }
  if (env.W2V_DATA_DIR) dirs.push(resolve(env.W2V_DATA_DIR));
  dirs.push(cacheDir);

  for (const dir of dirs) {
    for (const entry of candidatesIn(dir, corpus, data, archive)) if (isFile(entry.path)) return found(entry);
  }
  const prefixes = corpus === "text8" ? dirs.map((dir) => join(dir, TEXT8_PREFIX_FILE)).filter(isFile) : [];
  if (prefixes.length > 0 && data.allowText8Prefix) return found({ path: prefixes[0] });

  const dest = join(cacheDir, archive.fileName);
  const advice =
    `Download ${archive.url} (${archive.about}) and put it at ${dest}, or into $W2V_DATA_DIR, or point data.path at it.` +
    (prefixes.length > 0
      ? ` Or, to train on the prefix of text8 found at ${prefixes[0]}, set data.allowText8Prefix=true.`
      : "");
  if (!data.download) {
    throw new DataError(
      `${archive.fileName} not found (looked in ${dirs.join(", ")}) and data.download is false. ${advice}`,
    );
  }
  const member = candidatesIn(cacheDir, corpus, data, archive)[0].member as string;
  await downloadFile(archive.url, dest, {
    log,
    advice,
    progressBar: options.progressBar,
    verify: async (temp) => {
      const problem = await archiveProblem(temp, archive, member, await hashFile(temp), { inflate: true });
      if (problem)
        throw new DataError(`the download of ${archive.url} failed verification (${problem}). ${advice}`);
    },
  });
  return found({ path: dest, member }, archive.url);
}
