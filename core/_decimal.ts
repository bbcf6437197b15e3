// Private: exact decimal arithmetic on decimal strings, by bigint scaling. No float ever
// touches a price or a quantity here; `order_filters.ts` reads the filters with it.

/** A decimal as `units / 10^scale`. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Reads a decimal string (`"0.01000000"`, `"-1.5"`, `"10"`) or a safe integer.
 *
 * @throws {RangeError} when the value is not a plain decimal.
 */
export function parseDecimal(value: string | number): Decimal {
  const text = typeof value === "number" ? String(value) : value;
  const m = DECIMAL.exec(text);
  if (!m || (typeof value === "number" && !Number.isSafeInteger(value))) {
    throw new RangeError(`Cannot read ${JSON.stringify(text)} as a decimal`);
  }
  const fraction = m[3] ?? "";
  const units = BigInt(m[2] + fraction);
  return { units: m[1] === "-" ? -units : units, scale: fraction.length };
}

function rescale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

/** `a` and `b` on one scale. */
function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [rescale(a, scale), rescale(b, scale), scale];
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`. */
export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `a * b`, exact. */
export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** Whether `value` is a whole multiple of `step` (a zero step divides everything). */
export function isMultiple(value: Decimal, step: Decimal): boolean {
  const [x, y] = aligned(value, step);
  return y === 0n || x % y === 0n;
}

/** `ceil(a / b)` for positive `a` and `b`. */
export function ceilDiv(a: Decimal, b: Decimal): bigint {
  const [x, y] = aligned(a, b);
  return (x + y - 1n) / y;
}

/** Whether the decimal is zero. */
export function isZero(d: Decimal): boolean {
  return d.units === 0n;
}

/** The decimal as a plain string, e.g. `"0.5"` (trailing zeros kept to its scale). */
export function formatDecimal(d: Decimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, "0");
  const whole = digits.slice(0, digits.length - d.scale);
  const fraction = d.scale > 0 ? `.${digits.slice(digits.length - d.scale)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}
