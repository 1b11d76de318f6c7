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

/** How decoded messages become plain objects: int64 as numbers, enums by name. */
export const toPlainOptions: protobuf.IConversionOptions = {
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
};

/** Encode a plain object (enums by name or number, int64 as numbers). */
export function encodeMessage(type: protobuf.Type, message: object): Uint8Array {
  return type.encode(type.fromObject(message)).finish();
}

/** Decode bytes into a plain object (see `toPlainOptions`). */
export function decodeMessage<T>(type: protobuf.Type, bytes: Uint8Array): T {
  return type.toObject(type.decode(bytes), toPlainOptions) as T;
}

// Plain-object shapes of the messages (protobufjs camelCase field names), for encoding
// and as decoded with `toPlainOptions`.

export interface TensorShapeMessage {
  dim: { size: number; name?: string }[];
}

export interface TensorMessage {
  dtype: string;
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
  dataClass?: string;
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
  status: SessionLogStatus;
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
