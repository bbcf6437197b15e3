// Private: the request-param atoms (WebSocket API methods and market streams), one rule in
// one place each, and the translation of zod issues into `ValidationError`.
import { z } from "zod";
import { ValidationError, type ValidationIssue } from "./errors.ts";
import { FAIL, fastParse, fastRefinement, isDecimalText, setFastTest } from "./_fast_schema.ts";
import type { DepthSpeed, KlineInterval, StreamWindowSize } from "./types.ts";

// ---- Symbols ----------------------------------------------------------------------------

/**
 * The symbol rule, written once. A symbol is 1–20 letters or digits of any script (Binance
 * lists non-ASCII symbols such as `"１２３４５６"`, CHANGELOG 2025-12), or the `"_"`, `"."` and
 * `"-"` of Binance's legal range `^[A-Z0-9-_.]{1,20}$`; nothing else: no space of any kind,
 * no control or format character (U+0080–U+009F, zero-width spaces, the BOM), no lone
 * surrogate. Lengths count code points.
 */
const SYMBOL = /^[\p{L}\p{N}_.\-]{1,20}$/u;
/** One allowed character. */
const SYMBOL_CHAR = /^[\p{L}\p{N}_.\-]$/u;
/** A letter that has case but is not upper case (lower or title case); caseless scripts pass. */
const NOT_UPPER = /[\p{Ll}\p{Lt}]/u;

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The common case, checked first: `/^[A-Z0-9_.\-]{1,20}$/` (ASCII upper case, digits and "_",
 * ".", "-": a subset of SYMBOL), by hand (the hot path: no regex run).
 */
function isAsciiUpperSymbol(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 20) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // A-Z, 0-9, "_", ".", "-"
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45)) {
      return false;
    }
  }
  return true;
}

/** What is wrong with `s` as a symbol, or `undefined` when nothing is. */
function symbolProblem(s: string, upperCase: boolean): string | undefined {
  if (isAsciiUpperSymbol(s)) return undefined;
  if (SYMBOL.test(s)) {
    return upperCase && NOT_UPPER.test(s) ? 'must be upper case, such as "BTCUSDT"' : undefined;
  }
  for (const ch of s) {
    if (!SYMBOL_CHAR.test(ch)) {
      return `cannot contain ${codePoint(ch)}: a symbol is letters and digits ` +
        '(and "_", ".", "-"), such as "BTCUSDT"';
    }
  }
  return 'must be 1 to 20 characters long, such as "BTCUSDT"';
}

function symbolRule(upperCase: boolean): z.ZodString {
  const rule = z.string().check((ctx) => {
    const problem = symbolProblem(ctx.value, upperCase);
    if (problem !== undefined) {
      ctx.issues.push({ code: "custom", message: problem, input: ctx.value });
    }
  });
  // The same rule for the compiled path: a string with no problem (ASCII upper case first).
  setFastTest(
    rule,
    (v) =>
      typeof v === "string" && (isAsciiUpperSymbol(v) || symbolProblem(v, upperCase) === undefined),
  );
  return rule;
}

/**
 * A symbol as the WebSocket API takes it: upper case (letters that have case), e.g.
 * `"BTCUSDT"` or `"１２３４５６"`.
 */
export const symbol: z.ZodString = symbolRule(true);

/** A symbol as the market streams take it: either case (sent lower-case). */
export const streamSymbol: z.ZodString = symbolRule(false);

/** A list of symbols, at least one, no duplicates. */
export function symbolList(max: number): z.ZodType<string[]> {
  return z.array(symbol).min(1, { error: "must name at least one symbol" }).max(max, {
    error: `must name at most ${max} symbols`,
  }).refine((list) => new Set(list).size === list.length, { error: "must not repeat a symbol" });
}

// ---- Numbers and decimals ---------------------------------------------------------------

/**
 * An integer in [min, max]. An integer here, in `_model.ts` and in `_check.ts` is always
 * one a JS number holds exactly (a safe integer): zod's `int()` refuses anything beyond
 * ±(2^53 − 1).
 */
export function int(min: number, max: number = Number.MAX_SAFE_INTEGER): z.ZodNumber {
  const rule = z.number().int().min(min).max(max);
  // The same rule for the compiled path, without zod's three checks.
  setFastTest(
    rule,
    (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max,
  );
  return rule;
}

/** A millisecond (or microsecond) timestamp. */
export const timestamp: z.ZodNumber = int(0);

/**
 * A price or quantity as Binance takes it: a decimal string (never a float, so no digit
 * is lost), digits with an optional fraction, no sign, no exponent, e.g. `"0.01000000"`.
 */
export const decimalString: z.ZodString = z.string().regex(/^\d+(\.\d+)?$/, {
  error: 'must be a decimal string such as "0.01000000"',
});
setFastTest(decimalString, (v) => isDecimalText(v, false));

/** A decimal string above 0 (`"0.00000000"` is refused). */
export const positiveDecimalString: z.ZodString = z.string().regex(/^(?=.*[1-9])\d+(\.\d+)?$/, {
  error: 'must be a decimal string above 0, such as "0.01000000"',
});
setFastTest(positiveDecimalString, (v) => isDecimalText(v, false) && /[1-9]/.test(v as string));

/** What is wrong with `value` (a finite number or a string) as `recvWindow`, or `undefined`. */
function recvWindowProblem(value: number | string): string | undefined {
  const text = String(value);
  const n = Number(text);
  return typeof value === "number" && !Number.isFinite(value)
    ? "must be a number of ms above 0 and at most 60000"
    : !/^\d+(\.\d{1,3})?$/.test(text)
    ? "must be a number of ms with at most 3 decimal places, such as 6000.346"
    : n <= 0 || n > 60_000
    ? "must be a number of ms above 0 and at most 60000"
    : undefined;
}

/**
 * `recvWindow` of a SIGNED request: more than 0 and at most 60 000 ms, with at most three
 * decimal places (microsecond precision, e.g. `6000.346`); a number, or the same as a decimal
 * string.
 */
export const recvWindow: z.ZodType<number | string> = z.union([z.number(), z.string()]).check(
  (ctx) => {
    const problem = recvWindowProblem(ctx.value);
    if (problem) ctx.issues.push({ code: "custom", message: problem, input: ctx.value });
  },
);
// The same rule for the compiled path (a union is otherwise zod's): what both branches and the
// check accept, so that every signed method's params schema compiles.
setFastTest(
  recvWindow,
  (v) =>
    ((typeof v === "number" && Number.isFinite(v)) || typeof v === "string") &&
    recvWindowProblem(v) === undefined,
);

/** A long integer as Binance takes it (any safe integer; ids are never negative). */
export const long: z.ZodNumber = int(Number.MIN_SAFE_INTEGER);

/** A `*ClientOrderId` param: a non-empty string (Binance answers an empty one with -1118). */
export const clientOrderId: z.ZodString = z.string().min(1, {
  error: "must not be empty (Binance answers -1118)",
});
setFastTest(clientOrderId, (v) => typeof v === "string" && v.length >= 1);

// ---- Enumerations and formats -----------------------------------------------------------

/** `symbolStatus` filter. */
export const symbolStatus: z.ZodEnum<{ TRADING: "TRADING"; HALT: "HALT"; BREAK: "BREAK" }> = z.enum(
  [
    "TRADING",
    "HALT",
    "BREAK",
  ],
);

/** Ticker `type`: FULL (default) or MINI. */
export const tickerType: z.ZodEnum<{ FULL: "FULL"; MINI: "MINI" }> = z.enum(["FULL", "MINI"]);

/** Kline intervals (case-sensitive). */
export const KLINE_INTERVALS = [
  "1s",
  "1m",
  "3m",
  "5m",
  "15m",
  "30m",
  "1h",
  "2h",
  "4h",
  "6h",
  "8h",
  "12h",
  "1d",
  "3d",
  "1w",
  "1M",
] as const;

/** Kline `interval`, for the WebSocket API and the kline stream. */
export const klineInterval: z.ZodType<KlineInterval> = z.enum(KLINE_INTERVALS);

/** A `timeZone` parameter: hours, or hours and minutes, within [-12:00, +14:00]. */
export const timeZone: z.ZodType<string> = z.string().refine((tz) => {
  const m = /^([+-]?)(\d{1,2})(?::(\d{2}))?$/.exec(tz);
  if (!m) return false;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (m[3] !== undefined && Number(m[3]) > 59) return false;
  return m[1] === "-" ? minutes <= 12 * 60 : minutes <= 14 * 60;
}, { error: 'must be a time zone within [-12:00, +14:00], such as "0", "8" or "-1:30"' });

/** Rolling window size: `1m`–`59m`, `1h`–`23h` or `1d`–`7d` (units cannot be combined). */
export const windowSize: z.ZodType<string> = z.string().refine((w) => {
  const m = /^([1-9]\d?)([mhd])$/.exec(w);
  if (!m) return false;
  const n = Number(m[1]);
  return m[2] === "m" ? n <= 59 : m[2] === "h" ? n <= 23 : n <= 7;
}, { error: 'must be 1m–59m, 1h–23h or 1d–7d, such as "15m", "4h" or "7d"' });

/** The window of the rolling window ticker streams. */
export const streamWindowSize: z.ZodType<StreamWindowSize> = z.enum(["1h", "4h", "1d"]);

/** The update speed of the depth streams. */
export const depthSpeed: z.ZodType<DepthSpeed> = z.enum(["1000ms", "100ms"]);

// ---- Combinations -----------------------------------------------------------------------

/** How many of `names` are present (not `undefined`) in `value`. */
function presentCount(value: Record<string, unknown>, names: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < names.length; i++) if (value[names[i]] !== undefined) count++;
  return count;
}

/** Fails when more than one of `names` is present. */
export function atMostOneOf<T extends Record<string, unknown>>(
  ...names: (keyof T & string)[]
): (value: T, ctx: z.RefinementCtx) => void {
  return fastRefinement<T>((value) => presentCount(value, names) <= 1, (value, ctx) => {
    const present = names.filter((n) => value[n] !== undefined);
    if (present.length > 1) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `${present.map((n) => `"${n}"`).join(" and ")} cannot be sent together`,
      });
    }
  });
}

/** Fails when none of `names` is present. */
export function oneOfRequired<T extends Record<string, unknown>>(
  ...names: (keyof T & string)[]
): (value: T, ctx: z.RefinementCtx) => void {
  return fastRefinement<T>((value) => presentCount(value, names) > 0, (value, ctx) => {
    if (names.every((n) => value[n] === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `one of ${names.map((n) => `"${n}"`).join(" or ")} is required`,
      });
    }
  });
}

/** Fails when `name` is sent together with any of `others`. */
export function excludes<T extends Record<string, unknown>>(
  name: keyof T & string,
  ...others: (keyof T & string)[]
): (value: T, ctx: z.RefinementCtx) => void {
  return fastRefinement<T>(
    (value) => value[name] === undefined || presentCount(value, others) === 0,
    (value, ctx) => {
      if (value[name] === undefined) return;
      const clash = others.filter((o) => value[o] !== undefined);
      if (clash.length > 0) {
        ctx.addIssue({
          code: "custom",
          path: [],
          message: `"${name}" cannot be sent with ${clash.map((c) => `"${c}"`).join(" or ")}`,
        });
      }
    },
  );
}

/** Fails when `startTime` is after `endTime`. */
export function startBeforeEnd<T extends { startTime?: number; endTime?: number }>(
  value: T,
  ctx: z.RefinementCtx,
): void {
  if (
    value.startTime !== undefined && value.endTime !== undefined && value.startTime > value.endTime
  ) {
    ctx.addIssue({ code: "custom", path: ["startTime"], message: 'must not be after "endTime"' });
  }
}

// ---- Time windows and dependent params (account reads) ---------------------------------

/** One day in ms: the longest `startTime`–`endTime` window of the account reads. */
export const DAY_MS = 86_400_000;

/**
 * A `startTime`/`endTime` in ms: times may be sent in ms or µs (General API Information);
 * above 10^14 a value is µs, the rule `_auth.ts` reads `timestamp` by.
 */
export function toMs(t: number): number {
  return t >= 1e14 ? t / 1000 : t;
}

/**
 * Fails when `endTime - startTime` is more than `maxMs` (exactly `maxMs` is allowed, as the
 * docs' own examples send it: 1660780800000 to 1660867200000), or when `startTime` is after
 * `endTime`, both read in ms ({@linkcode toMs}); the issue names `endTime` (or `startTime`).
 */
export function windowAtMost<T extends { startTime?: number; endTime?: number }>(
  maxMs: number,
  what: string,
): (value: T, ctx: z.RefinementCtx) => void {
  const ok = (v: T) =>
    v.startTime === undefined || v.endTime === undefined ||
    (toMs(v.startTime) <= toMs(v.endTime) && toMs(v.endTime) - toMs(v.startTime) <= maxMs);
  return fastRefinement<T>(ok, (v, ctx) => {
    if (ok(v)) return;
    if (toMs(v.startTime!) > toMs(v.endTime!)) {
      ctx.addIssue({ code: "custom", path: ["startTime"], message: 'must not be after "endTime"' });
    } else {
      ctx.addIssue({
        code: "custom",
        path: ["endTime"],
        message: `must be at most ${what} after "startTime" (Binance answers -1127)`,
      });
    }
  });
}

/** Fails when `name` is sent without `needed`; the issue names `name`. */
export function needs<T extends object>(
  name: keyof T & string,
  needed: keyof T & string,
): (value: T, ctx: z.RefinementCtx) => void {
  return fastRefinement<T>(
    (value) => {
      const v = value as Record<string, unknown>;
      return v[name] === undefined || v[needed] !== undefined;
    },
    (value, ctx) => {
      const v = value as Record<string, unknown>;
      if (v[name] !== undefined && v[needed] === undefined) {
        ctx.addIssue({ code: "custom", path: [name], message: `needs "${needed}"` });
      }
    },
  );
}

/**
 * Fails when `name` is sent with any of `others` (Binance answers -1128); the issue names
 * `name` (unlike {@linkcode excludes}, whose issue names no param).
 */
export function notWith<T extends object>(
  name: keyof T & string,
  ...others: (keyof T & string)[]
): (value: T, ctx: z.RefinementCtx) => void {
  return fastRefinement<T>(
    (value) => {
      const v = value as Record<string, unknown>;
      return v[name] === undefined || presentCount(v, others) === 0;
    },
    (value, ctx) => {
      const v = value as Record<string, unknown>;
      if (v[name] === undefined) return;
      const clash = others.filter((o) => v[o] !== undefined);
      if (clash.length > 0) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `cannot be sent with ${
            clash.map((c) => `"${c}"`).join(" or ")
          } (Binance answers -1128)`,
        });
      }
    },
  );
}

/** Fails unless exactly one of `a` and `b` is sent; the issue names `a`. */
export function exactlyOneOf<T extends object>(
  a: keyof T & string,
  b: keyof T & string,
): (value: T, ctx: z.RefinementCtx) => void {
  return fastRefinement<T>(
    (value) => {
      const v = value as Record<string, unknown>;
      return (v[a] === undefined) !== (v[b] === undefined);
    },
    (value, ctx) => {
      const v = value as Record<string, unknown>;
      if (v[a] === undefined && v[b] === undefined) {
        ctx.addIssue({ code: "custom", path: [a], message: `or "${b}" is required` });
      } else if (v[a] !== undefined && v[b] !== undefined) {
        ctx.addIssue({ code: "custom", path: [a], message: `cannot be sent with "${b}"` });
      }
    },
  );
}

// ---- Zod issues -> ValidationError ------------------------------------------------------

/** Whether the value at `path` is a missing (or `undefined`) property of an object. */
function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0 || typeof path[path.length - 1] !== "string") return false;
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value === undefined;
}

/** `5, 10 or 20`; `"FULL" or "MINI"`. */
function either(words: readonly string[]): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

function quote(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** The message of a value outside its set, for params and options alike: `must be 5, 10 or 20`. */
export function mustBeOneOf(values: readonly unknown[]): string {
  return `must be ${either(values.map(quote))}`;
}

function article(type: string): string {
  return `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
}

/** The message of a union miss: the allowed values, or the allowed types, or the closest form. */
function describeUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  input: unknown,
  param: string,
): ValidationIssue[] {
  const branches = issue.errors;
  const at = (b: z.core.$ZodIssue[], code: string) =>
    b.length === 1 && b[0].path.length === 0 && b[0].code === code;
  if (branches.length > 0 && branches.every((b) => at(b, "invalid_value"))) {
    const values = branches.flatMap((b) => (b[0] as z.core.$ZodIssueInvalidValue).values);
    return [{ param, message: mustBeOneOf(values) }];
  }
  // The branches whose type matched: the input was meant as one of them.
  const near = branches.filter((b) => !at(b, "invalid_type"));
  if (near.length === 1) {
    return near[0].flatMap((i) => describe({ ...i, path: [...issue.path, ...i.path] }, input));
  }
  if (near.length === 0 && branches.length > 0) {
    const types = branches.map((b) => article((b[0] as z.core.$ZodIssueInvalidType).expected));
    return [{ param, message: `must be ${either(types)}` }];
  }
  return [{ param, message: "has an invalid type" }];
}

/** `must be at most 1000`, `must be at least 1 character long`, `must hold at least 1 item`. */
function size(origin: string, which: string, limit: number | bigint, message: string): string {
  const plural = (word: string) => `${limit} ${word}${limit === 1 || limit === 1n ? "" : "s"}`;
  switch (origin) {
    case "string":
      return `must be ${which} ${plural("character")} long`;
    case "array":
      // A list's own message (such as "must name at least one symbol") says it best.
      return message.startsWith("Too ") ? `must hold ${which} ${plural("item")}` : message;
    default:
      return `must be ${which} ${limit}`;
  }
}

function describe(issue: z.core.$ZodIssue, input: unknown): ValidationIssue[] {
  const param = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      param: param ? `${param}.${key}` : key,
      message: "is not a parameter of this method",
    }));
  }
  // Whatever the schema (type, enum, union), a value that is not there is missing.
  if (issue.code !== "custom" && isMissing(input, issue.path)) {
    return [{ param, message: "is required" }];
  }
  switch (issue.code) {
    case "invalid_type":
      return [{
        param,
        message: issue.expected === "int"
          ? "must be an integer"
          : `must be ${article(issue.expected)}`,
      }];
    case "too_big":
      return [{
        param,
        message: size(issue.origin, "at most", issue.maximum, issue.message),
      }];
    case "too_small":
      return [{
        param,
        message: size(issue.origin, "at least", issue.minimum, issue.message),
      }];
    case "invalid_value":
      return [{ param, message: mustBeOneOf(issue.values) }];
    case "invalid_union":
      return describeUnion(issue, input, param);
    default:
      return [{ param, message: issue.message }];
  }
}

/** The bound of a too-big or too-small issue, as `code path`. */
function bound(issue: z.core.$ZodIssue): string | undefined {
  return issue.code === "too_big" || issue.code === "too_small"
    ? `${issue.code} ${issue.path.map(String).join(".")}`
    : undefined;
}

/** Drops zod's safe-integer bound where the param has its own, tighter one. */
function tighter(issues: z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const own = new Set(
    issues.filter((i) => "origin" in i && i.origin !== "int").map(bound).filter(Boolean),
  );
  return issues.filter((i) => !("origin" in i && i.origin === "int" && own.has(bound(i))));
}

/**
 * Validates request (or stream) parameters.
 *
 * @throws {ValidationError} listing every problem, before anything is sent.
 */
export function validateParams<P>(method: string, schema: z.ZodType<P>, params: unknown): P {
  const input = params ?? {};
  // Valid params take the compiled path (`_fast_schema.ts`); anything else, zod, for its issues.
  const fast = fastParse(schema, input);
  if (fast !== FAIL) return fast as P;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    method,
    tighter(result.error.issues).flatMap((i) => describe(i, input)),
  );
}
