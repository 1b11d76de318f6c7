/** Significant digits that always bring a float32 back exactly. */
const FLOAT32_DIGITS = 9;

/**
 * The shortest decimal (at most 9 significant digits) that reads back as the same float32,
 * like numpy's `repr(np.float32(x))` that gensim writes; `inf`, `-inf` and `nan` as Python spells them.
 */
export function formatFloat32(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  // Binary search on the number of significant digits, rounding with arithmetic (toPrecision
  // is several times slower); 9 digits always round-trip. The double nearest a decimal of at
  // most 9 digits prints back as that decimal, without trailing zeros (exponent notation
  // below 1e-6 and from 1e21, which Python and C read too).
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  let low = 1;
  let high = FLOAT32_DIGITS;
  let shortest = Number.NaN;
  while (low < high) {
    const middle = (low + high) >> 1;
    const scale = middle - 1 - exponent;
    const candidate =
      scale >= 0
        ? Math.round(value * 10 ** scale) / 10 ** scale
        : Math.round(value / 10 ** -scale) * 10 ** -scale;
    if (Math.fround(candidate) === value) {
      high = middle;
      shortest = candidate;
    } else {
      low = middle + 1;
    }
  }
  return String(high === FLOAT32_DIGITS ? Number(value.toPrecision(FLOAT32_DIGITS)) : shortest);
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
