/**
 * The `@w2v/config/objects` entry: plain-object helpers without the schemas, for tools that
 * read run files and must start fast (loading zod and the schemas takes a while).
 */
export { deepMerge, isPlainObject } from "./deep-merge.js";
export { flattenConfig } from "./flatten-config.js";
