import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { experimentJsonSchema } from "./json-schema.js";

describe("experiment JSON Schema", () => {
  it("is committed up to date (run `pnpm --filter @w2v/config schema` after changing a schema)", () => {
    const committed = JSON.parse(
      readFileSync(new URL("../schema/experiment.schema.json", import.meta.url), "utf8"),
    );
    expect(committed).toEqual(experimentJsonSchema());
  });

  it("rejects unknown keys and allows extends", () => {
    const schema = experimentJsonSchema() as {
      additionalProperties: boolean;
      properties: Record<string, unknown>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["name", "seed", "data", "model", "trainer", "logging", "eval", "extends"]),
    );
  });
});
