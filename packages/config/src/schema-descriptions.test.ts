import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type SchemaNode = { [key: string]: unknown };

function isNode(value: unknown): value is SchemaNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Dotted paths of every property, at any depth, whose schema has no description. */
function undescribedProperties(node: unknown, path = ""): string[] {
  if (!isNode(node)) return [];
  const missing: string[] = [];
  if (isNode(node.properties)) {
    for (const [name, child] of Object.entries(node.properties)) {
      const at = path ? `${path}.${name}` : name;
      const description = isNode(child) ? child.description : undefined;
      if (typeof description !== "string" || description.trim() === "") missing.push(at);
      missing.push(...undescribedProperties(child, at));
    }
  }
  for (const key of ["anyOf", "oneOf", "allOf", "prefixItems"]) {
    const list = node[key];
    if (Array.isArray(list)) for (const child of list) missing.push(...undescribedProperties(child, path));
  }
  for (const key of ["items", "additionalProperties"]) {
    missing.push(...undescribedProperties(node[key], `${path}[${key === "items" ? "" : "*"}]`));
  }
  for (const key of ["definitions", "$defs"]) {
    if (isNode(node[key])) {
      for (const [name, child] of Object.entries(node[key])) {
        missing.push(...undescribedProperties(child, `#${name}`));
      }
    }
  }
  return missing;
}

function committedSchema(file: string): unknown {
  return JSON.parse(readFileSync(new URL(`../schema/${file}`, import.meta.url), "utf8"));
}

describe("the JSON Schemas document every property (editors show these as hover docs)", () => {
  it.each(["experiment.schema.json", "sweep.schema.json"])("%s", (file) => {
    expect(undescribedProperties(committedSchema(file))).toEqual([]);
  });

  it("the walk finds undescribed properties at any depth, in unions, arrays and maps", () => {
    const schema = {
      properties: {
        a: { description: "ok", properties: { b: { type: "number" } } },
        c: { anyOf: [{ type: "string" }, { properties: { d: {} } }], description: "ok" },
        e: { description: "ok", items: { properties: { f: {} } } },
        g: { description: " ", additionalProperties: { properties: { h: { description: "ok" } } } },
      },
    };
    expect(undescribedProperties(schema)).toEqual(["a.b", "c.d", "e[].f", "g"]);
  });
});
