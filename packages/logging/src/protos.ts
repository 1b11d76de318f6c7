/**
 * The protobuf messages of event files and the projector config, loaded at run time from
 * the `.proto` files shipped in `proto/` (next to `src/` and `dist/`, so the same relative
 * path works for tests and for the build). protobufjs generates the encoders and decoders;
 * `google/protobuf/struct.proto` comes bundled with protobufjs.
 */
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

const protoDir = fileURLToPath(new URL("../proto/tensorboard/", import.meta.url));

const root = protobuf.loadSync([`${protoDir}event.proto`, `${protoDir}hparams.proto`]);

export const EventType = root.lookupType("tensorboard.Event");
export const HParamsPluginDataType = root.lookupType("tensorboard.hparams.HParamsPluginData");

/** Keeps the .proto's snake_case field names: it is only ever written as text format. */
export const ProjectorConfigType = new protobuf.Root()
  .loadSync(`${protoDir}projector_config.proto`, { keepCase: true })
  .lookupType("tensorboard.ProjectorConfig");

/** The .proto enums, for plain objects: `DATA_TYPE.values.DT_STRING`, `SESSION_STATUS.valuesById[1]`. */
export const DATA_TYPE = root.lookupEnum("tensorboard.DataType");
export const DATA_CLASS = root.lookupEnum("tensorboard.DataClass");
export const SESSION_STATUS = root.lookupEnum("tensorboard.SessionLog.SessionStatus");
export const HPARAMS_DATA_TYPE = root.lookupEnum("tensorboard.hparams.DataType");
export const HPARAMS_STATUS = root.lookupEnum("tensorboard.hparams.Status");

/** How decoded messages become plain objects: int64 as numbers, enums as numbers, every field present. */
const toPlainOptions: protobuf.IConversionOptions = { longs: Number, defaults: true, oneofs: true };

/**
 * Encode a plain object straight away (no `fromObject` copy: this runs for every scalar),
 * so enums must be numbers and bytes `Uint8Array`s, as the types below say.
 */
export function encodeMessage(type: protobuf.Type, message: object): Uint8Array {
  return type.encode(message).finish();
}

/** Decode bytes into a plain object (int64 as numbers, enums as numbers, defaults filled in). */
export function decodeMessage<T>(type: protobuf.Type, bytes: Uint8Array): T {
  return type.toObject(type.decode(bytes), toPlainOptions) as T;
}

// Plain-object shapes of the messages (protobufjs camelCase field names; enums as numbers),
// for encoding and as decoded.

export interface TensorShapeMessage {
  dim: { size: number; name?: string }[];
}

export interface TensorMessage {
  /** `DATA_TYPE` value. */
  dtype: number;
  tensorShape?: TensorShapeMessage | null;
  tensorContent?: Uint8Array;
  floatVal?: number[];
  doubleVal?: number[];
  stringVal?: Uint8Array[];
}

export interface HistogramMessage {
  min: number;
  max: number;
  num: number;
  sum: number;
  sumSquares: number;
  bucketLimit: number[];
  bucket: number[];
}

export interface SummaryMetadataMessage {
  pluginData?: { pluginName: string; content?: Uint8Array } | null;
  displayName?: string;
  summaryDescription?: string;
  /** `DATA_CLASS` value. */
  dataClass?: number;
}

export interface SummaryValueMessage {
  tag: string;
  metadata?: SummaryMetadataMessage | null;
  simpleValue?: number;
  histo?: HistogramMessage;
  tensor?: TensorMessage;
}

export type SessionLogStatus = "STATUS_UNSPECIFIED" | "START" | "STOP" | "CHECKPOINT";

export interface SessionLogMessage {
  /** `SESSION_STATUS` value. */
  status: number;
  checkpointPath?: string;
  msg?: string;
}

export interface EventMessage {
  wallTime: number;
  step?: number;
  fileVersion?: string;
  summary?: { value: SummaryValueMessage[] };
  sessionLog?: SessionLogMessage;
}
