import { ConfigError, type LoadedConfig, loadConfig, loadSweepFile, type ResolvedConfig } from "@w2v/config";

const loaded: LoadedConfig = loadConfig("x.yaml");
const config: ResolvedConfig = loaded.config;
const dim: number = config.model.dim;
const sweep = (file: string) => loadSweepFile(file);
export const used = [dim, sweep, ConfigError];
