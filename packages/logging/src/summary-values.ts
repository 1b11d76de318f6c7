/**
 * `Summary.Value`s as TensorBoard's plugins expect them: scalars as `simple_value`,
 * histograms as `histo`, text as a DT_STRING tensor of the `text` plugin, and plugin data
 * (HParams) carried by an empty DT_FLOAT tensor of shape [0].
 */
import { DATA_CLASS, DATA_TYPE, type HistogramMessage, type SummaryValueMessage } from "./protos.js";

const utf8 = new TextEncoder();

/** Scalars are stored as float32, as TensorBoard's `simple_value` is. */
export function scalarValue(tag: string, value: number): SummaryValueMessage {
  return { tag, simpleValue: value };
}

export function histogramValue(tag: string, histogram: HistogramMessage): SummaryValueMessage {
  return { tag, histo: histogram };
}

/** Markdown text, rendered by TensorBoard's Text dashboard. */
export function textValue(tag: string, markdown: string): SummaryValueMessage {
  return {
    tag,
    metadata: { pluginData: { pluginName: "text" }, dataClass: DATA_CLASS.values.DATA_CLASS_TENSOR },
    tensor: {
      dtype: DATA_TYPE.values.DT_STRING,
      tensorShape: { dim: [] },
      stringVal: [utf8.encode(markdown)],
    },
  };
}

/** A value whose payload is the plugin's serialized content, as the HParams plugin writes them. */
export function pluginDataValue(tag: string, pluginName: string, content: Uint8Array): SummaryValueMessage {
  return {
    tag,
    metadata: { pluginData: { pluginName, content }, dataClass: DATA_CLASS.values.DATA_CLASS_TENSOR },
    tensor: { dtype: DATA_TYPE.values.DT_FLOAT, tensorShape: { dim: [{ size: 0 }] } },
  };
}
