/**
 * A problem with the data a run reads: a missing, corrupt, truncated or mismatching file,
 * or a malformed vocabulary. Its message names the file and says what to do about it.
 */
export class DataError extends Error {
  override name = "DataError";
}
