// Checks on an installed package's files: what its package.json points at, its source maps
// and its README's links, as a registry user would find them. Each returns a list of problems.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/** Inside the package folder and present: what a tarball ships. */
function shipped(packageDir, path) {
  const rel = relative(packageDir, path);
  return !rel.startsWith("..") && !rel.startsWith(sep) && existsSync(path);
}

function exportTargets(value) {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(exportTargets);
  return [];
}

export function checkManifest(packageDir) {
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  const problems = [];
  const entries = JSON.stringify([manifest.exports, manifest.main, manifest.types, manifest.bin]);
  if (entries.includes("@w2v/source"))
    problems.push('the workspace-only "@w2v/source" condition is published');
  if (JSON.stringify(manifest.dependencies ?? {}).includes("workspace:")) {
    problems.push("a workspace: dependency range is published");
  }
  if (manifest.type !== "module") problems.push('"type" is not "module"');
  if (!manifest.engines?.node) problems.push('no "engines.node"');
  const bins = typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {});
  const targets = [...exportTargets(manifest.exports), manifest.main, manifest.types, ...bins];
  for (const target of targets.filter(Boolean)) {
    if (!shipped(packageDir, resolve(packageDir, target))) problems.push(`points at ${target}, not shipped`);
  }
  return problems;
}

/** Every source a map names is either embedded (sourcesContent) or shipped. */
export function checkSourceMaps(packageDir) {
  const problems = [];
  for (const file of filesUnder(packageDir).filter((f) => f.endsWith(".js"))) {
    const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(file, "utf8"))?.[1];
    if (url && !url.startsWith("data:") && !shipped(packageDir, resolve(dirname(file), url))) {
      problems.push(`${relative(packageDir, file)}: its map ${url} is not shipped`);
    }
  }
  for (const file of filesUnder(packageDir).filter((f) => f.endsWith(".map"))) {
    const map = JSON.parse(readFileSync(file, "utf8"));
    map.sources.forEach((source, i) => {
      if (typeof map.sourcesContent?.[i] === "string") return;
      const path = resolve(dirname(file), map.sourceRoot ?? "", source);
      if (!shipped(packageDir, path)) {
        problems.push(`${relative(packageDir, file)}: source ${source} is neither embedded nor shipped`);
      }
    });
  }
  return problems.length > 5 ? [...problems.slice(0, 5), `... and ${problems.length - 5} more`] : problems;
}

/** Relative links resolve inside the package; the module format is stated; code imports exist. */
export function checkReadme(packageDir, exportedNames) {
  const path = join(packageDir, "README.md");
  if (!existsSync(path)) return ["no README.md"];
  const text = readFileSync(path, "utf8");
  const problems = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^([a-z]+:|#)/.test(target)) continue;
    const file = target.split("#")[0];
    if (!shipped(packageDir, resolve(packageDir, file))) problems.push(`links to ${target}, not shipped`);
  }
  if (!/ESM[- ]only/i.test(text)) problems.push('does not say the package is ESM-only ("ESM only")');
  const name = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).name;
  const imports = [...text.matchAll(/import \{([^}]*)\} from "([^"]+)"/g)].filter(
    ([, , from]) => from === name,
  );
  for (const [, names] of imports) {
    for (const imported of names.split(",").map((n) => n.trim())) {
      if (imported && !imported.startsWith("type ") && !exportedNames.includes(imported)) {
        problems.push(`imports ${imported} from ${name}, which does not export it`);
      }
    }
  }
  for (const [, word] of text.matchAll(/`([a-zA-Z][A-Za-z0-9]{4,})(?:`|\()/g)) {
    const near = exportedNames.find((e) => e !== word && (e.startsWith(word) || word.startsWith(e)));
    if (!exportedNames.includes(word) && near) problems.push(`names \`${word}\`; the export is ${near}`);
  }
  return [...new Set(problems)];
}
