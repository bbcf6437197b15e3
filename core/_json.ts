// Private: JSON text <-> values without silent precision loss.

const ZERO = 48;
const NINE = 57;

function isDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= ZERO && c <= NINE;
}

/**
 * Whether `text` holds a run of 16 or more digits: only such a number can be above 2^53.
 * Any run of 16 covers one of the positions 15, 31, 47, …, so only those are looked at
 * first (about 20 times faster than a regular expression on a typical frame).
 */
export function hasLongDigitRun(text: string): boolean {
  for (let i = 15; i < text.length; i += 16) {
    if (!isDigit(text, i)) continue;
    let start = i;
    let end = i;
    while (start > 0 && isDigit(text, start - 1)) start--;
    while (end < text.length - 1 && isDigit(text, end + 1)) end++;
    if (end - start >= 15) return true;
    i = end;
  }
  return false;
}

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
  if (!hasLongDigitRun(text)) return JSON.parse(text);
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
