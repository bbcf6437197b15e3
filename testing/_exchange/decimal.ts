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
