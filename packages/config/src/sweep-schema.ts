import { basename, extname } from "node:path";
import { z } from "zod";
import { ConfigError, type ConfigIssue, type SourceLocation } from "./config-error.js";
import { ExperimentSchema, RUN_NAME_PATTERN } from "./experiment-schema.js";
import { type Origins, readYamlSource } from "./yaml-source.js";
import { knownKeysAt, suggest, toConfigIssues } from "./zod-issues.js";

/** Swept fields are named by `--set`-style dotted paths, e.g. `trainer.lr`. */
const ParamValues = z.array(z.unknown()).min(1).describe("the values this field takes");
const ParamMap = z.record(z.string(), ParamValues);

/** One random parameter: exactly one of these keys (checked after parsing, for a clear message). */
export const DistributionSchema = z
  .object({
    choice: z.array(z.unknown()).min(1).optional().describe("pick one of these values, uniformly"),
    uniform: z.tuple([z.number(), z.number()]).optional().describe("[low, high): uniform real"),
    logUniform: z
      .tuple([z.number().positive(), z.number().positive()])
      .optional()
      .describe("[low, high): real whose logarithm is uniform (learning rates)"),
    int: z.tuple([z.int(), z.int()]).optional().describe("[low, high]: uniform integer, both ends included"),
  })
  .strict();

export type Distribution = z.output<typeof DistributionSchema>;
export const DISTRIBUTION_KINDS = ["choice", "uniform", "logUniform", "int"] as const;

export const SweepSchema = z
  .object({
    name: z
      .string()
      .regex(RUN_NAME_PATTERN, "letters, digits and . _ = , + - (experiments/<name>/)")
      .optional()
      .describe("sweep name: trials go to experiments/<name>/<trial>/ (default: the file name)"),
    description: z.string().optional().describe("shown in TensorBoard's HParams dashboard"),
    base: z
      .union([z.string().min(1), z.record(z.string(), z.unknown())])
      .describe("the experiment config every trial starts from: a path relative to this file, or inline"),
    set: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("fields set the same way in every trial, e.g. trainer.epochs: 1"),
    grid: ParamMap.default({}).describe("every combination of these lists is a trial"),
    zip: z
      .array(ParamMap)
      .default([])
      .describe("groups of equally long lists varied together (not crossed); groups cross the grid"),
    random: z
      .object({
        samples: z.int().min(1).describe("how many random points to draw"),
        seed: z.int().min(0).default(0).describe("seed of the draws (same seed, same trials)"),
        parameters: z
          .record(z.string(), DistributionSchema)
          .describe("dotted config field (e.g. trainer.lr) -> the distribution its values are drawn from"),
      })
      .strict()
      .optional()
      .describe("random search: N points drawn from these distributions, crossed with the grid"),
    repeat: z.int().min(1).default(1).describe("run every point with K seeds (the base seed, +1, ..., +K-1)"),
  })
  .strict();

export type SweepFile = z.output<typeof SweepSchema>;
export type SweepFileInput = z.input<typeof SweepSchema>;

export interface LoadedSweep {
  sweep: SweepFile;
  /** The sweep's name: its `name`, else the file name without extension. */
  name: string;
  file: string;
  /** Where each value sits in the sweep file, by dotted path (`grid.model.loss.1`). */
  origins: Origins;
}

/** Where a swept path comes from in the sweep file, e.g. "grid", "zip.0", "random.parameters". */
function sweptSections(sweep: SweepFile): { section: string; paths: string[] }[] {
  return [
    { section: "set", paths: Object.keys(sweep.set) },
    { section: "grid", paths: Object.keys(sweep.grid) },
    ...sweep.zip.map((group, index) => ({ section: `zip.${index}`, paths: Object.keys(group) })),
    { section: "random.parameters", paths: Object.keys(sweep.random?.parameters ?? {}) },
  ];
}

/** An unknown field in a swept path gets the same "did you mean" as a config file. */
function checkConfigPath(path: string): string | undefined {
  const parts = path.split(".");
  if (parts.some((part) => part === "")) return `"${path}" is not a dotted field path like trainer.lr`;
  for (let i = 0; i < parts.length; i++) {
    const known = knownKeysAt(ExperimentSchema, parts.slice(0, i));
    // An empty list means a leaf (or a union): loadConfig reports what goes wrong past it.
    if (known.length === 0) return undefined;
    if (!known.includes(parts[i])) {
      const hint = suggest(parts[i], known);
      const at = i === 0 ? "" : ` in ${parts.slice(0, i).join(".")}`;
      return `unknown field "${parts[i]}"${at}${hint ? ` (did you mean "${hint}"?)` : ""}; expected one of: ${known.join(", ")}`;
    }
  }
  return undefined;
}

function rangeProblem(kind: string, [low, high]: [number, number]): string | undefined {
  if (kind === "int" ? low > high : low >= high) {
    return `expected [low, high] with low ${kind === "int" ? "<=" : "<"} high, found [${low}, ${high}]`;
  }
  return undefined;
}

/** Checks zod cannot express: known field paths, each path swept once, zip lengths, ranges. */
function semanticIssues(sweep: SweepFile, origins: Origins, file: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const at = (path: string, map: "keys" | "values" = "values"): SourceLocation =>
    origins[map].get(path) ?? origins.values.get(path) ?? { file };
  const seen = new Map<string, string>();
  for (const { section, paths } of sweptSections(sweep)) {
    for (const path of paths) {
      const where = `${section}.${path}`;
      const problem = checkConfigPath(path);
      if (problem) issues.push({ location: at(where, "keys"), path: where, message: problem });
      const first = seen.get(path);
      if (first) {
        issues.push({
          location: at(where, "keys"),
          path: where,
          message: `${path} is already swept in ${first}; a field can be varied in one place only`,
        });
      } else seen.set(path, section);
    }
  }
  if (sweep.repeat > 1 && seen.has("seed")) {
    issues.push({
      location: at("repeat"),
      path: "repeat",
      message: `repeat sets the seed of each trial, but seed is also swept in ${seen.get("seed")}`,
    });
  }
  sweep.zip.forEach((group, index) => {
    const lengths = Object.entries(group).map(([path, values]) => `${path} has ${values.length}`);
    if (new Set(Object.values(group).map((values) => values.length)).size > 1) {
      issues.push({
        location: at(`zip.${index}`),
        path: `zip.${index}`,
        message: `the lists of a zip group are varied together, so they must be equally long: ${lengths.join(", ")}`,
      });
    }
  });
  for (const [path, distribution] of Object.entries(sweep.random?.parameters ?? {})) {
    const where = `random.parameters.${path}`;
    const kinds = DISTRIBUTION_KINDS.filter((kind) => distribution[kind] !== undefined);
    if (kinds.length !== 1) {
      issues.push({
        location: at(where),
        path: where,
        message: `expected exactly one of ${DISTRIBUTION_KINDS.join(", ")}, found ${kinds.length === 0 ? "none" : kinds.join(" and ")}`,
      });
      continue;
    }
    const kind = kinds[0];
    if (kind !== "choice") {
      const problem = rangeProblem(kind, distribution[kind] as [number, number]);
      if (problem)
        issues.push({ location: at(`${where}.${kind}`), path: `${where}.${kind}`, message: problem });
    }
  }
  return issues;
}

/** Read and validate a sweep file; errors name the file, line, column and dotted field. */
export function loadSweepFile(file: string): LoadedSweep {
  const source = readYamlSource(file);
  const result = SweepSchema.safeParse(source.value);
  if (!result.success) {
    throw new ConfigError(toConfigIssues(result.error, SweepSchema, source.value, source.origins, { file }));
  }
  const issues = semanticIssues(result.data, source.origins, file);
  if (issues.length > 0) throw new ConfigError(issues);
  const name = result.data.name ?? basename(file, extname(file));
  if (!RUN_NAME_PATTERN.test(name)) {
    throw new ConfigError([
      {
        location: { file },
        path: "name",
        message: `the file name "${name}" cannot name experiments/<name>/: give a name of letters, digits and . _ = , + -`,
      },
    ]);
  }
  return { sweep: result.data, name, file, origins: source.origins };
}

/** JSON Schema of a sweep file (what editors validate and autocomplete). */
export function sweepJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(SweepSchema, { io: "input", target: "draft-7" }) as Record<string, unknown>;
  const properties = schema.properties as Record<string, { description?: string }>;
  // An inline base is an experiment config: editors check it against that schema (next to this one).
  properties.base = {
    description: properties.base.description,
    anyOf: [{ type: "string", minLength: 1 }, { $ref: "experiment.schema.json" }],
  } as typeof properties.base;
  return { ...schema, title: "w2v-lab sweep" };
}
