// Private: the request-param atoms (WebSocket API methods and market streams), one rule in
// one place each, and the translation of zod issues into `ValidationError`.
import { z } from "zod";
import { ValidationError, type ValidationIssue } from "./errors.ts";
import type { DepthSpeed, KlineInterval, StreamWindowSize } from "./types.ts";

// ---- Symbols ----------------------------------------------------------------------------

/** The symbol rule, written once: 1–20 characters. */
const SYMBOL = /^[A-Za-z0-9_.\-\u0080-\uFFFF]{1,20}$/u;
/** An ASCII lower-case letter (the WebSocket API wants symbols upper case). */
const LOWER = /[a-z]/;

/** A Binance symbol as the WebSocket API takes it: upper case, 1–20 characters. */
export const symbol: z.ZodString = z.string().refine(
  (s) => SYMBOL.test(s) && !LOWER.test(s),
  { error: 'must be an upper-case symbol such as "BTCUSDT"' },
);

/** A symbol as the market streams take it: either case (sent lower-case). */
export const streamSymbol: z.ZodString = z.string().refine((s) => SYMBOL.test(s), {
  error: 'must be a symbol such as "BTCUSDT"',
});

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
  return z.number().int().min(min).max(max);
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

/** Fails when more than one of `names` is present. */
export function atMostOneOf<T extends Record<string, unknown>>(
  ...names: (keyof T & string)[]
): (value: T, ctx: z.RefinementCtx) => void {
  return (value, ctx) => {
    const present = names.filter((n) => value[n] !== undefined);
    if (present.length > 1) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `${present.map((n) => `"${n}"`).join(" and ")} cannot be sent together`,
      });
    }
  };
}

/** Fails when none of `names` is present. */
export function oneOfRequired<T extends Record<string, unknown>>(
  ...names: (keyof T & string)[]
): (value: T, ctx: z.RefinementCtx) => void {
  return (value, ctx) => {
    if (names.every((n) => value[n] === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `one of ${names.map((n) => `"${n}"`).join(" or ")} is required`,
      });
    }
  };
}

/** Fails when `name` is sent together with any of `others`. */
export function excludes<T extends Record<string, unknown>>(
  name: keyof T & string,
  ...others: (keyof T & string)[]
): (value: T, ctx: z.RefinementCtx) => void {
  return (value, ctx) => {
    if (value[name] === undefined) return;
    const clash = others.filter((o) => value[o] !== undefined);
    if (clash.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `"${name}" cannot be sent with ${clash.map((c) => `"${c}"`).join(" or ")}`,
      });
    }
  };
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

// ---- Zod issues -> ValidationError ------------------------------------------------------

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(issue: z.core.$ZodIssue, input: unknown): ValidationIssue[] {
  const param = issue.path.map(String).join(".");
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        param: param ? `${param}.${key}` : key,
        message: "is not a parameter of this method",
      }));
    case "invalid_type":
      return [{
        param,
        message: valueAt(input, issue.path) === undefined
          ? "is required"
          : issue.expected === "int"
          ? "must be an integer"
          : `must be ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`,
      }];
    case "too_big":
      return [{
        param,
        message: issue.origin === "array" ? issue.message : `must be at most ${issue.maximum}`,
      }];
    case "too_small":
      return [{
        param,
        message: issue.origin === "array" ? issue.message : `must be at least ${issue.minimum}`,
      }];
    case "invalid_value":
      return [{
        param,
        message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
      }];
    case "invalid_union":
      return [{ param, message: "has an invalid type" }];
    default:
      return [{ param, message: issue.message }];
  }
}

/**
 * Validates request (or stream) parameters.
 *
 * @throws {ValidationError} listing every problem, before anything is sent.
 */
export function validateParams<P>(method: string, schema: z.ZodType<P>, params: unknown): P {
  const input = params ?? {};
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(method, result.error.issues.flatMap((i) => describe(i, input)));
}
