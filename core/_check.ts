// Private: fast checks of stream payloads (the hot path: no schema library, no copies).
// Each check throws `UnexpectedMessageError` naming the model and the field.
import { UnexpectedMessageError } from "./errors.ts";

/** A payload object, as it arrived. */
export type Payload = Record<string, unknown>;

function fail(model: string, key: string, what: string, value: unknown): never {
  const precision = typeof value === "bigint"
    ? " (an integer above 2^53: its exact digits are in the error's `frame`)"
    : "";
  let frame = "";
  try {
    frame = JSON.stringify(value, (_k, v) => typeof v === "bigint" ? v.toString() : v) ?? "";
  } catch { /* unserialisable */ }
  throw new UnexpectedMessageError(
    `Cannot read ${model}: "${key}" does not match the documented shape: expected ${what}${precision}`,
    frame,
  );
}

/** The payload as an object. */
export function object(raw: unknown, model: string): Payload {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    fail(model, "", "an object", raw);
  }
  return raw as Payload;
}

/** The payload as an array. */
export function array(raw: unknown, model: string): unknown[] {
  if (!Array.isArray(raw)) fail(model, "", "an array", raw);
  return raw;
}

/** A string field. */
export function str(o: Payload, key: string, model: string): string {
  const v = o[key];
  if (typeof v !== "string") fail(model, key, "a string", v);
  return v;
}

/** A string field that matches `pattern`; `what` describes it in the error. */
export function strMatching(
  o: Payload,
  key: string,
  pattern: RegExp,
  what: string,
  model: string,
): string {
  const v = str(o, key, model);
  if (!pattern.test(v)) fail(model, key, what, v);
  return v;
}

/** A decimal string such as `"0.00100000"` (cheap check: digits at both ends). */
export function isDecimal(v: unknown): v is string {
  if (typeof v !== "string" || v.length === 0) return false;
  const a = v.charCodeAt(0);
  const z = v.charCodeAt(v.length - 1);
  return (a >= 48 && a <= 57 || a === 45) && z >= 48 && z <= 57;
}

/** A decimal field, kept as its exact text. */
export function dec(o: Payload, key: string, model: string): string {
  const v = o[key];
  if (!isDecimal(v)) fail(model, key, "a decimal string", v);
  return v;
}

/** A decimal field that may be `null`. */
export function decOrNull(o: Payload, key: string, model: string): string | null {
  const v = o[key];
  if (v === null) return null;
  if (!isDecimal(v)) fail(model, key, "a decimal string or null", v);
  return v;
}

/**
 * An integer field (id, count, time) that fits a JS number exactly. Stream frames are
 * parsed with plain `JSON.parse` (the hot path), so an integer above 2^53 arrives rounded:
 * it is refused here, loudly, instead of being passed on wrong.
 */
export function int(o: Payload, key: string, model: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isSafeInteger(v)) {
    fail(
      model,
      key,
      typeof v === "number" && Number.isInteger(v)
        ? "an integer below 2^53 (a larger one cannot be read exactly)"
        : "an integer",
      v,
    );
  }
  return v;
}

/** A boolean field. */
export function bool(o: Payload, key: string, model: string): boolean {
  const v = o[key];
  if (typeof v !== "boolean") fail(model, key, "a boolean", v);
  return v;
}

/**
 * An array field whose entries are objects (the balances of `outboundAccountPosition`, the
 * orders of `listStatus`); a mismatch names the field (`"B"`) or the entry (`"B.0"`).
 */
export function objects(o: Payload, key: string, model: string): Payload[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(model, key, "an array", v);
  for (let i = 0; i < v.length; i++) {
    const e = v[i];
    if (typeof e !== "object" || e === null || Array.isArray(e)) {
      fail(model, `${key}.${i}`, "an object", e);
    }
  }
  return v as Payload[];
}

/** `[price, quantity]` levels, each a pair of decimal strings. Returned as they arrived. */
export function levels(o: Payload, key: string, model: string): [string, string][] {
  const v = o[key];
  if (!Array.isArray(v)) fail(model, key, "an array of [price, quantity]", v);
  for (let i = 0; i < v.length; i++) {
    const l = v[i];
    // Hot: 40 levels a depth event. Strings whose first and last characters are digits.
    if (!Array.isArray(l) || l.length !== 2) fail(model, `${key}.${i}`, "[price, quantity]", l);
    const p = l[0];
    const q = l[1];
    if (
      typeof p !== "string" || typeof q !== "string" || p.length === 0 || q.length === 0 ||
      !digit(p.charCodeAt(p.length - 1)) || !digit(q.charCodeAt(q.length - 1)) ||
      !digit(p.charCodeAt(0)) || !digit(q.charCodeAt(0))
    ) fail(model, `${key}.${i}`, "[price, quantity] as decimal strings", l);
  }
  return v as [string, string][];
}

/**
 * Whether `v` is an array of `[price, quantity]` pairs of decimal strings, as
 * {@linkcode levels} accepts (the hot path: no error built, nothing copied).
 */
export function isLevels(v: unknown): v is [string, string][] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const l = v[i];
    if (!Array.isArray(l) || l.length !== 2) return false;
    const p = l[0];
    const q = l[1];
    if (
      typeof p !== "string" || typeof q !== "string" || p.length === 0 || q.length === 0 ||
      !digit(p.charCodeAt(p.length - 1)) || !digit(q.charCodeAt(q.length - 1)) ||
      !digit(p.charCodeAt(0)) || !digit(q.charCodeAt(0))
    ) return false;
  }
  return true;
}

function digit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The event type field, checked against the documented value. */
export function eventType(o: Payload, expected: string, model: string): string {
  const v = o.e;
  if (v !== expected) fail(model, "e", JSON.stringify(expected), v);
  return v;
}
