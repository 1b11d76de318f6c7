/** Significant digits that always bring a float32 back exactly. */
const FLOAT32_DIGITS = 9;

function trimZeros(text: string): string {
  const [mantissa, exponent] = text.split("e");
  const trimmed = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
}

/**
 * The shortest decimal (at most 9 significant digits) that reads back as the same float32,
 * like numpy's `repr(np.float32(x))` that gensim writes; `inf`, `-inf` and `nan` as Python spells them.
 */
export function formatFloat32(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  // Binary search on the precision; the upper end always round-trips, so the result does.
  let low = 1;
  let high = FLOAT32_DIGITS;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (Math.fround(Number(value.toPrecision(middle))) === value) high = middle;
    else low = middle + 1;
  }
  return trimZeros(value.toPrecision(low));
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL: Record<string, number> = {
  inf: Number.POSITIVE_INFINITY,
  infinity: Number.POSITIVE_INFINITY,
  nan: Number.NaN,
};

/** A number as Python's float() reads it (decimal, inf, infinity, nan), or undefined. */
export function parseFloatToken(token: string): number | undefined {
  if (DECIMAL.test(token)) return Number(token);
  const sign = token.startsWith("-") ? -1 : 1;
  const special = SPECIAL[token.replace(/^[+-]/, "").toLowerCase()];
  return special === undefined ? undefined : sign * special;
}
