/**
 * One Event record as a plain object: its step and wall time, the file version or session
 * log it carries, and its summary values decoded by kind (scalar, histogram, text, HParams).
 */
import { type DecodedHParams, decodeHParams, PLUGIN_NAME as HPARAMS_PLUGIN } from "./hparams.js";
import {
  DATA_TYPE,
  decodeMessage,
  type EventMessage,
  EventType,
  type HistogramMessage,
  SESSION_STATUS,
  type SessionLogStatus,
  type SummaryValueMessage,
  type TensorMessage,
} from "./protos.js";

export type LoggedValue = { tag: string } & (
  | { kind: "scalar"; value: number }
  | { kind: "histogram"; histogram: HistogramMessage }
  | { kind: "text"; text: string }
  | DecodedHParams
  /** A value this reader does not decode (images, audio, other plugins). */
  | { kind: "other"; pluginName: string }
);

export interface LoggedEvent {
  wallTime: number;
  step: number;
  /** Set on a file's first record (`brain.Event:2`). */
  fileVersion?: string;
  sessionLog?: SessionLogStatus;
  values: LoggedValue[];
}

const utf8 = new TextDecoder();

/** A tensor's first number: TensorFlow 2 writes scalars as rank-0 tensors of the `scalars` plugin. */
function tensorNumber(tensor: TensorMessage): number | undefined {
  if (tensor.floatVal?.length) return tensor.floatVal[0];
  if (tensor.doubleVal?.length) return tensor.doubleVal[0];
  const content = tensor.tensorContent;
  if (!content?.length) return undefined;
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  if (tensor.dtype === DATA_TYPE.values.DT_FLOAT && content.length >= 4) return view.getFloat32(0, true);
  if (tensor.dtype === DATA_TYPE.values.DT_DOUBLE && content.length >= 8) return view.getFloat64(0, true);
  return undefined;
}

function decodeValue(value: SummaryValueMessage): LoggedValue {
  const { tag } = value;
  if (value.simpleValue !== undefined) return { tag, kind: "scalar", value: value.simpleValue };
  if (value.histo) return { tag, kind: "histogram", histogram: value.histo };
  const pluginName = value.metadata?.pluginData?.pluginName ?? "";
  const tensor = value.tensor;
  if (pluginName === "text" && tensor?.stringVal) {
    return { tag, kind: "text", text: tensor.stringVal.map((bytes) => utf8.decode(bytes)).join("\n") };
  }
  if (pluginName === HPARAMS_PLUGIN) {
    return { tag, ...decodeHParams(value.metadata?.pluginData?.content ?? new Uint8Array()) };
  }
  if (pluginName === "scalars" && tensor) {
    const number = tensorNumber(tensor);
    if (number !== undefined) return { tag, kind: "scalar", value: number };
  }
  return { tag, kind: "other", pluginName };
}

/** Decode one record's bytes; throws if they are not a valid Event. */
export function decodeEvent(data: Uint8Array): LoggedEvent {
  const event = decodeMessage<EventMessage>(EventType, data);
  const logged: LoggedEvent = {
    wallTime: event.wallTime,
    step: event.step ?? 0,
    values: event.summary ? event.summary.value.map(decodeValue) : [],
  };
  if (event.fileVersion !== undefined) logged.fileVersion = event.fileVersion;
  if (event.sessionLog) {
    logged.sessionLog = (SESSION_STATUS.valuesById[event.sessionLog.status] ??
      "STATUS_UNSPECIFIED") as SessionLogStatus;
  }
  return logged;
}
