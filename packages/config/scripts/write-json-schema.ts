// Regenerates the JSON Schemas in schema/ (committed, so editors find them without a build).
import { writeFileSync } from "node:fs";
import { experimentJsonSchema } from "../src/json-schema.js";
import { sweepJsonSchema } from "../src/sweep-schema.js";

for (const [file, schema] of [
  ["experiment.schema.json", experimentJsonSchema()],
  ["sweep.schema.json", sweepJsonSchema()],
] as const) {
  const target = new URL(`../schema/${file}`, import.meta.url);
  writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${target.pathname}`);
}
