// Private: the readers the user data event models share beside core/_check.ts: optional
// (conditional) fields, and the fields of an array's entry named by their path ("B.0.f").
// Each throws the `UnexpectedMessageError` of core/_check.ts.
import { bool, dec, int, type Payload, str } from "../core/_check.ts";

/** An integer field that may be absent (a conditional field). */
export function optInt(o: Payload, key: string, model: string): number | undefined {
  return o[key] === undefined ? undefined : int(o, key, model);
}

/** A decimal field that may be absent. */
export function optDec(o: Payload, key: string, model: string): string | undefined {
  return o[key] === undefined ? undefined : dec(o, key, model);
}

/** A string field that may be absent. */
export function optStr(o: Payload, key: string, model: string): string | undefined {
  return o[key] === undefined ? undefined : str(o, key, model);
}

/** A boolean field that may be absent. */
export function optBool(o: Payload, key: string, model: string): boolean | undefined {
  return o[key] === undefined ? undefined : bool(o, key, model);
}

/** Whether `v` is a safe integer (the hot path's test of an id or a time). */
export function isInt(v: unknown): boolean {
  return typeof v === "number" && Number.isSafeInteger(v);
}

/** Whether `v` is undefined or a safe integer (the hot path's test of a conditional id). */
export function isOptInt(v: unknown): boolean {
  return v === undefined || isInt(v);
}

/** Whether `v` is undefined or a string (the hot path's test of a conditional text). */
export function isOptStr(v: unknown): boolean {
  return v === undefined || typeof v === "string";
}

/**
 * The field `key` of an array entry as a one-field payload named by its path, so that the
 * readers of core/_check.ts name `"B.0.f"` in their error (the checked path only).
 */
export function at(entry: Payload, key: string, path: string): Payload {
  return { [path]: entry[key] };
}
