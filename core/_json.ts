// Private: JSON text <-> values without silent precision loss.

/**
 * Whether the digits starting at `start` may be an integer token: in JSON a value follows `:`,
 * `,`, `[` or whitespace (or starts the text), after an optional `-`. Digits after anything
 * else (a letter, `"`, `.`, `_`…) are inside a string or a fraction: never an integer.
 */
function mayBeInteger(text: string, start: number): boolean {
  let p = start - 1;
  if (p >= 0 && text.charCodeAt(p) === 45 /* - */) p--;
  if (p < 0) return true;
  const c = text.charCodeAt(p);
  return c === 58 /* : */ || c === 44 /* , */ || c === 91 /* [ */ || c === 32 || c === 10 ||
    c === 13 || c === 9;
}

/** The largest safe integer's digits: a 16-digit integer above them is not safe. */
const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER);

/**
 * Whether `text` may hold an integer token beyond `Number.MAX_SAFE_INTEGER` (2^53 − 1) in
 * magnitude: one of 17 or more digits, or of 16 above `9007199254740991`. A 16-digit time in
 * microseconds (`1732000000123456`) is safe, and takes the plain parse. Any run of 16 digits
 * covers one of the positions 15, 31, 47, …, so only those are looked at first (about 20 times
 * faster than a regular expression on a typical frame), and a digit there is followed up only
 * when the character 8 before or 8 after it is a digit too; a run inside a string (a client
 * order id of digits) does not count unless it could be a token.
 *
 * Hot (every WS API answer): the digit tests are written out, and no index is read outside
 * the text (an out-of-bounds `charCodeAt` would deoptimise the loop).
 */
export function mayHoldUnsafeInteger(text: string): boolean {
  const n = text.length;
  for (let i = 15; i < n; i += 16) {
    // `c` is a character's code minus "0": a digit when 0 to 9 (as unsigned, at most 9).
    let c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) continue;
    // A run of 16 digits or more through `i` reaches `i - 8` (never below 7) or `i + 8`:
    // when neither is a digit, the run is shorter, and is not walked (most runs: decimals,
    // times in ms).
    c = text.charCodeAt(i - 8) - 48;
    if (c < 0 || c > 9) {
      if (i + 8 >= n) continue;
      c = text.charCodeAt(i + 8) - 48;
      if (c < 0 || c > 9) continue;
    }
    let start = i;
    let end = i;
    while (start > 0) {
      c = text.charCodeAt(start - 1) - 48;
      if (c < 0 || c > 9) break;
      start--;
    }
    while (end + 1 < n) {
      c = text.charCodeAt(end + 1) - 48;
      if (c < 0 || c > 9) break;
      end++;
    }
    const digits = end - start + 1;
    if (
      digits >= 16 && mayBeInteger(text, start) &&
      (digits > 16 || text.slice(start, end + 1) > MAX_SAFE_DIGITS)
    ) return true;
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
  if (!mayHoldUnsafeInteger(text)) return JSON.parse(text);
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
