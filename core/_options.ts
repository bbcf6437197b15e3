// Private: options are checked like params — a ValidationError before anything is sent.
import { ValidationError, type ValidationIssue } from "./errors.ts";
import { mustBeOneOf } from "./_params.ts";

/** The longest delay a timer takes (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** One option's rule: returns what is wrong with a (defined) value, or `undefined`. */
export type OptionRule = (value: unknown) => string | undefined;

/** A number that `isType` accepts (else `typeMessage`), within [min, max]. */
function ranged(
  isType: (v: number) => boolean,
  typeMessage: string,
  min: number,
  max: number,
): OptionRule {
  return (v) =>
    typeof v !== "number" || !isType(v)
      ? typeMessage
      : v < min
      ? `must be at least ${min}`
      : v > max
      ? `must be at most ${max}`
      : undefined;
}

/** A number of ms for a timer: finite, within [min, 2^31 - 1]. */
export function duration(min = 1): OptionRule {
  return ranged(Number.isFinite, "must be a finite number of ms", min, MAX_TIMER_MS);
}

/** An integer within [min, max]. */
export function integer(min: number, max: number = Number.MAX_SAFE_INTEGER): OptionRule {
  return ranged(Number.isInteger, "must be an integer", min, max);
}

/** A finite number within [min, max]. */
export function finite(min: number, max: number): OptionRule {
  return ranged(Number.isFinite, "must be a finite number", min, max);
}

/** `true` or `false`. */
export const boolean: OptionRule = (v) =>
  typeof v === "boolean" ? undefined : "must be true or false";

/** A string. */
export const string: OptionRule = (v) => typeof v === "string" ? undefined : "must be a string";

/** A `ws://` or `wss://` URL with a host. */
export const wsUrl: OptionRule = (v) => {
  if (typeof v !== "string") return "must be a string";
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return `must be a ws:// or wss:// URL, not ${JSON.stringify(v)}`;
  }
  return (u.protocol === "ws:" || u.protocol === "wss:") && u.hostname !== ""
    ? undefined
    : `must be a ws:// or wss:// URL, not ${JSON.stringify(v)}`;
};

/** `recvWindow`: more than 0, at most 60 000 ms, at most 3 decimal places (µs precision). */
export const recvWindow: OptionRule = (v) =>
  typeof v !== "number" || !Number.isFinite(v) || v <= 0 || v > 60_000
    ? "must be a number of ms above 0 and at most 60000"
    : !/^\d+(\.\d{1,3})?$/.test(String(v))
    ? "must have at most 3 decimal places"
    : undefined;

/** An `AbortSignal`. */
export const signal: OptionRule = (v) =>
  v instanceof AbortSignal ? undefined : "must be an AbortSignal";

/** One of `values`. */
export function oneOf(...values: readonly unknown[]): OptionRule {
  return (v) => values.includes(v) ? undefined : mustBeOneOf(values);
}

/** A nested options object checked by its own rules (or `false` where `allowFalse`). */
export function nested(
  rules: Readonly<Record<string, OptionRule>>,
  allowFalse = false,
): OptionRule {
  return (v) => {
    if (allowFalse && v === false) return undefined;
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      return allowFalse ? "must be an object or false" : "must be an object";
    }
    const issues = problems(v as Record<string, unknown>, rules, "");
    return issues.length === 0
      ? undefined
      : issues.map((i) => `"${i.param}" ${i.message}`).join(", ");
  };
}

const NO_ISSUES: readonly ValidationIssue[] = Object.freeze([]);

/** What is wrong with `options`; valid options allocate nothing. */
function problems(
  options: Record<string, unknown>,
  rules: Readonly<Record<string, OptionRule>>,
  prefix: string,
): readonly ValidationIssue[] {
  let issues: ValidationIssue[] | undefined;
  for (const key in options) {
    const value = options[key];
    if (value === undefined) continue;
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined;
    const message = rule ? rule(value) : "is not an option here";
    if (message !== undefined) (issues ??= []).push({ param: `${prefix}${key}`, message });
  }
  return issues ?? NO_ISSUES;
}

/**
 * Checks an options object: every defined value against its rule, and no unknown name.
 *
 * @throws {ValidationError} naming every problem, for `what` (the method or function).
 */
export function checkOptions(
  what: string,
  options: unknown,
  rules: Readonly<Record<string, OptionRule>>,
): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new ValidationError(what, [{ param: "options", message: "must be an object" }]);
  }
  const issues = problems(options as Record<string, unknown>, rules, "");
  if (issues.length > 0) throw new ValidationError(what, [...issues]);
}

/** The rules of every request's options (`RequestOptions`). */
export const REQUEST_OPTIONS: Readonly<Record<string, OptionRule>> = {
  signal,
  timeoutMs: duration(1),
  returnRateLimits: boolean,
};

/** The rules of a reconnect policy (`ReconnectPolicy`, or `false`). */
export const RECONNECT_POLICY: OptionRule = nested({
  initialDelayMs: duration(0),
  maxDelayMs: duration(0),
  factor: finite(1, 100),
  jitter: boolean,
  maxAttempts: integer(1),
}, true);

/** The rules of `connectWsApi`'s options. */
export const WS_API_OPTIONS: Readonly<Record<string, OptionRule>> = {
  url: wsUrl,
  credentials: (v) => {
    const c = v as { apiKey?: unknown; signer?: { sign?: unknown } } | null;
    if (typeof c !== "object" || c === null) return "must be an object";
    if (typeof c.apiKey !== "string" || c.apiKey === "") {
      return '"apiKey" must be a non-empty string';
    }
    if (typeof c.signer?.sign !== "function") {
      return '"signer" must be a Signer (see createSigner())';
    }
    return undefined;
  },
  returnRateLimits: boolean,
  timeUnit: oneOf("MILLISECOND", "MICROSECOND"),
  timeoutMs: duration(1),
  connectTimeoutMs: duration(1),
  rateLimitPolicy: oneOf("wait", "refuse"),
  reconnect: RECONNECT_POLICY,
  renewAfterMs: duration(1),
  recvWindow,
  signal,
  logon: boolean,
  generateClientOrderIds: boolean,
  onUnknownOutcome: oneOf("resolve", "throw"),
  unknownOutcomeMarginMs: duration(0),
  resolveTimeoutMs: duration(1),
  idleTimeoutMs: duration(0),
};

/** The rules of `request()`'s options. */
export const RAW_REQUEST_OPTIONS: Readonly<Record<string, OptionRule>> = {
  ...REQUEST_OPTIONS,
  security: oneOf("NONE", "TRADE", "USER_DATA", "USER_STREAM"),
  weight: finite(0, 1_000_000),
  orders: integer(0, 100),
};
