// @w2v/config as a registry user calls it: load a YAML config, read the sweep schema export.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadConfig } from "@w2v/config";

writeFileSync("x.yaml", "name: x\nmodel: { dim: 16 }\n");
const { config } = loadConfig("x.yaml", { overrides: ["trainer.epochs=2"] });
if (config.model.dim !== 16 || config.trainer.epochs !== 2) throw new Error("config not applied");
const require = createRequire(import.meta.url);
for (const schema of ["experiment", "sweep"]) {
  const json = JSON.parse(readFileSync(require.resolve(`@w2v/config/${schema}.schema.json`), "utf8"));
  if (typeof json.properties !== "object") throw new Error(`${schema}.schema.json has no properties`);
}
console.log(`-> config: dim ${config.model.dim}, epochs ${config.trainer.epochs}; both JSON Schemas export`);
