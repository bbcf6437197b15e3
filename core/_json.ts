// Private: JSON text <-> values without silent precision loss.

/** Integers with 16 or more digits may be above 2^53; only then is the slow path taken. */
const LONG_DIGITS = /\d{16}/;

function keepLongIntegers(
  this: unknown,
  _key: string,
  value: unknown,
  context?: { source?: string },
): unknown {
  if (
    typeof value === "number" && !Number.isSafeInteger(value) && context?.source !== undefined &&
    /^-?\d+$/.test(context.source)
  ) {
    return BigInt(context.source);
  }
  return value;
}

/**
 * Parses a JSON frame. Integers beyond `Number.MAX_SAFE_INTEGER` become `bigint`s with
 * their exact digits, so no id ever loses precision silently.
 *
 * @throws {SyntaxError} when the text is not JSON.
 */
export function parseJson(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  // deno-lint-ignore no-explicit-any
  return JSON.parse(text, keepLongIntegers as any);
}

/** Serialises a request; `bigint`s are written as their exact digits. */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    const raw = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;
    return JSON.stringify(value, (_key, v) => typeof v === "bigint" ? raw(v.toString()) : v);
  }
}
