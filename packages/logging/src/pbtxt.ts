/**
 * Protobuf text format (what `projector_config.pbtxt` holds), which protobufjs does not
 * write: fields in number order, proto3 defaults left out, strings C-escaped as ASCII.
 */
import protobuf from "protobufjs";

function quote(text: string): string {
  let quoted = '"';
  for (const byte of Buffer.from(text, "utf8")) {
    if (byte === 0x22) quoted += '\\"';
    else if (byte === 0x5c) quoted += "\\\\";
    else if (byte === 0x0a) quoted += "\\n";
    else if (byte >= 0x20 && byte < 0x7f) quoted += String.fromCharCode(byte);
    else quoted += `\\${byte.toString(8).padStart(3, "0")}`;
  }
  return `${quoted}"`;
}

/** `message`, a plain object keyed by the .proto's own (snake_case) field names, in text format. */
export function toTextFormat(type: protobuf.Type, message: Record<string, unknown>, indent = ""): string {
  let text = "";
  for (const field of [...type.fieldsArray].sort((a, b) => a.id - b.id)) {
    const value = message[field.name];
    const values = field.repeated ? ((value as unknown[] | undefined) ?? []) : [value];
    field.resolve();
    for (const item of values) {
      if (item === undefined || item === null) continue;
      if (!field.repeated && (item === "" || item === 0 || item === false)) continue;
      if (field.resolvedType instanceof protobuf.Type) {
        const body = toTextFormat(field.resolvedType, item as Record<string, unknown>, `${indent}  `);
        text += `${indent}${field.name} {\n${body}${indent}}\n`;
      } else {
        text += `${indent}${field.name}: ${typeof item === "string" ? quote(item) : String(item)}\n`;
      }
    }
  }
  return text;
}
