/**
 * The safetensors format (readable from Python's `safetensors.numpy.load_file`): an
 * 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and
 * byte range, then the raw little-endian data. Written by hand because npm has no
 * maintained implementation and the format is this small; only F32 is needed here.
 */
import { readFileSync } from "node:fs";

export interface Tensor {
  shape: number[];
  data: Float32Array;
}

export function encodeSafetensors(
  tensors: Record<string, Tensor>,
  metadata: Record<string, string> = {},
): Buffer {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, tensor] of Object.entries(tensors)) {
    const expected = tensor.shape.reduce((a, b) => a * b, 1);
    if (expected !== tensor.data.length) {
      throw new Error(
        `tensor ${name}: shape [${tensor.shape}] needs ${expected} values, has ${tensor.data.length}`,
      );
    }
    header[name] = {
      dtype: "F32",
      shape: tensor.shape,
      data_offsets: [offset, offset + tensor.data.byteLength],
    };
    offset += tensor.data.byteLength;
  }
  // The header is padded with spaces to a multiple of 8 so the data stays aligned.
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const headerBytes = Buffer.from(json, "utf8");
  const out = Buffer.alloc(8 + headerBytes.length + offset);
  out.writeBigUInt64LE(BigInt(headerBytes.length), 0);
  headerBytes.copy(out, 8);
  let position = 8 + headerBytes.length;
  for (const tensor of Object.values(tensors)) {
    Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength).copy(out, position);
    position += tensor.data.byteLength;
  }
  return out;
}

export interface Safetensors {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

export function decodeSafetensors(bytes: Uint8Array, label = "safetensors data"): Safetensors {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < 8) throw new Error(`${label}: too short for a safetensors header`);
  const headerLength = Number(view.readBigUInt64LE(0));
  if (8 + headerLength > view.length)
    throw new Error(`${label}: header length ${headerLength} exceeds the file`);
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  try {
    header = JSON.parse(view.subarray(8, 8 + headerLength).toString("utf8"));
  } catch {
    throw new Error(`${label}: the header is not valid JSON`);
  }
  const dataStart = 8 + headerLength;
  const tensors: Record<string, Tensor> = {};
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === "__metadata__") {
      metadata = entry as unknown as Record<string, string>;
      continue;
    }
    if (entry.dtype !== "F32")
      throw new Error(`${label}: tensor ${name} has dtype ${entry.dtype}; only F32 is supported`);
    const [begin, end] = entry.data_offsets;
    if (dataStart + end > view.length || begin > end)
      throw new Error(`${label}: tensor ${name} lies outside the file`);
    // Copy, so the tensor is aligned and independent of the file buffer.
    const data = new Float32Array((end - begin) / 4);
    Buffer.from(data.buffer).set(view.subarray(dataStart + begin, dataStart + end));
    tensors[name] = { shape: entry.shape, data };
  }
  return { tensors, metadata };
}

export function readSafetensors(path: string): Safetensors {
  return decodeSafetensors(readFileSync(path), path);
}
