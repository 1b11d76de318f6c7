// Whether the CLI's build is up to date, decided from file times so that read-only commands
// skip turbo's check (about a second): the build is current when no build input of the CLI or
// of a workspace package it depends on is newer than that package's oldest built file (builds
// start from an empty dist/), or than the stamp written after the last build this script ran.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** turbo.json's build inputs, minus the tests and fixtures that tsconfig.build.json leaves out. */
const INPUT_DIRS = ["src", "assembly"];
const INPUT_FILES = /^(tsconfig.*\.json|package\.json|asconfig\.json)$/;
const NOT_BUILT = /\.(test|fixture)\.[cm]?[jt]s$/;

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

function workspaceDependencies(root, name, seen = new Map()) {
  if (seen.has(name)) return seen;
  for (const dir of readdirSync(join(root, "packages"))) {
    const manifest = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8"));
    if (manifest.name !== name) continue;
    seen.set(name, join(root, "packages", dir));
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
      if (range.startsWith("workspace:")) workspaceDependencies(root, dep, seen);
    }
  }
  return seen;
}

function stampPath(root) {
  return join(root, "node_modules", ".cache", "w2v-exp", "build-stamp");
}

export function buildIsCurrent(root, name) {
  const stamp = existsSync(stampPath(root)) ? statSync(stampPath(root)).mtimeMs : 0;
  for (const dir of workspaceDependencies(root, name).values()) {
    const built = filesUnder(join(dir, "dist")).map((file) => statSync(file).mtimeMs);
    if (built.length === 0) return false;
    const inputs = [
      ...INPUT_DIRS.flatMap((sub) => filesUnder(join(dir, sub))).filter((file) => !NOT_BUILT.test(file)),
      ...readdirSync(dir)
        .filter((file) => INPUT_FILES.test(file))
        .map((file) => join(dir, file)),
    ];
    const newestInput = Math.max(...inputs.map((file) => statSync(file).mtimeMs));
    if (newestInput > Math.max(Math.min(...built), stamp)) return false;
  }
  return true;
}

/** Record a successful build, for builds that turbo restored with older file times. */
export function stampBuild(root) {
  mkdirSync(join(root, "node_modules", ".cache", "w2v-exp"), { recursive: true });
  writeFileSync(stampPath(root), `${new Date().toISOString()}\n`);
}
