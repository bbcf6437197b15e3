// Shared by the property tests: the seed, generators of valid and invalid values derived from
// the Binance docs (web-socket-api.md, web-socket-streams.md; never from the client's schemas),
// and a JSON writer that can put numbers no JavaScript number holds (2^53 + 1, 1e400) in a frame.
import fc from "fast-check";
import assert from "node:assert/strict";
import { ValidationError } from "../../mod.ts";

export { fc };

/** The seed of every property: a failure replays exactly (`fc.assert` prints the path). */
export const SEED = 42;

/** `fc.assert` parameters of one property. */
export function runs(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns };
}

// ---- plain values ---------------------------------------------------------------------------

/** Upper-case ASCII letters and digits: what Binance symbols are made of. */
const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".split("");
const LOWER = "abcdefghijklmnopqrstuvwxyz".split("");

/** A symbol as the WS API takes it: 1–20 upper-case letters and digits (e.g. `"BNBBTC"`). */
export const wsSymbol: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...UPPER_ALNUM),
  minLength: 1,
  maxLength: 20,
});

/** A symbol as the stream functions take it: letters and digits in either case (sent lower-case). */
export const streamSymbol: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...UPPER_ALNUM, ...LOWER),
  minLength: 1,
  maxLength: 20,
});

/**
 * ASCII characters no symbol has: space, punctuation outside Binance's `-_.`, the C0 controls
 * and DEL. Any of them would also break a stream name (`@`, `/`) or a URL (`?`, `#`, `%`).
 */
export const BAD_ASCII: string[] = [
  ..." \t\n\r\v\f/@#?%&*+=,;:'\"\\<>|!$^()[]{}~`".split(""),
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  "\x7f",
];

/** One bad ASCII character; often one that would change a stream name or a URL. */
const badAsciiChar: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("@", "/", " ", "?", "#", "%", "&", "\n", "\u0000"),
  fc.constantFrom(...BAD_ASCII),
);

/** `symbol` with one bad character inserted at a random place. */
function withCharIn(symbol: fc.Arbitrary<string>, char: fc.Arbitrary<string>) {
  return fc.tuple(symbol, char, fc.nat()).map(([s, c, at]) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + c + s.slice(i);
  });
}

/** Values of every JSON type and a few that JSON cannot carry (bigint, NaN, symbols, functions). */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 3 }),
  fc.bigInt(),
  fc.constantFrom(NaN, Infinity, -Infinity, Symbol("x"), () => 1, new Date(0)),
);

/** A value that is not of the given `typeof` (null and arrays count as their own kinds). */
export function notA(kind: "string" | "number" | "boolean" | "array" | "object") {
  return anyValue.filter((v) => {
    const k = v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
    if (kind === "number") return k !== "number" || !Number.isFinite(v as number);
    return k !== kind;
  });
}

/** Symbols the WS API does not take: wrong types, empty, over 20 characters, lower case, bad ASCII. */
export const badWsSymbol: fc.Arbitrary<unknown> = fc.oneof(
  notA("string"),
  fc.constant(""),
  fc.string({ unit: fc.constantFrom(...UPPER_ALNUM), minLength: 21, maxLength: 40 }),
  withCharIn(wsSymbol, fc.constantFrom(...LOWER)),
  withCharIn(wsSymbol, badAsciiChar),
);

/** Symbols no stream function takes: wrong types, empty, over 20 characters, bad ASCII. */
export const badStreamSymbol: fc.Arbitrary<unknown> = fc.oneof(
  notA("string"),
  fc.constant(""),
  fc.string({ unit: fc.constantFrom(...UPPER_ALNUM), minLength: 21, maxLength: 40 }),
  withCharIn(streamSymbol, badAsciiChar),
);

// Unicode (issue 7, defect 6): Binance takes letters and digits of any script (CHANGELOG
// 2025-12), nothing else. Categories whose status the docs leave open (marks, modifier letters,
// other numerals such as "½") are in neither set.

const codePoint = (min: number, max: number) =>
  fc.integer({ min, max }).map((cp) => String.fromCodePoint(cp));

/** Non-ASCII characters no symbol may have: controls, format, separators, punctuation, symbols. */
export const badUnicodeChar: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "\u0080",
    "\u0085",
    "\u009f",
    "\u00a0", // no-break space
    "\u00ad", // soft hyphen
    "\u1680",
    "\u2000",
    "\u200a",
    "\u200b", // zero-width space
    "\u200c",
    "\u200d",
    "\u200e",
    "\u2028",
    "\u2029",
    "\u202e", // right-to-left override
    "\u2060",
    "\u3000",
    "\ufeff", // BOM
    "\ud800", // lone surrogates
    "\udbff",
    "\udc00",
    "\udfff",
    "\ufffe",
    "\uffff",
    "€",
    "—",
    "·",
    "™",
    "🚀",
  ),
  codePoint(0x80, 0x10ffff).filter((c) => /^[\p{C}\p{Z}\p{P}\p{S}]$/u.test(c)),
);

/**
 * Non-ASCII letters (upper case or caseless) and decimal digits of any script, e.g. "１", "币",
 * and one Han character beyond the BMP ("𠀀", U+20000).
 */
export const unicodeSymbolChar: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("１", "２", "３", "币", "安", "Ä", "Ж", "٣", "ア", "𠀀"),
  codePoint(0x80, 0xffff).filter((c) => /^[\p{Lu}\p{Lo}\p{Nd}]$/u.test(c)),
);

/** Mixes of ASCII and non-ASCII letters and digits, at most 20 UTF-16 units. */
export function unicodeSymbol(ascii: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.array(fc.oneof(unicodeSymbolChar, ascii), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.join(""))
    .filter((s) => s.length >= 1 && s.length <= 20);
}

/** A symbol with one invalid non-ASCII character inserted. */
export function withBadUnicode(symbol: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return withCharIn(symbol, badUnicodeChar);
}

/** Integers in [min, max] (docs: INT / LONG with a range). */
export function intIn(min: number, max: number): fc.Arbitrary<number> {
  return fc.integer({ min, max });
}

/** Numbers an INT/LONG parameter in [min, max] does not take. */
export function badInt(min: number, max: number): fc.Arbitrary<unknown> {
  const out: fc.Arbitrary<unknown>[] = [
    notA("number"),
    fc.constantFrom(NaN, Infinity, -Infinity, 2 ** 53, 1e21, -(2 ** 53)),
    fc.double({ min: Math.max(min, -1e9), max: Math.min(max, 1e9), noInteger: true, noNaN: true }),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: min - 1 }),
  ];
  if (max < Number.MAX_SAFE_INTEGER) out.push(fc.integer({ min: max + 1, max: max + 1e6 }));
  return fc.oneof(...out);
}

/** Millisecond timestamps from 2017 to 2100 (or the same in µs): what `startTime`/`endTime` take. */
export const timestamp: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1_483_228_800_000, max: 4_102_444_800_000 }),
  fc.integer({ min: 1_483_228_800_000, max: 2_000_000_000_000 }).map((ms) => ms * 1000),
);

/** What swaps the case of every letter (`"1m"` → `"1M"`). */
function swapCase(s: string): string {
  return [...s].map((c) => c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()).join("");
}

/** Strings that are none of `values`: other words, case swaps, padding, and other types. */
export function badEnum(values: readonly unknown[]): fc.Arbitrary<unknown> {
  const strings = values.filter((v): v is string => typeof v === "string");
  const near: fc.Arbitrary<unknown>[] = strings.length === 0 ? [] : [
    fc.constantFrom(...strings).map((v) => swapCase(v)),
    fc.constantFrom(...strings).map((v) => ` ${v}`),
    fc.constantFrom(...strings).map((v) => `${v} `),
    fc.constantFrom(...strings).map((v) => v.slice(0, -1)),
  ];
  return fc.oneof(
    notA("string").filter((v) => !values.includes(v)),
    fc.string({ maxLength: 10 }),
    fc.constant(""),
    ...near,
  ).filter((v) => !values.includes(v));
}

/** Values `true`/`false` parameters and options do not take. */
export const badBoolean: fc.Arbitrary<unknown> = fc.oneof(
  notA("boolean"),
  fc.constantFrom("true", "false", 0, 1, "yes"),
);

/** Keys that are not any of `known`: random, near misses, and prototype names. */
export function unknownKey(known: readonly string[]): fc.Arbitrary<string> {
  const near = known.length === 0 ? [] : [
    fc.constantFrom(...known).map((k) => k.toUpperCase()),
    fc.constantFrom(...known).map((k) => `${k}s`),
    fc.constantFrom(...known).map((k) => ` ${k}`),
  ];
  return fc.oneof(
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"),
    ...near,
  ).filter((k) => !known.includes(k));
}

/** `value` with `key` set as an own property (even `"__proto__"`). */
export function withKey(value: object, key: string, v: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  Object.defineProperty(out, key, {
    value: v,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return out;
}

/** `value` without `keys`. */
export function without(
  value: Record<string, unknown>,
  ...keys: string[]
): Record<string, unknown> {
  const out = { ...value };
  for (const k of keys) delete out[k];
  return out;
}

/**
 * A description of a generated value for assertion messages: bigint-safe, and with every
 * character outside printable ASCII escaped (an invisible one must show).
 */
export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(
      value,
      (_k, v) => typeof v === "bigint" ? `${v}n` : typeof v === "symbol" ? String(v) : v,
    ) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Asserts that `promise` rejects (within 5 s) with a `ValidationError` naming `what`. */
export async function rejectsValidation(
  promise: Promise<unknown>,
  what: string,
  context: string,
): Promise<ValidationError> {
  let error: unknown;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("no answer within 5 s")), 5_000);
  });
  try {
    // A connection or subscription opened by mistake is closed, so that the failure shows.
    const opened = await Promise.race([promise, late]) as { close?(): unknown };
    await (opened as { unsubscribe?(): unknown })?.unsubscribe?.();
    await opened?.close?.();
  } catch (e) {
    error = e;
  } finally {
    clearTimeout(timer);
  }
  assert.ok(
    error instanceof ValidationError,
    `${context}: expected a ValidationError, got ${error === undefined ? "success" : error}`,
  );
  assert.equal(error.method, what, context);
  assert.ok(error.issues.length > 0, context);
  return error;
}

// ---- frames ---------------------------------------------------------------------------------

/** A number written as given: `2^53 + 1` exactly, `1e400`, `-0`. */
export class RawNumber {
  /**
   * @param text The number's JSON text.
   */
  constructor(readonly text: string) {}
}

/** A JSON value, with raw numbers. */
export type Json = null | boolean | number | string | RawNumber | Json[] | { [k: string]: Json };

/** Writes `value` as JSON text, raw numbers as they are. */
export function toJson(value: Json): string {
  if (value instanceof RawNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${
      Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(",")
    }}`;
  }
  return JSON.stringify(value);
}

/** A path to a value inside a JSON document. */
export type Path = (string | number)[];

/** Every path to a leaf (not an array or object) of `value`. */
export function leaves(value: Json, prefix: Path = []): Path[] {
  if (value instanceof RawNumber || value === null || typeof value !== "object") return [prefix];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([k, v]) => leaves(v, [...prefix, k]));
}

/** Every path to a key of an object in `value`. */
export function keys(value: Json, prefix: Path = []): Path[] {
  if (value instanceof RawNumber || value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => keys(v, [...prefix, i]));
  return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...keys(v, [...prefix, k])]);
}

/** A deep copy of `value` with the value at `path` replaced (or removed when `to` is undefined). */
export function setAt(value: Json, path: Path, to: Json | undefined): Json {
  if (path.length === 0) return to === undefined ? null : to;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && to === undefined) copy.splice(head as number, 1);
    else copy[head as number] = setAt(copy[head as number], rest, to);
    return copy;
  }
  const copy = { ...(value as Record<string, Json>) };
  if (rest.length === 0 && to === undefined) delete copy[head];
  else copy[head] = setAt(copy[head], rest, to);
  return copy;
}

/** The value at `path`. */
export function getAt(value: Json, path: Path): Json {
  return path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], value);
}

/** The JSON kind of a leaf: what a flip must change. */
export function kindOf(v: Json): "null" | "boolean" | "number" | "string" | "array" | "object" {
  if (v instanceof RawNumber || typeof v === "number") return "number";
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v as "boolean" | "string" | "object";
}

/** JSON numbers no documented integer field takes: above 2^53, infinite, fractional. */
const badNumber: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(
    new RawNumber("9007199254740993"),
    new RawNumber("-9007199254740993"),
    new RawNumber("123456789012345678901234567890"),
    new RawNumber("1e400"),
    new RawNumber("-1e400"),
    1.5,
  ),
  fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
);

/** Values no documented integer field takes: the numbers above, or one in a string. */
export const badNumberLeaf: fc.Arbitrary<Json> = fc.oneof(badNumber, fc.constant("7"));

/** A JSON value of another kind than `kind` (and, for numbers, no number at all). */
export function otherKind(kind: ReturnType<typeof kindOf>): fc.Arbitrary<Json> {
  const all: [ReturnType<typeof kindOf>, fc.Arbitrary<Json>][] = [
    ["null", fc.constant(null)],
    ["boolean", fc.boolean()],
    ["number", fc.oneof(fc.integer(), badNumber)],
    ["string", fc.string({ maxLength: 6 })],
    ["array", fc.array(fc.integer(), { maxLength: 2 })],
    ["object", fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 })],
  ];
  return fc.oneof(...all.filter(([k]) => k !== kind).map(([, a]) => a));
}

/** Nested junk: any JSON, with raw numbers. */
export const junk: fc.Arbitrary<Json> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.string({ maxLength: 6 }),
    badNumberLeaf,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie("value"), { maxKeys: 3 }),
  ),
})).value as fc.Arbitrary<Json>;

/** Reads a fixture as JSON. */
export async function fixture(path: string): Promise<Json> {
  return JSON.parse(
    await Deno.readTextFile(new URL(`../fixtures/${path}`, import.meta.url)),
  ) as Json;
}

/** Every path to an object (`{…}`) in `value`, the root included. */
export function objects(value: Json, prefix: Path = []): Path[] {
  if (value instanceof RawNumber || value === null || typeof value !== "object") return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  const below = entries.flatMap(([k, v]) => objects(v, [...prefix, k]));
  return Array.isArray(value) ? below : [prefix, ...below];
}

/** Every path to an array in `value`, the root included. */
export function arrays(value: Json, prefix: Path = []): Path[] {
  if (value instanceof RawNumber || value === null || typeof value !== "object") return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  const below = entries.flatMap(([k, v]) => arrays(v, [...prefix, k]));
  return Array.isArray(value) ? [prefix, ...below] : below;
}

/** Where a documented shape is open: fields a model may not check, values that may be null. */
export interface Leniency {
  /** Fields documented as "Ignore" / unused, or open records (exchange filters). */
  loose?(path: Path): boolean;
  /** Fields documented as "may be null". */
  nullable?(path: Path): boolean;
}

/** A corrupted document: how, the result, and whether the documented shape forbids it. */
export interface Corrupted {
  why: string;
  value: Json;
  /** The change breaks the documented shape: the client must refuse it. */
  mustReject: boolean;
}

/**
 * Corruptions of a documented message: a leaf of another JSON type, an integer above 2^53 (or
 * infinite, fractional, quoted), a field dropped, an unknown field, junk appended to an
 * array, or the whole value replaced by junk.
 */
export function corrupt(value: Json, leniency: Leniency = {}): fc.Arbitrary<Corrupted> {
  const loose = leniency.loose ?? (() => false);
  const nullable = leniency.nullable ?? (() => false);
  const at = (path: Path) => path.length === 0 ? "the value" : `"${path.join(".")}"`;
  const ls = leaves(value).filter((p) => p.length > 0);
  const numbers = ls.filter((p) => kindOf(getAt(value, p)) === "number");
  const ks = keys(value);
  const os = objects(value);
  const as = arrays(value);
  const ways: fc.Arbitrary<Corrupted>[] = [
    junk.map((j) => ({ why: `replaced by ${show(toJson(j))}`, value: j, mustReject: false })),
  ];
  if (ls.length > 0) {
    ways.push(
      fc.constantFrom(...ls).chain((path) =>
        otherKind(kindOf(getAt(value, path))).map((to) => ({
          why: `${at(path)} → ${toJson(to)}`,
          value: setAt(value, path, to),
          mustReject: !loose(path) && !(to === null && nullable(path)),
        }))
      ),
    );
  }
  if (numbers.length > 0) {
    ways.push(
      fc.tuple(fc.constantFrom(...numbers), badNumberLeaf).map(([path, to]) => ({
        why: `${at(path)} → ${toJson(to)}`,
        value: setAt(value, path, to),
        mustReject: !loose(path),
      })),
    );
  }
  if (ks.length > 0) {
    ways.push(
      fc.constantFrom(...ks).map((path) => ({
        why: `${at(path)} dropped`,
        value: setAt(value, path, undefined),
        mustReject: false,
      })),
    );
  }
  if (os.length > 0) {
    ways.push(
      fc.tuple(fc.constantFrom(...os), fc.string({ minLength: 1, maxLength: 6 }), junk)
        .filter(([path, k]) => !Object.hasOwn(getAt(value, path) as object, k))
        .map(([path, k, j]) => ({
          why: `${at(path)} gets "${k}": ${toJson(j)}`,
          value: setAt(value, [...path, k], j),
          mustReject: false,
        })),
    );
  }
  if (as.length > 0) {
    ways.push(
      fc.tuple(fc.constantFrom(...as), junk).map(([path, j]) => ({
        why: `${at(path)} gets ${toJson(j)} appended`,
        value: setAt(value, [...path, (getAt(value, path) as Json[]).length], j),
        mustReject: false,
      })),
    );
  }
  return fc.oneof(...ways);
}
