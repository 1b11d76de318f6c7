import { closest, distance } from "fastest-levenshtein";
import type { z } from "zod";
import type { ConfigIssue, SourceLocation } from "./config-error.js";
import type { Origins } from "./yaml-source.js";

type AnySchema = z.ZodType;
interface SchemaDef {
  type: string;
  innerType?: AnySchema;
  shape?: Record<string, AnySchema>;
}

function defOf(schema: AnySchema | undefined): SchemaDef | undefined {
  return (schema as unknown as { _zod?: { def: SchemaDef } } | undefined)?._zod?.def;
}

function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  let current = schema;
  while (defOf(current)?.innerType) current = defOf(current)!.innerType;
  return current;
}

/** The field names an object schema accepts at `path`, for "did you mean" hints. */
export function knownKeysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  let current = unwrap(schema);
  for (const key of path) {
    const shape = defOf(current)?.shape;
    if (!shape) return [];
    current = unwrap(shape[String(key)]);
  }
  return Object.keys(defOf(current)?.shape ?? {});
}

export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, candidates as string[]);
  return distance(word.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(word.length / 3))
    ? best
    : undefined;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[String(key)];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a section (mapping)";
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

const TYPE_NAMES: Record<string, string> = {
  int: "an integer",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  object: "a section (mapping)",
  array: "a list",
};

/** Zod 4 issue shape, as far as messages need it. */
interface RawIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  keys?: string[];
  values?: unknown[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  /** What a size bound applies to: "number", "array", "string", ... */
  origin?: string;
  errors?: RawIssue[][];
}

/** A size bound on a list or a string: its length, not its value, is what is wrong. */
function lengthMessage(raw: RawIssue, value: unknown): string | undefined {
  if (!Array.isArray(value) && typeof value !== "string") return undefined;
  const bound = Number(raw.code === "too_small" ? raw.minimum : raw.maximum);
  const unit = (typeof value === "string" ? "character" : "value") + (bound === 1 ? "" : "s");
  const found = Array.isArray(value) && value.length === 0 ? "an empty list" : `${value.length}`;
  return `expected ${raw.code === "too_small" ? "at least" : "at most"} ${bound} ${unit}, found ${found}`;
}

function expectedText(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return TYPE_NAMES[issue.expected ?? ""] ?? issue.expected;
    case "invalid_value":
      return (issue.values ?? []).map((v) => JSON.stringify(v)).join(" | ");
    case "invalid_union":
      return [...new Set((issue.errors ?? []).flat().map(expectedText).filter(Boolean))].join(" or ");
    default:
      return undefined;
  }
}

function lookup(map: Map<string, SourceLocation>, path: readonly PropertyKey[]): SourceLocation | undefined {
  for (let n = path.length; n >= 0; n--) {
    const found = map.get(path.slice(0, n).map(String).join("."));
    if (found) return found;
  }
  return undefined;
}

/** Turn zod's issues into messages naming the field, what was expected and what was found. */
export function toConfigIssues(
  error: z.ZodError,
  schema: AnySchema,
  input: unknown,
  origins: Origins,
  fallback: SourceLocation,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const raw of error.issues as unknown as RawIssue[]) {
    if (raw.code === "unrecognized_keys") {
      const known = knownKeysAt(schema, raw.path);
      for (const key of raw.keys ?? []) {
        const fieldPath = [...raw.path, key];
        const hint = suggest(key, known);
        issues.push({
          location: lookup(origins.keys, fieldPath) ?? fallback,
          path: fieldPath.map(String).join("."),
          message: `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}; expected one of: ${known.join(", ")}`,
        });
      }
      continue;
    }
    const found = describe(valueAt(input, raw.path));
    let message: string;
    const sized = raw.code === "too_small" || raw.code === "too_big";
    const length =
      sized && raw.origin !== "number" ? lengthMessage(raw, valueAt(input, raw.path)) : undefined;
    if (length) message = length;
    else if (sized) {
      const bound = raw.code === "too_small" ? raw.minimum : raw.maximum;
      const op = raw.code === "too_small" ? (raw.inclusive ? ">=" : ">") : raw.inclusive ? "<=" : "<";
      message = `expected a value ${op} ${bound}, found ${found}`;
    } else {
      const expected = expectedText(raw);
      message = expected ? `expected ${expected}, found ${found}` : `${raw.message}, found ${found}`;
      const value = valueAt(input, raw.path);
      if (raw.code === "invalid_value" && typeof value === "string") {
        const hint = suggest(value, (raw.values ?? []).map(String));
        if (hint) message += ` (did you mean "${hint}"?)`;
      }
    }
    issues.push({
      location: lookup(origins.values, raw.path) ?? fallback,
      path: raw.path.map(String).join("."),
      message,
    });
  }
  return issues;
}
