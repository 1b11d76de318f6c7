/**
 * The HParams plugin: a run's hyperparameters (its flattened config) at session start, its
 * final status at session end, and for a sweep an experiment record that lists the
 * hyperparameters with their domains and the metric tags the table shows.
 */
import { flattenConfig } from "@w2v/config";
import {
  decodeMessage,
  encodeMessage,
  HPARAMS_DATA_TYPE,
  HPARAMS_STATUS,
  HParamsPluginDataType,
  type SummaryValueMessage,
} from "./protos.js";
import { pluginDataValue } from "./summary-values.js";

export type HParamValue = number | string | boolean;
/** Flat hyperparameters: dotted keys (`model.dim`) to numbers, strings or booleans. */
export type HParams = Record<string, HParamValue>;
export type SessionStatus = "UNKNOWN" | "SUCCESS" | "FAILURE" | "RUNNING";

export type HParamDomain = { discrete: HParamValue[] } | { interval: { min: number; max: number } };

export interface HParamInfo {
  name: string;
  type?: "string" | "bool" | "float64";
  domain?: HParamDomain;
  displayName?: string;
  description?: string;
}

export interface MetricInfo {
  /** A scalar tag that each run writes, e.g. `loss/smoothed` or `eval/analogy_accuracy`. */
  tag: string;
  /** Subdirectory of the run holding the tag; "" (default) is the run directory itself. */
  group?: string;
  displayName?: string;
  description?: string;
}

export interface ExperimentInfo {
  name?: string;
  description?: string;
  user?: string;
  timeCreatedSecs?: number;
  hparams: HParamInfo[];
  metrics: MetricInfo[];
}

export interface SessionStartInfo {
  hparams: HParams;
  groupName: string;
  startTimeSecs: number;
}

export interface SessionEndInfo {
  status: SessionStatus;
  endTimeSecs: number;
}

export const PLUGIN_NAME = "hparams";
export const EXPERIMENT_TAG = "_hparams_/experiment";
export const SESSION_START_TAG = "_hparams_/session_start_info";
export const SESSION_END_TAG = "_hparams_/session_end_info";

/**
 * A nested config as HParams: its dotted paths (`flattenConfig`, as sweeps and `exp
 * compare` name fields); arrays become their JSON text (the table shows one value per
 * column); null and undefined are left out.
 */
export function flattenHParams(config: object): HParams {
  const flat: HParams = {};
  for (const [name, value] of Object.entries(flattenConfig(config))) {
    if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
      flat[name] = value;
    } else if (Array.isArray(value)) {
      flat[name] = JSON.stringify(value);
    }
  }
  return flat;
}

const TYPE_OF: Record<string, HParamInfo["type"]> = { number: "float64", string: "string", boolean: "bool" };

function compareValues(a: HParamValue, b: HParamValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * The hyperparameters of a sweep's runs with discrete domains of the values they take, for
 * `writeHParamsExperiment`. A key whose values mix types gets neither a type nor a domain.
 */
export function describeHParams(runs: readonly HParams[]): HParamInfo[] {
  const valuesByName = new Map<string, HParamValue[]>();
  for (const run of runs) {
    for (const [name, value] of Object.entries(run)) {
      const values = valuesByName.get(name) ?? [];
      if (!values.includes(value)) values.push(value);
      valuesByName.set(name, values);
    }
  }
  return [...valuesByName.keys()].sort().map((name) => {
    const values = valuesByName.get(name)!.sort(compareValues);
    const types = new Set(values.map((value) => typeof value));
    if (types.size !== 1) return { name };
    return { name, type: TYPE_OF[[...types][0]], domain: { discrete: values } };
  });
}

type ProtoValue = { numberValue: number } | { stringValue: string } | { boolValue: boolean };

function toProtoValue(value: HParamValue): ProtoValue {
  if (typeof value === "number") return { numberValue: value };
  if (typeof value === "string") return { stringValue: value };
  return { boolValue: value };
}

function fromProtoValue(value: { kind?: string; [kind: string]: unknown }): HParamValue {
  const kind = value.kind;
  if (kind === "numberValue" || kind === "stringValue" || kind === "boolValue") {
    return value[kind] as HParamValue;
  }
  throw new Error(`unsupported HParams value kind ${kind ?? "(none)"}`);
}

function hparamsValue(tag: string, data: object): SummaryValueMessage {
  return pluginDataValue(tag, PLUGIN_NAME, encodeMessage(HParamsPluginDataType, { version: 0, ...data }));
}

export function sessionStartValue(info: SessionStartInfo): SummaryValueMessage {
  const hparams = Object.fromEntries(
    Object.entries(info.hparams).map(([name, value]) => [name, toProtoValue(value)]),
  );
  return hparamsValue(SESSION_START_TAG, {
    sessionStartInfo: { hparams, groupName: info.groupName, startTimeSecs: info.startTimeSecs },
  });
}

export function sessionEndValue(info: SessionEndInfo): SummaryValueMessage {
  return hparamsValue(SESSION_END_TAG, {
    sessionEndInfo: { status: HPARAMS_STATUS.values[`STATUS_${info.status}`], endTimeSecs: info.endTimeSecs },
  });
}

function domainMessage(domain: HParamDomain | undefined): object {
  if (!domain) return {};
  if ("discrete" in domain) return { domainDiscrete: { values: domain.discrete.map(toProtoValue) } };
  return { domainInterval: { minValue: domain.interval.min, maxValue: domain.interval.max } };
}

export function experimentValue(experiment: ExperimentInfo): SummaryValueMessage {
  return hparamsValue(EXPERIMENT_TAG, {
    experiment: {
      name: experiment.name ?? "",
      description: experiment.description ?? "",
      user: experiment.user ?? "",
      timeCreatedSecs: experiment.timeCreatedSecs ?? 0,
      hparamInfos: experiment.hparams.map((info) => ({
        name: info.name,
        displayName: info.displayName ?? "",
        description: info.description ?? "",
        type: HPARAMS_DATA_TYPE.values[`DATA_TYPE_${(info.type ?? "unset").toUpperCase()}`],
        ...domainMessage(info.domain),
      })),
      metricInfos: experiment.metrics.map((metric) => ({
        name: { group: metric.group ?? "", tag: metric.tag },
        displayName: metric.displayName ?? "",
        description: metric.description ?? "",
      })),
    },
  });
}

export type DecodedHParams =
  | { kind: "hparams-session-start"; info: SessionStartInfo }
  | { kind: "hparams-session-end"; info: SessionEndInfo }
  | { kind: "hparams-experiment"; experiment: ExperimentInfo };

// Decoded plugin data (enums as numbers, every field present).
interface PlainListValue {
  values: { kind?: string }[];
}
interface PlainHParamInfo {
  name: string;
  displayName: string;
  description: string;
  type: number;
  domain?: "domainDiscrete" | "domainInterval";
  domainDiscrete?: PlainListValue;
  domainInterval?: { minValue: number; maxValue: number };
}
interface PlainMetricInfo {
  name: { group: string; tag: string } | null;
  displayName: string;
  description: string;
}
interface PlainPluginData {
  data?: "experiment" | "sessionStartInfo" | "sessionEndInfo";
  sessionStartInfo?: { hparams: Record<string, { kind?: string }>; groupName: string; startTimeSecs: number };
  sessionEndInfo?: { status: number; endTimeSecs: number };
  experiment?: {
    name: string;
    description: string;
    user: string;
    timeCreatedSecs: number;
    hparamInfos: PlainHParamInfo[];
    metricInfos: PlainMetricInfo[];
  };
}

function decodeHParamInfo(info: PlainHParamInfo): HParamInfo {
  const decoded: HParamInfo = { name: info.name };
  const type = HPARAMS_DATA_TYPE.valuesById[info.type];
  if (type && type !== "DATA_TYPE_UNSET") {
    decoded.type = type.replace("DATA_TYPE_", "").toLowerCase() as HParamInfo["type"];
  }
  if (info.domain === "domainDiscrete") {
    decoded.domain = { discrete: info.domainDiscrete!.values.map(fromProtoValue) };
  } else if (info.domain === "domainInterval") {
    decoded.domain = { interval: { min: info.domainInterval!.minValue, max: info.domainInterval!.maxValue } };
  }
  if (info.displayName) decoded.displayName = info.displayName;
  if (info.description) decoded.description = info.description;
  return decoded;
}

function decodeMetricInfo(metric: PlainMetricInfo): MetricInfo {
  const decoded: MetricInfo = { tag: metric.name?.tag ?? "", group: metric.name?.group ?? "" };
  if (metric.displayName) decoded.displayName = metric.displayName;
  if (metric.description) decoded.description = metric.description;
  return decoded;
}

/** The plugin content of an HParams summary value as a plain object. */
export function decodeHParams(content: Uint8Array): DecodedHParams {
  const data = decodeMessage<PlainPluginData>(HParamsPluginDataType, content);
  if (data.data === "sessionStartInfo") {
    const start = data.sessionStartInfo!;
    const hparams: HParams = {};
    for (const [name, value] of Object.entries(start.hparams)) hparams[name] = fromProtoValue(value);
    return {
      kind: "hparams-session-start",
      info: { hparams, groupName: start.groupName, startTimeSecs: start.startTimeSecs },
    };
  }
  if (data.data === "sessionEndInfo") {
    const end = data.sessionEndInfo!;
    return {
      kind: "hparams-session-end",
      info: {
        status: (HPARAMS_STATUS.valuesById[end.status] ?? "STATUS_UNKNOWN").replace(
          "STATUS_",
          "",
        ) as SessionStatus,
        endTimeSecs: end.endTimeSecs,
      },
    };
  }
  if (data.data === "experiment") {
    const experiment = data.experiment!;
    return {
      kind: "hparams-experiment",
      experiment: {
        name: experiment.name,
        description: experiment.description,
        user: experiment.user,
        timeCreatedSecs: experiment.timeCreatedSecs,
        hparams: experiment.hparamInfos.map(decodeHParamInfo),
        metrics: experiment.metricInfos.map(decodeMetricInfo),
      },
    };
  }
  throw new Error("HParams plugin data holds no experiment, session start or session end");
}
