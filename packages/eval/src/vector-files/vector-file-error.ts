/** A vector file that cannot be read: the message names the file and the line or byte. */
export class VectorFileError extends Error {
  override name = "VectorFileError";
  constructor(
    readonly path: string,
    readonly where: { line: number } | { byte: number } | null,
    detail: string,
  ) {
    const place = where === null ? "" : "line" in where ? `line ${where.line}: ` : `byte ${where.byte}: `;
    super(`${path}: ${place}${detail}`);
  }
}
