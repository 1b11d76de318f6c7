import { z } from "zod";
import { ExperimentSchema } from "./experiment-schema.js";

/** JSON Schema of a config file (what editors validate and autocomplete). */
export function experimentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ExperimentSchema, { io: "input", target: "draft-7" }) as Record<
    string,
    unknown
  >;
  const properties = schema.properties as Record<string, unknown>;
  properties.extends = {
    description: "config file(s) this one builds on, relative to this file; deep-merged, this file wins",
    anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }],
  };
  return { ...schema, title: "w2v-lab experiment config" };
}
