// `pnpm pack-check`: every package as a registry user gets it. Builds and packs each package,
// installs its tarball (with those of the @w2v packages it depends on) with npm into its own
// consumer folder outside the workspace, then checks the published manifest, source maps and
// README, runs one real ESM call (consumers/<pkg>.mjs) and `tsc --noEmit --strict` on a
// consumer file (consumers/<pkg>.ts) under each supported module resolution.
// Exits 1 naming every failed check. W2V_PACK_CHECK_ONLY=config,data limits the packages.
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import pLimit from "p-limit";
import { checkManifest, checkReadme, checkSourceMaps } from "./package-files.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const consumers = fileURLToPath(new URL("consumers", import.meta.url));
const tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
/**
 * The TypeScript module resolutions the READMEs promise. Declarations are checked in full
 * (skipLibCheck false) once; the second resolution checks what the consumer file resolves.
 */
const RESOLUTIONS = {
  nodenext: { module: "nodenext", moduleResolution: "nodenext", skipLibCheck: false },
  bundler: { module: "esnext", moduleResolution: "bundler", skipLibCheck: true },
};
const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ ok: false, output: String(error) }));
    child.on("close", (code) => resolve({ ok: code === 0, output: output.trim() }));
  });
}

/** One package's report: its lines are printed together when it is done. */
class Report {
  lines = [];
  failures = [];
  check(what, problems) {
    const list = [problems].flat().filter(Boolean);
    for (const problem of list) this.failures.push(`${what}: ${problem}`);
    this.lines.push(`${list.length === 0 ? "ok  " : "FAIL"} ${what}`, ...list.map((p) => `     ${p}`));
  }
  note(line) {
    this.lines.push(`     ${line}`);
  }
}

function workspacePackages() {
  const packages = new Map();
  for (const dir of readdirSync(join(root, "packages"))) {
    const manifest = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8"));
    packages.set(manifest.name, { dir: join(root, "packages", dir), short: dir, manifest });
  }
  return packages;
}

/** The package and every @w2v package it depends on, directly or not. */
function closure(name, packages, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const dep of Object.keys(packages.get(name).manifest.dependencies ?? {})) {
    if (packages.has(dep)) closure(dep, packages, seen);
  }
  return seen;
}

function pack(packages, tarballs) {
  const built = spawnSync("pnpm", ["build"], { cwd: root, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`pnpm build failed:\n${built.stdout}${built.stderr}`);
  const files = new Map();
  for (const [name, pkg] of packages) {
    const before = new Set(readdirSync(tarballs));
    const packed = spawnSync("pnpm", ["pack", "--pack-destination", tarballs], {
      cwd: pkg.dir,
      encoding: "utf8",
    });
    if (packed.status !== 0) throw new Error(`pnpm pack ${name} failed:\n${packed.stdout}${packed.stderr}`);
    const [file] = readdirSync(tarballs).filter((f) => !before.has(f));
    files.set(name, join(tarballs, file));
  }
  return files;
}

async function install(dir, specs) {
  const args = ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...specs];
  const result = await run("npm", args, { cwd: dir });
  return result.ok
    ? []
    : [`npm install ${specs.map((s) => relative(dir, s)).join(" ")} failed:\n${result.output}`];
}

/**
 * tsc errors in the consumer's file or in @w2v declarations fail the check; errors inside
 * other packages' declarations (tfjs's own fail --strict without skipLibCheck) are noted.
 */
async function typecheck(dir, file, report) {
  const problems = [];
  for (const [name, options] of Object.entries(RESOLUTIONS)) {
    const compilerOptions = { ...options, target: "es2022", strict: true, noEmit: true };
    writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files: [file] }));
    const result = await run(process.execPath, [tsc, "-p", `tsconfig.${name}.json`], { cwd: dir });
    const errors = result.output.split("\n").filter((line) => /^\S.*: error TS\d+/.test(line));
    const foreign = errors.filter(
      (l) => l.startsWith("node_modules/") && !l.startsWith("node_modules/@w2v/"),
    );
    if (foreign.length) {
      const where = new Set(foreign.map((line) => line.split("/").slice(1, 3).join("/")));
      report.note(
        `note (${name}): ${foreign.length} error(s) inside ${[...where].join(", ")}'s own declarations`,
      );
    }
    if (errors.length > foreign.length || (!result.ok && errors.length === 0)) {
      problems.push(`tsc --strict (${name}) on ${file}:\n${result.output}`);
    }
  }
  return problems;
}

/** Copy consumers/<base>.{mjs,ts} in, run the .mjs, type-check the .ts. */
async function useAsConsumer(dir, base, label, report) {
  for (const ext of ["mjs", "ts"]) {
    writeFileSync(join(dir, `${base}.${ext}`), readFileSync(join(consumers, `${base}.${ext}`)));
  }
  const call = await run(process.execPath, [`${base}.mjs`], { cwd: dir });
  report.check(`${label}: ESM call (${base}.mjs)`, call.ok ? [] : [call.output]);
  for (const line of call.output.split("\n").filter((l) => l.startsWith("-> "))) report.note(line);
  report.check(`${label}: types under tsc --strict (${base}.ts)`, await typecheck(dir, `${base}.ts`, report));
}

async function checkPackage(name, packages, tarballs, consumersDir) {
  const report = new Report();
  const since = Date.now();
  const pkg = packages.get(name);
  const dir = join(consumersDir, pkg.short);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ private: true, type: "module" })}\n`);
  const installed = await install(
    dir,
    [...closure(name, packages)].map((dep) => tarballs.get(dep)),
  );
  report.check(`${name}: npm install of its tarball and its @w2v dependencies`, installed);
  if (installed.length) return report;
  const packageDir = join(dir, "node_modules", name);
  report.check(`${name}: published package.json`, checkManifest(packageDir));
  report.check(`${name}: source maps`, checkSourceMaps(packageDir));
  const listExports = `console.log(JSON.stringify(Object.keys(await import("${name}"))))`;
  const listed = await run(process.execPath, ["--input-type=module", "-e", listExports], { cwd: dir });
  report.check(`${name}: README`, checkReadme(packageDir, listed.ok ? JSON.parse(listed.output) : []));
  const conditioned = await run(process.execPath, ["--conditions=@w2v/source", "-e", `import("${name}")`], {
    cwd: dir,
  });
  report.check(`${name}: import with --conditions=@w2v/source`, conditioned.ok ? [] : [conditioned.output]);
  const required = await run(process.execPath, ["-e", `require("${name}")`], { cwd: dir });
  report.check(`${name}: require() (require(esm), Node >= 20.19)`, required.ok ? [] : [required.output]);
  await useAsConsumer(dir, pkg.short, name, report);
  if (name === "@w2v/eval") await checkEvalWithTfjs(dir, packages, report);
  report.note(`(${name}: ${seconds(since)})`);
  return report;
}

/** @w2v/eval installs without TensorFlow.js; its Embedding helper works once the user adds it. */
async function checkEvalWithTfjs(dir, packages, report) {
  const tfjs = existsSync(join(dir, "node_modules", "@tensorflow"));
  report.check("@w2v/eval: no @tensorflow in node_modules", tfjs ? ["node_modules/@tensorflow exists"] : []);
  const range = packages.get("@w2v/eval").manifest.peerDependencies?.["@tensorflow/tfjs"];
  const added = await install(dir, [`@tensorflow/tfjs@${range}`]);
  report.check("@w2v/eval: the consumer adds @tensorflow/tfjs", added);
  if (added.length === 0) await useAsConsumer(dir, "eval-tfjs", "@w2v/eval with tfjs", report);
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), "w2v-pack-check-"));
  const [tarballs, consumersDir] = [join(work, "tarballs"), join(work, "consumers")];
  mkdirSync(tarballs);
  mkdirSync(consumersDir);
  const failures = [];
  try {
    const packages = workspacePackages();
    const files = pack(packages, tarballs);
    console.log(`built and packed ${files.size} packages (${seconds(started)})`);
    const only = process.env.W2V_PACK_CHECK_ONLY?.split(",").map((short) => `@w2v/${short}`);
    // Largest closures (with tfjs) first, three at a time: installs wait on disk, tsc on the CPU.
    const names = [...packages.keys()]
      .filter((name) => !only || only.includes(name))
      .sort((a, b) => closure(b, packages).size - closure(a, packages).size);
    const limit = pLimit(3);
    await Promise.all(
      names.map((name) =>
        limit(async () => {
          const report = await checkPackage(name, packages, files, consumersDir);
          console.log(report.lines.join("\n"));
          failures.push(...report.failures);
        }),
      ),
    );
  } finally {
    if (process.env.W2V_KEEP_PACK_CHECK) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  if (failures.length === 0) {
    console.log(`pack-check: every package works from its tarball (${seconds(started)})`);
    return 0;
  }
  console.log(
    `pack-check: ${failures.length} failed check(s) (${seconds(started)}):\n- ${failures.join("\n- ")}`,
  );
  return 1;
}

process.exitCode = await main();
