// Private: a fast path for the zod schemas of params and models, on the hot request path.
//
// `fastParser(schema)` compiles a schema made of the kinds our params and models use (object,
// strict object, optional, nullable, string, number, boolean, enum, literal, array, tuple) into
// a plain function that returns exactly what zod's `safeParse` would return as `data` when the
// value is valid, or `FAIL` otherwise; the caller then runs zod itself, so that every error
// (message, path, order) stays zod's. A schema with any other kind (union, transform, pipe,
// default, string format, coercion...) compiles to `undefined`: zod does everything.
//
// The type checks mirror zod 4's own parsers; every check attached to a schema (`.regex()`,
// `.min()`, `.int()`, `.check()`, `.refine()`, `.superRefine()`) is zod's own check function,
// run on a payload as zod runs it. `tests/core/fast_schema_test.ts` compares both on every
// method's params schema and model.
import type { z } from "zod";

/** Returned by a fast parser when the value is not (certainly) valid: ask zod. */
export const FAIL: unique symbol = Symbol("FAIL");

/** A compiled schema: the parsed value, or `FAIL`. */
export type FastParser = (value: unknown) => unknown;

interface Check {
  _zod: {
    def: { when?: (payload: { value: unknown; issues: unknown[] }) => boolean };
    check(payload: { value: unknown; issues: unknown[] }): unknown;
  };
}

interface Internals {
  def: {
    type: string;
    coerce?: boolean;
    checks?: Check[];
    shape?: Record<string, z.ZodType>;
    catchall?: z.ZodType;
    innerType?: z.ZodType;
    element?: z.ZodType;
    items?: z.ZodType[];
    rest?: z.ZodType | null;
    entries?: Record<string, unknown>;
    values?: unknown[];
  };
  traits: Set<string>;
  optin?: string;
  optout?: string;
}

function internals(schema: z.ZodType): Internals {
  return (schema as unknown as { _zod: Internals })._zod;
}

const cache = new WeakMap<z.ZodType, FastParser | null>();

/**
 * Gives an atom its own fast test, for a schema whose check is a plain function (such as the
 * symbol rule): `test(value)` must be true exactly when zod accepts `value`, which it returns
 * unchanged.
 */
export function setFastTest(schema: z.ZodType, test: (value: unknown) => boolean): void {
  cache.set(schema, (value) => test(value) ? value : FAIL);
}

/** The compiled parser of `schema`, or `undefined` when it uses a kind not handled here. */
export function fastParser(schema: z.ZodType): FastParser | undefined {
  let parser = cache.get(schema);
  if (parser === undefined) {
    try {
      parser = compile(schema) ?? null;
    } catch {
      parser = null;
    }
    cache.set(schema, parser);
  }
  return parser ?? undefined;
}

/**
 * Whether `v` is a string that `/^-?\d+(\.\d+)?$/` accepts (`/^\d+(\.\d+)?$/` without
 * `signed`), by hand: digits, an optional fraction, an optional "-" when signed. The compiled
 * path's test of the decimal atoms (`decimalString` in `_params.ts`, `decimal` in `_model.ts`).
 */
export function isDecimalText(v: unknown, signed: boolean): boolean {
  if (typeof v !== "string") return false;
  const n = v.length;
  let i = signed && n > 0 && v.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  while (i < n && isDigitCode(v.charCodeAt(i))) i++;
  if (i === start) return false;
  if (i === n) return true;
  if (v.charCodeAt(i) !== 46) return false;
  const fraction = ++i;
  while (i < n && isDigitCode(v.charCodeAt(i))) i++;
  return i > fraction && i === n;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

type Payload = { value: unknown; issues: unknown[] };

/**
 * What a {@linkcode fastRefinement} is called with once, when its schema is compiled, instead
 * of a value: a frozen object without prototype, that no request or model can hold.
 */
const PROBE: object = Object.freeze(Object.create(null));

/** A `.superRefine()` refinement as zod calls it. */
export type Refinement<T> = (value: T, ctx: z.RefinementCtx) => void;

/**
 * A refinement (for `.superRefine()`) with a fast path: the compiled path runs `test(value)`
 * (true exactly when `refine` adds no issue) instead of zod's check around `refine`. zod keeps
 * only a closure of a refinement, so the compiler finds `test` by calling the check once with
 * `PROBE`, to which this refinement answers with its test (any other refinement sees an object
 * with no properties, and is then run as before).
 */
export function fastRefinement<T>(
  test: (value: T) => boolean,
  refine: Refinement<T>,
): Refinement<T> {
  return (value, ctx) => {
    if (value === PROBE) {
      (ctx as unknown as { fastTest?: unknown }).fastTest = test;
      return;
    }
    refine(value, ctx);
  };
}

/** The test a {@linkcode fastRefinement}'s check answers the probe with, if it is one. */
function probedTest(run: (payload: Payload) => unknown): ((value: unknown) => boolean) | undefined {
  const probe: Payload & { fastTest?: unknown } = { value: PROBE, issues: [] };
  try {
    const out = run(probe);
    if (out instanceof Promise) out.catch(() => {});
  } catch {
    return undefined; // not ours: it read the probe as a value
  }
  const test = probe.fastTest;
  return typeof test === "function" && probe.issues.length === 0
    ? test as (value: unknown) => boolean
    : undefined;
}

/**
 * One of zod's checks as a predicate: a regex check is its pattern, run as zod runs it; any
 * other check is zod's own function on a payload, with its condition (`when`) as zod reads it.
 */
function predicate(check: Check): (value: unknown) => boolean {
  const def = check._zod.def as {
    check?: string;
    format?: string;
    pattern?: RegExp;
    when?: (payload: Payload) => boolean;
  };
  if (def.check === "string_format" && def.format === "regex" && def.pattern instanceof RegExp) {
    const pattern = def.pattern;
    return (value) => {
      pattern.lastIndex = 0;
      return pattern.test(value as string);
    };
  }
  const when = def.when;
  const run = check._zod.check;
  if (def.check === "custom" && when === undefined) {
    const test = probedTest(run);
    if (test !== undefined) return test;
  }
  return (value) => {
    const payload: Payload = { value, issues: [] };
    if (when !== undefined && !when(payload)) return true;
    if (run(payload) instanceof Promise) throw new Error("async check");
    return payload.issues.length === 0;
  };
}

function withChecks(parse: FastParser, checks: readonly Check[] | undefined): FastParser {
  if (checks === undefined || checks.length === 0) return parse;
  const tests = checks.map(predicate);
  if (tests.length === 1) {
    const test = tests[0];
    return (value) => {
      const out = parse(value);
      return out === FAIL || !test(out) ? FAIL : out;
    };
  }
  return (value) => {
    const out = parse(value);
    if (out === FAIL) return FAIL;
    for (let i = 0; i < tests.length; i++) if (!tests[i](out)) return FAIL;
    return out;
  };
}

function compile(schema: z.ZodType): FastParser | undefined {
  const zod = internals(schema);
  const def = zod.def;
  // A schema that is itself a check (a string format such as z.email()), or coerces: zod.
  if (zod.traits.has("$ZodCheck") || def.coerce) return undefined;
  const base = compileBase(zod);
  return base === undefined ? undefined : withChecks(base, def.checks);
}

function compileBase(zod: Internals): FastParser | undefined {
  const def = zod.def;
  switch (def.type) {
    case "string":
      return (v) => typeof v === "string" ? v : FAIL;
    case "number":
      return (v) => typeof v === "number" && Number.isFinite(v) ? v : FAIL;
    case "boolean":
      return (v) => typeof v === "boolean" ? v : FAIL;
    case "unknown":
      return (v) => v;
    case "enum": {
      // As zod's getEnumValues: a numeric TS enum's reverse mappings are not values.
      const entries = def.entries!;
      const numeric = Object.values(entries).filter((v) => typeof v === "number");
      const values = new Set(
        Object.entries(entries).filter(([k]) => numeric.indexOf(+k) === -1).map(([, v]) => v),
      );
      return (v) => values.has(v) ? v : FAIL;
    }
    case "literal": {
      const values = new Set(def.values);
      return (v) => values.has(v) ? v : FAIL;
    }
    case "optional": {
      const inner = internals(def.innerType!);
      if (inner.optin === "defaulted" || inner.optout === "defaulted") return undefined;
      const parse = fastParser(def.innerType!);
      if (parse === undefined) return undefined;
      return (v) => v === undefined ? undefined : parse(v);
    }
    case "nullable": {
      const parse = fastParser(def.innerType!);
      if (parse === undefined) return undefined;
      return (v) => v === null ? null : parse(v);
    }
    case "array": {
      const parse = fastParser(def.element!);
      if (parse === undefined) return undefined;
      return (v) => {
        if (!Array.isArray(v)) return FAIL;
        const out = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          const item = parse(v[i]);
          if (item === FAIL) return FAIL;
          out[i] = item;
        }
        return out;
      };
    }
    case "tuple":
      return compileTuple(def);
    case "object":
      return compileObject(def);
    default:
      return undefined;
  }
}

function compileTuple(def: Internals["def"]): FastParser | undefined {
  if (def.rest) return undefined;
  const items = def.items!;
  // Optional items change zod's length rules: zod decides.
  if (items.some((s) => internals(s).optin !== undefined || internals(s).optout !== undefined)) {
    return undefined;
  }
  const parsers = items.map((s) => fastParser(s));
  if (parsers.some((p) => p === undefined)) return undefined;
  const n = items.length;
  return (v) => {
    if (!Array.isArray(v) || v.length !== n) return FAIL;
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const item = parsers[i]!(v[i]);
      if (item === FAIL) return FAIL;
      out[i] = item;
    }
    return out;
  };
}

interface Field {
  key: string;
  parse: FastParser;
  optional: boolean;
}

function compileObject(def: Internals["def"]): FastParser | undefined {
  const catchall = def.catchall === undefined ? undefined : internals(def.catchall).def.type;
  // Strip (no catchall) or strict (never); a loose or typed catchall: zod.
  if (catchall !== undefined && catchall !== "never") return undefined;
  const strict = catchall === "never";
  const shape = def.shape!;
  const keys = Object.keys(shape);
  if (Object.getOwnPropertySymbols(shape).length > 0 || keys.includes("__proto__")) {
    return undefined;
  }
  const fields: Field[] = [];
  for (const key of keys) {
    const field = internals(shape[key]);
    // Absent keys are kept only by optional (in and out) fields; a default or a field optional
    // on one side only: zod.
    const optional = field.optin === "optional" && field.optout === "optional";
    if (!optional && (field.optin !== undefined || field.optout !== undefined)) return undefined;
    const parse = fastParser(shape[key]);
    if (parse === undefined) return undefined;
    fields.push({ key, parse, optional });
  }
  // Generated straight-line code, as zod itself compiles objects: one literal key per field.
  const lines = [
    "if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL;",
    "const out = {};",
    "let x;",
  ];
  fields.forEach(({ key, optional }, i) => {
    const k = JSON.stringify(key);
    lines.push(
      `if (${k} in v) { x = p[${i}](v[${k}]); if (x === FAIL) return FAIL; out[${k}] = x; }` +
        (optional ? "" : " else return FAIL;"),
    );
  });
  if (strict) {
    lines.push(`for (const key in v) if (!known.has(key)) return FAIL;`);
  }
  lines.push("return out;");
  let make: (...args: unknown[]) => FastParser;
  try {
    make = new Function("FAIL", "p", "known", `return (v) => {\n${lines.join("\n")}\n};`) as never;
  } catch {
    return undefined; // no code generation here: zod does everything
  }
  return make(FAIL, fields.map((f) => f.parse), new Set(keys)) as FastParser;
}

/**
 * What zod's `safeParse(value).data` would be when `value` is valid for `schema` and the fast
 * path handles the schema; `FAIL` otherwise (then run zod, for its result or its error).
 */
export function fastParse(schema: z.ZodType, value: unknown): unknown {
  const parse = fastParser(schema);
  if (parse === undefined) return FAIL;
  try {
    return parse(value);
  } catch {
    return FAIL; // a cyclic value, an async check: zod decides
  }
}
