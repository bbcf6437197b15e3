// Private: the result-model atoms (zod), one rule each, and the factory that turns a schema
// into a model: a mismatch is an `UnexpectedMessageError` naming the field.
import { z } from "zod";
import { UnexpectedMessageError } from "./errors.ts";
import {
  FAIL,
  fastParse,
  type FastParser,
  fastParser,
  isDecimalText,
  setFastTest,
} from "./_fast_schema.ts";

/** A decimal number kept as its exact text, e.g. `"0.01379900"` or `"-94.99999800"`. */
export const decimal: z.ZodString = z.string().regex(/^-?\d+(\.\d+)?$/, {
  error: "expected a decimal string",
});
setFastTest(decimal, (v) => isDecimalText(v, true));

/**
 * An integer id, count or time that a JS number holds exactly (a safe integer: zod's
 * `int()` refuses anything beyond ±(2^53 − 1)), the same rule as `int` in `_params.ts` and
 * `_check.ts`.
 */
export const long: z.ZodNumber = z.number().int();
setFastTest(long, (v) => typeof v === "number" && Number.isSafeInteger(v));

/** `[price, quantity]` as decimal strings. */
export const priceLevel: z.ZodType<[string, string]> = z.tuple([decimal, decimal]);

/**
 * Checks a server value against a model schema.
 *
 * @throws {UnexpectedMessageError} naming the first mismatching field.
 */
export function parseModel<T>(name: string, schema: z.ZodType<T>, raw: unknown): T {
  // A value of the documented shape takes the compiled path (`_fast_schema.ts`); else zod.
  const fast = fastParse(schema, raw);
  if (fast !== FAIL) return fast as T;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length ? `"${issue.path.map(String).join(".")}"` : "the value";
  const value = issue.path.reduce<unknown>(
    (v, key) => (v as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey],
    raw,
  );
  const precision = typeof value === "bigint"
    ? " (an integer above 2^53: read it exactly with conn.request())"
    : "";
  let frame = "";
  try {
    frame = JSON.stringify(raw, (_k, v) => typeof v === "bigint" ? v.toString() : v) ?? "";
  } catch { /* unserialisable */ }
  throw new UnexpectedMessageError(
    `Cannot read ${name}: ${where} does not match the documented shape: ${issue.message}${precision}`,
    frame,
  );
}

/** A model factory backed by a schema. */
export function modelFactory<T>(name: string, schema: z.ZodType<T>): { parse(raw: unknown): T } {
  // The compiled parser, looked up once (on first use), not per value.
  let fast: FastParser | null | undefined;
  return {
    parse: (raw: unknown): T => {
      if (fast === undefined) fast = fastParser(schema) ?? null;
      if (fast !== null) {
        let out: unknown = FAIL;
        try {
          out = fast(raw);
        } catch { /* a cyclic value, an async check: zod decides */ }
        if (out !== FAIL) return out as T;
      }
      return parseModel(name, schema, raw);
    },
  };
}
