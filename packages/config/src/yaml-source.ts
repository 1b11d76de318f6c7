import { readFileSync } from "node:fs";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { ConfigError, type SourceLocation } from "./config-error.js";

/** Positions of every value (and key) in a config source, by dotted path. */
export interface Origins {
  values: Map<string, SourceLocation>;
  keys: Map<string, SourceLocation>;
}

export function emptyOrigins(): Origins {
  return { values: new Map(), keys: new Map() };
}

export interface YamlSource {
  file: string;
  value: Record<string, unknown>;
  origins: Origins;
}

function recordOrigins(
  node: Node | null,
  path: string[],
  file: string,
  lines: LineCounter,
  origins: Origins,
) {
  if (!node) return;
  const at = (offset: number): SourceLocation => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  if (node.range) origins.values.set(path.join("."), at(node.range[0]));
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const childPath = [...path, key];
      if (isScalar(pair.key) && pair.key.range) origins.keys.set(childPath.join("."), at(pair.key.range[0]));
      recordOrigins(pair.value as Node | null, childPath, file, lines, origins);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      recordOrigins(item as Node, [...path, String(index)], file, lines, origins);
    });
  }
}

/** Aliases (`*name`) a config may expand; a config needs few, an alias bomb needs millions. */
const MAX_ALIAS_COUNT = 100;

/** Read one YAML config file; a syntax error names the file, line and column. */
export function readYamlSource(file: string): YamlSource {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : String(error);
    throw new ConfigError([{ location: { file }, path: "", message: reason }]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((error) => {
        const pos = lines.linePos(error.pos[0]);
        return {
          location: { file, line: pos.line, column: pos.col },
          path: "",
          message: `YAML syntax error: ${error.message.split("\n")[0]}`,
        };
      }),
    );
  }
  let value: unknown;
  try {
    // The yaml library refuses documents whose aliases expand excessively ("billion laughs").
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    throw new ConfigError([
      {
        location: { file },
        path: "",
        message: `YAML cannot be expanded: ${(error as Error).message} (more than ${MAX_ALIAS_COUNT} alias expansions)`,
      },
    ]);
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError([
      { location: { file, line: 1, column: 1 }, path: "", message: "expected a mapping of config sections" },
    ]);
  }
  const origins = emptyOrigins();
  recordOrigins(doc.contents, [], file, lines, origins);
  return { file, value: value as Record<string, unknown>, origins };
}
