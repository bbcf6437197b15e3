// Private: the fake exchange's exact decimals. Prices and quantities are integers in units of
// 1e-8 and are only ever formatted as decimal strings, never as floats.

/** Scale of every price and quantity: 8 decimals. */
export const SCALE = 100_000_000n;

/** Formats units of 1e-8 as a decimal string with 8 decimals. */
export function dec(units: bigint | number): string {
  const n = BigInt(units);
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const s = `${abs / SCALE}.${(abs % SCALE).toString().padStart(8, "0")}`;
  return neg ? `-${s}` : s;
}

/** price × quantity, both in 1e-8 units, result in 1e-8 units (truncated). */
export function mul(a: number, b: number): bigint {
  return (BigInt(a) * BigInt(b)) / SCALE;
}

// Bigint-scaled decimals for the matching engine: every amount is a bigint in units of 1e-8
// (SCALE), read from decimal text and written back as decimal text; never a float.

/** The decimal places of a decimal text, or -1 when it is not a plain non-negative decimal. */
export function places(text: string): number {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text);
  return m ? (m[2] ?? "").length : -1;
}

/**
 * Reads a plain non-negative decimal text (`"0.001"`, `"65000"`) as units of 1e-8. Digits
 * beyond the 8th decimal must be zeros; otherwise (or for any other form) `undefined`.
 */
export function parseUnits(text: string): bigint | undefined {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return undefined;
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac.length > 8) return undefined;
  return BigInt(m[1]) * SCALE + BigInt(frac.padEnd(8, "0") || "0");
}

/** a × b for two amounts in units (truncated to units). */
export function mulUnits(a: bigint, b: bigint): bigint {
  return (a * b) / SCALE;
}

/** a ÷ b for two amounts in units (truncated to units); b > 0. */
export function divUnits(a: bigint, b: bigint): bigint {
  return (a * SCALE) / b;
}

/** The smaller of two amounts. */
export function minUnits(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
