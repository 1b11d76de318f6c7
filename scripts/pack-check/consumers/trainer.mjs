// @w2v/trainer: a safetensors round trip (the checkpoint format).
import { decodeSafetensors, encodeSafetensors } from "@w2v/trainer";

const bytes = encodeSafetensors(
  { w: { shape: [2, 2], data: Float32Array.from([1, 2, 3, 4]) } },
  { step: "7" },
);
const decoded = decodeSafetensors(bytes);
const values = [...decoded.tensors.w.data];
if (values.join() !== "1,2,3,4" || decoded.metadata.step !== "7") throw new Error(`decoded ${values}`);
console.log(`-> trainer: safetensors round trip of ${bytes.length} bytes`);
