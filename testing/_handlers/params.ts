// Private: the fake exchange's declarative param specs and their checker. A handler states
// which params it takes and how each is read (`params`), which are always mandatory
// (`required`), and the rules between params and on their values (`rules`): ranges, list
// lengths, exclusive groups, one-of groups, params required or not wanted when another param
// has a given value (`when`, `byValue`), and a hook for anything else (`check`). Every failure
// carries Binance's code and message (./failure.ts).
//
// Two phases, as the fake always had them: `readParams` runs before the request is weighed
// (a failure costs 1 weight), `checkRules` after the weight is charged.

import { parseUnits } from "../_exchange/decimal.ts";
import {
  badCombo,
  duplicateValues,
  fail,
  type Failure,
  illegalChars,
  invalidData,
  mandatory,
  neitherSent,
  notRequired,
  tooManyValues,
  unknownParam,
} from "./failure.ts";

/** Params after reading: symbols resolved, numbers parsed, window sizes in ms. */
export type Params = Record<string, unknown>;

/** How one param is read. */
export type Param =
  /** A listed symbol (upper case, `^[A-Z0-9-_.]{1,20}$`), read as its state. */
  | { readonly type: "symbol" }
  /** A non-empty JSON array (or its text) of distinct listed symbols. */
  | { readonly type: "symbols" }
  /** An integer, or its decimal text. */
  | { readonly type: "int" }
  /** `true`/`false`, or their text. */
  | { readonly type: "bool" }
  /** A UTC offset in hours, `[-12:00, +14:00]`, read as its text. */
  | { readonly type: "timeZone" }
  /** `1m`–`59m`, `1h`–`23h`, `1d`–`7d`, read in ms. */
  | { readonly type: "windowSize" }
  /** One value or a list of them, read as a list. */
  | { readonly type: "list" }
  /** One of `values`, else the `invalid` failure. */
  | { readonly type: "enum"; readonly values: readonly string[]; readonly invalid: Failure }
  /**
   * A non-negative decimal (text, or a JSON number), read as a bigint in units of 1e-8:
   * -1100 for another form, -1111 for more than 8 decimals (`whole`: for any fraction, and read
   * as a number: a DECIMAL-typed count such as some methods' `trailingDelta`).
   */
  | { readonly type: "decimal"; readonly whole?: boolean }
  /**
   * A client order id (`^[a-zA-Z0-9-_]{1,36}$`, else -1100), read as its text; an empty
   * value fails with `empty` (e.g. -1118) instead of -1102.
   */
  | { readonly type: "clientId"; readonly empty?: Failure };

/** A listed symbol. */
export const SYMBOL: Param = { type: "symbol" };
/** A list of listed symbols. */
export const SYMBOLS: Param = { type: "symbols" };
/** An integer. */
export const INT: Param = { type: "int" };
/** A boolean. */
export const BOOL: Param = { type: "bool" };
/** A time zone offset. */
export const TIME_ZONE: Param = { type: "timeZone" };
/** A rolling window size. */
export const WINDOW_SIZE: Param = { type: "windowSize" };
/** One value or a list. */
export const LIST: Param = { type: "list" };
/** A decimal, read in units of 1e-8. */
export const DECIMAL: Param = { type: "decimal" };
/** A DECIMAL-typed whole number (e.g. `order.cancelReplace`'s `trailingDelta`), read as a number. */
export const WHOLE_DECIMAL: Param = { type: "decimal", whole: true };

/** A client order id; `empty` is the failure for an empty value (default -1102). */
export function clientId(empty?: Failure): Param {
  return { type: "clientId", empty };
}

/** One of `values`; any other value fails with `invalid`. */
export function enumOf(values: readonly string[], invalid: Failure): Param {
  return { type: "enum", values, invalid };
}

/** A rule between params, or on a param's value, checked once the params are read. */
export type Rule =
  /** When sent, `param` lies in `[min, max]` (-1130). */
  | { readonly rule: "range"; readonly param: string; readonly min: number; readonly max: number }
  /** When sent, the list `param` has at most `max` items (-1101). */
  | { readonly rule: "maxItems"; readonly param: string; readonly max: number }
  /** At most one of `params` is sent (-1128). */
  | { readonly rule: "atMostOne"; readonly params: readonly string[] }
  /** At least one of the two `params` is sent (-1102). */
  | { readonly rule: "oneOf"; readonly params: readonly [string, string] }
  /** Each of `params` is sent (-1102), in this order. */
  | { readonly rule: "required"; readonly params: readonly string[] }
  /** None of `params` is sent (-1106), in this order. */
  | { readonly rule: "notRequired"; readonly params: readonly string[] }
  /** When `param` is sent with one of the values `is`, the rules `then` hold. */
  | {
    readonly rule: "when";
    readonly param: string;
    readonly is: readonly unknown[];
    readonly then: readonly Rule[];
  }
  /** Anything else: `check` throws a failure when the params break it. */
  | { readonly rule: "check"; readonly check: (params: Params) => void };

/** What a method takes: its params, the always mandatory ones, and its rules. */
export interface ParamSpec {
  /** Every param the method takes and how it is read; any other name is -1103. */
  readonly params: Readonly<Record<string, Param>>;
  /** Mandatory whatever the other params say (-1102), checked in this order after reading. */
  readonly required?: readonly string[];
  /** Checked in this order by {@linkcode checkRules}, once the request is weighed. */
  readonly rules?: readonly Rule[];
}

/** `param`, when sent, lies in `[min, max]`. */
export function range(param: string, min: number, max: number): Rule {
  return { rule: "range", param, min, max };
}

/** The list `param`, when sent, has at most `max` items. */
export function maxItems(param: string, max: number): Rule {
  return { rule: "maxItems", param, max };
}

/** At most one of `params` is sent. */
export function atMostOne(...params: string[]): Rule {
  return { rule: "atMostOne", params };
}

/** At least one of `a` and `b` is sent. */
export function oneOf(a: string, b: string): Rule {
  return { rule: "oneOf", params: [a, b] };
}

/** Each of `params` is sent (for use under {@linkcode when}). */
export function requires(...params: string[]): Rule {
  return { rule: "required", params };
}

/** None of `params` is sent (for use under {@linkcode when}). */
export function forbids(...params: string[]): Rule {
  return { rule: "notRequired", params };
}

/** When `param` is one of `values`, the rules `then` hold. */
export function when(param: string, values: readonly unknown[], then: readonly Rule[]): Rule {
  return { rule: "when", param, is: values, then };
}

/**
 * Rules by the value of one param, e.g. by order type:
 * `byValue("type", { LIMIT: [requires("timeInForce", "price", "quantity")] })`.
 */
export function byValue(param: string, cases: Readonly<Record<string, readonly Rule[]>>): Rule[] {
  return Object.entries(cases).map(([value, then]) => when(param, [value], then));
}

/** A rule the others cannot state: `fn` throws a failure when the params break it. */
export function check(fn: (params: Params) => void): Rule {
  return { rule: "check", check: fn };
}

// Symbols may be non-ASCII since 2025-12 (UTF-8, e.g. "１２３４５６"): upper-case or caseless
// letters and digits of any script, and "-", "_", ".".
const SYMBOL_RE = /^[\p{Lu}\p{Lt}\p{Lo}\p{N}\-_.]{1,20}$/u;

function readInt(name: string, v: unknown): number {
  const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) illegalChars(name, "^[0-9]{1,20}$");
  return n;
}

function readSymbol<S>(name: string, v: unknown, symbols: ReadonlyMap<string, S>): S {
  if (typeof v !== "string" || v === "") mandatory(name);
  if (!SYMBOL_RE.test(v)) illegalChars(name, "^[A-Z0-9-_.]{1,20}$");
  return symbols.get(v) ?? fail(-1121, "Invalid symbol.");
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readValue<S>(
  name: string,
  param: Param,
  value: unknown,
  symbols: ReadonlyMap<string, S>,
): unknown {
  switch (param.type) {
    case "symbol":
      return readSymbol(name, value, symbols);
    case "symbols": {
      const list = typeof value === "string" ? safeParse(value) : value;
      if (!Array.isArray(list) || list.length === 0) mandatory(name);
      if (new Set(list).size !== list.length) duplicateValues();
      return list.map((s) => readSymbol(name, s, symbols));
    }
    case "int":
      return readInt(name, value);
    case "bool":
      if (typeof value !== "boolean" && value !== "true" && value !== "false") invalidData(name);
      return value === true || value === "true";
    case "timeZone": {
      const m = typeof value === "string" || typeof value === "number"
        ? /^([+-]?)(\d{1,2})(?::(\d{2}))?$/.exec(String(value))
        : null;
      const minutes = m ? Number(m[2]) * 60 + Number(m[3] ?? 0) : NaN;
      if (!m || (m[1] === "-" ? minutes > 720 : minutes > 840)) invalidData(name);
      return String(value);
    }
    case "windowSize": {
      const m = typeof value === "string" ? /^(\d+)([mhd])$/.exec(value) : null;
      const n = m ? Number(m[1]) : 0;
      const max = m?.[2] === "m" ? 59 : m?.[2] === "h" ? 23 : 7;
      if (!m || n < 1 || n > max) invalidData(name);
      return n * (m[2] === "m" ? 60_000 : m[2] === "h" ? 3_600_000 : 86_400_000);
    }
    case "list":
      return Array.isArray(value) ? value : [value];
    case "enum":
      if (typeof value !== "string" || !param.values.includes(value)) throw param.invalid;
      return value;
    case "decimal": {
      const text = typeof value === "number" && Number.isFinite(value) && value >= 0
        ? String(value)
        : value;
      if (typeof text !== "string" || !/^\d{1,20}(\.\d{1,20})?$/.test(text)) {
        illegalChars(name, "^([0-9]{1,20})(\\.[0-9]{1,20})?$");
      }
      const units = parseUnits(text);
      if (units === undefined || (param.whole && units % 100_000_000n !== 0n)) {
        fail(-1111, `Parameter '${name}' has too much precision.`);
      }
      return param.whole ? Number(units / 100_000_000n) : units;
    }
    case "clientId":
      if (typeof value !== "string" || !/^[a-zA-Z0-9\-_]{1,36}$/.test(value)) {
        illegalChars(name, "^[a-zA-Z0-9-_]{1,36}$");
      }
      return value;
  }
}

/**
 * Reads the params a request sent, in the order it sent them: unknown names (-1103),
 * empty or null values (-1102), values of the wrong form; then the always mandatory params.
 * `returnRateLimits` belongs to the connection, not the method, and is skipped.
 *
 * @param spec The method's spec.
 * @param raw The params as sent.
 * @param symbols The listed symbols: name → state.
 * @returns The params as read.
 * @throws {Failure} At the first param that breaks the spec.
 */
export function readParams<S>(
  spec: ParamSpec,
  raw: Record<string, unknown>,
  symbols: ReadonlyMap<string, S>,
): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name === "returnRateLimits") continue;
    const param = Object.hasOwn(spec.params, name) ? spec.params[name] : unknownParam();
    if (value === null || value === "") {
      if (param.type === "clientId" && param.empty) throw param.empty;
      mandatory(name);
    }
    out[name] = readValue(name, param, value, symbols);
  }
  for (const name of spec.required ?? []) if (out[name] === undefined) mandatory(name);
  return out;
}

/**
 * Checks rules on read params, in order.
 *
 * @param rules The rules.
 * @param params The params as read.
 * @throws {Failure} At the first rule the params break.
 */
export function checkRules(rules: readonly Rule[], params: Params): void {
  const sent = (name: string) => params[name] !== undefined;
  for (const r of rules) {
    switch (r.rule) {
      case "range": {
        const v = params[r.param] as number | undefined;
        if (v !== undefined && (v < r.min || v > r.max)) invalidData(r.param);
        break;
      }
      case "maxItems": {
        const v = params[r.param] as unknown[] | undefined;
        if (v !== undefined && v.length > r.max) tooManyValues(r.max, v.length);
        break;
      }
      case "atMostOne":
        if (r.params.filter(sent).length > 1) badCombo();
        break;
      case "oneOf":
        if (!sent(r.params[0]) && !sent(r.params[1])) neitherSent(r.params[0], r.params[1]);
        break;
      case "required":
        for (const name of r.params) if (!sent(name)) mandatory(name);
        break;
      case "notRequired":
        for (const name of r.params) if (sent(name)) notRequired(name);
        break;
      case "when":
        if (sent(r.param) && r.is.includes(params[r.param])) checkRules(r.then, params);
        break;
      case "check":
        r.check(params);
        break;
    }
  }
}
