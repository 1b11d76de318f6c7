// Regenerates schema/experiment.schema.json (committed, so editors find it without a build).
import { writeFileSync } from "node:fs";
import { experimentJsonSchema } from "../src/json-schema.js";

const target = new URL("../schema/experiment.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(experimentJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
