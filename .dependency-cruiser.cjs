/**
 * Import rules checked by `pnpm lint` (dependency-cruiser): no import circle anywhere in
 * packages/*, and packages depend one way (config <- data <- model <- trainer <- cli;
 * logging and eval beside them: logging on config only, eval on config and data).
 * Workspace imports (`@w2v/data`) resolve through the `@w2v/source` export condition to
 * the TypeScript sources, so a crossing between packages is seen file to file.
 */

/** What each package may import from the workspace, besides itself. */
const allowed = {
  config: [],
  data: ["config"],
  logging: ["config"],
  eval: ["config", "data"],
  model: ["config", "data"],
  trainer: ["config", "data", "model", "logging", "eval"],
  cli: ["config", "data", "model", "logging", "eval", "trainer"],
};
const packages = Object.keys(allowed);

const directionRules = packages.map((from) => ({
  name: `${from}-depends-one-way`,
  comment: `@w2v/${from} may import only ${allowed[from].map((p) => `@w2v/${p}`).join(", ") || "no other workspace package"}`,
  severity: "error",
  from: { path: `^packages/${from}/` },
  to: {
    path: `^packages/(${packages.filter((p) => p !== from && !allowed[from].includes(p)).join("|")})/`,
  },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "A file must not import, directly or through others, a file that imports it back.",
      severity: "error",
      from: { path: "^packages/" },
      to: { circular: true },
    },
    ...directionRules,
    {
      name: "resolvable",
      comment:
        "Every import resolves: a workspace package imported without being declared in package.json is an error here too.",
      severity: "error",
      from: { path: "^packages/" },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|build|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      conditionNames: ["@w2v/source", "import", "types", "default"],
      exportsFields: ["exports"],
      extensions: [".ts", ".js", ".json"],
      mainFields: ["module", "main", "types"],
    },
  },
};
