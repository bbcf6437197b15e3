// The parameters of the 19 WS API methods and the 14 stream functions as the Binance docs give
// them (web-socket-api.md parameter tables and notes, web-socket-streams.md stream names), turned
// into generators of valid and of invalid parameters. Written from the docs, not from the
// client's schemas: a difference between the two is what these properties look for.
import * as spot from "../../mod.ts";
import {
  badBoolean,
  badEnum,
  badInt,
  badStreamSymbol,
  badWsSymbol,
  fc,
  intIn,
  notA,
  show,
  streamSymbol,
  timestamp,
  unknownKey,
  withKey,
  without,
  wsSymbol,
} from "./_arbitraries.ts";

/** One parameter: what it takes and what it does not. */
export interface Field {
  valid: fc.Arbitrary<unknown>;
  invalid: fc.Arbitrary<unknown>;
}

/** The documented rules of one method's (or stream function's) parameters. */
export interface ParamRules {
  fields: Record<string, Field>;
  /** Mandatory parameters. */
  required?: readonly string[];
  /** Groups of which at most one may be sent ("cannot be used together"). */
  atMostOne?: readonly (readonly string[])[];
  /** Groups of which at least one must be sent ("one of symbol/symbols is mandatory"). */
  oneOf?: readonly (readonly string[])[];
  /** `[a, others]`: `a` cannot be combined with any of `others`. */
  excludes?: readonly (readonly [string, readonly string[]])[];
  /** `[start, end]` pairs kept in order in valid inputs. */
  ordered?: readonly (readonly [string, string])[];
}

type Params = Record<string, unknown>;

/** A WS API method: its name, its rules and a call of the method function. */
export interface MethodSpec extends ParamRules {
  method: string;
  call(conn: spot.WsApiConnection, params: unknown, options?: unknown): Promise<unknown>;
}

/** A stream function: its name, its rules, the documented stream name and a subscribe call. */
export interface StreamSpec extends ParamRules {
  fn: string;
  /** The stream name from web-socket-streams.md for valid params. */
  expectedName(params: Params): string;
  /** The module's name builder (`tradeStreamName`). */
  name(params: unknown): string;
  subscribe(
    conn: spot.StreamConnection,
    params: unknown,
    options?: unknown,
  ): Promise<spot.Subscription<unknown>>;
}

// ---- field kinds ----------------------------------------------------------------------------

const SYMBOL_STATUS = ["TRADING", "HALT", "BREAK"] as const;
const TICKER_TYPE = ["FULL", "MINI"] as const;
const KLINE_INTERVALS = [
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
/** enums.md, Account and Symbol Permissions (a few of them). */
const PERMISSIONS = ["SPOT", "MARGIN", "LEVERAGED", "TRD_GRP_002", "TRD_GRP_004"] as const;

const enumField = (values: readonly unknown[]): Field => ({
  valid: fc.constantFrom(...values),
  invalid: badEnum(values),
});

const intField = (min: number, max = Number.MAX_SAFE_INTEGER): Field => ({
  valid: intIn(min, max),
  invalid: badInt(min, max),
});

const timeField: Field = { valid: timestamp, invalid: badInt(0, Number.MAX_SAFE_INTEGER) };

const boolField: Field = { valid: fc.boolean(), invalid: badBoolean };

/** A symbol: one the fake lists (so that some answers are results) or any well-formed one. */
function symbolField(listed: readonly string[]): Field {
  return { valid: fc.oneof(fc.constantFrom(...listed), wsSymbol), invalid: badWsSymbol };
}

/** `symbols`: a list of distinct symbols, at most `max` (when the docs give one). */
function symbolsField(listed: readonly string[], max?: number): Field {
  const one = fc.oneof(fc.constantFrom(...listed), wsSymbol);
  const invalid: fc.Arbitrary<unknown>[] = [
    notA("array"),
    fc.constant([]),
    fc.tuple(fc.uniqueArray(one, { maxLength: 3 }), badWsSymbol, fc.nat())
      .map(([list, bad, at]) => (list as unknown[]).toSpliced(at % (list.length + 1), 0, bad)),
  ];
  if (max !== undefined) {
    invalid.push(
      fc.constant(Array.from({ length: max + 1 }, (_, i) => `S${i.toString(36).toUpperCase()}`)),
    );
  }
  return {
    valid: fc.uniqueArray(one, { minLength: 1, maxLength: Math.min(max ?? 30, 30) }),
    invalid: fc.oneof(...invalid),
  };
}

/**
 * `timeZone` (klines, uiKlines, ticker.tradingDay): hours, or hours and minutes, within
 * [-12:00, +14:00], e.g. "-1:00", "05:45", "0", "8".
 */
const timeZoneField: Field = {
  valid: fc.tuple(fc.constantFrom("", "+", "-"), fc.nat(14), fc.nat(59), fc.boolean(), fc.boolean())
    .map(([sign, h, m, withMinutes, pad]) => {
      const max = sign === "-" ? 12 : 14;
      const hours = Math.min(h, max);
      const minutes = hours === max ? 0 : m;
      const hh = pad ? String(hours).padStart(2, "0") : String(hours);
      return withMinutes ? `${sign}${hh}:${String(minutes).padStart(2, "0")}` : `${sign}${hh}`;
    }),
  invalid: fc.oneof(
    notA("string"),
    fc.constantFrom(
      "15",
      "+15",
      "-13",
      "14:01",
      "+14:30",
      "-12:01",
      "-12:30",
      "1:60",
      "1:99",
      "1:5",
      "1:005",
      "",
      "+",
      "-",
      "8h",
      "UTC",
      "8.5",
      " 8",
      "8 ",
      "+-8",
      "008",
      "08:00:00",
      "1::00",
      "٨",
      "８",
    ),
    fc.integer({ min: 15, max: 99 }).map(String),
    // Minutes beyond 59, or beyond the range's ends.
    fc.tuple(fc.constantFrom("", "+", "-"), fc.nat(12), fc.integer({ min: 60, max: 99 }))
      .map(([sign, h, m]) => `${sign}${h}:${m}`),
    fc.integer({ min: 1, max: 59 }).map((m) => `14:${String(m).padStart(2, "0")}`),
    fc.integer({ min: 1, max: 59 }).map((m) => `-12:${String(m).padStart(2, "0")}`),
  ),
};

/** `windowSize` of `ticker`: 1m–59m, 1h–23h or 1d–7d; units cannot be combined. */
const windowSizeField: Field = {
  valid: fc.oneof(
    fc.integer({ min: 1, max: 59 }).map((n) => `${n}m`),
    fc.integer({ min: 1, max: 23 }).map((n) => `${n}h`),
    fc.integer({ min: 1, max: 7 }).map((n) => `${n}d`),
  ),
  invalid: fc.oneof(
    notA("string"),
    fc.constantFrom(
      "0m",
      "60m",
      "0h",
      "24h",
      "0d",
      "8d",
      "1w",
      "1M",
      "1s",
      "1H",
      "1D",
      "01m",
      "1h30m",
      "",
      "m",
      "1",
      " 1h",
      "1h ",
    ),
    fc.integer({ min: 60, max: 999 }).map((n) => `${n}m`),
    fc.integer({ min: 24, max: 999 }).map((n) => `${n}h`),
  ),
};

/** `permissions` of exchangeInfo: one name or a list of names. */
const permissionsField: Field = {
  valid: fc.oneof(
    fc.constantFrom(...PERMISSIONS),
    fc.uniqueArray(fc.constantFrom(...PERMISSIONS), { minLength: 1 }),
  ),
  invalid: fc.oneof(
    notA("string").filter((v) => !Array.isArray(v)),
    fc.constant(""),
    fc.constant([]),
    fc.array(notA("string"), { minLength: 1, maxLength: 3 }),
  ),
};

// ---- generators from rules --------------------------------------------------------------------

/** Valid parameters: any subset of the optional ones, the required ones, the rules kept. */
export function validParams(rules: ParamRules): fc.Arbitrary<Params> {
  const names = Object.keys(rules.fields);
  if (names.length === 0) return fc.constant({});
  const model = Object.fromEntries(names.map((n) => [n, rules.fields[n].valid]));
  return fc.tuple(
    fc.record(model, { requiredKeys: [...(rules.required ?? [])] }),
    fc.record(model),
    fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  ).map(([some, all, coin]) => {
    let p: Params = { ...some };
    let c = 0;
    for (const group of rules.atMostOne ?? []) {
      const present = group.filter((n) => p[n] !== undefined);
      if (present.length > 1) {
        const keep = present[coin[c++ % 8] ? 0 : present.length - 1];
        p = without(p, ...present.filter((n) => n !== keep));
      }
    }
    for (const [a, others] of rules.excludes ?? []) {
      if (p[a] !== undefined && others.some((o) => p[o] !== undefined)) {
        p = coin[c++ % 8] ? without(p, a) : without(p, ...others);
      }
    }
    for (const group of rules.oneOf ?? []) {
      if (group.every((n) => p[n] === undefined)) {
        const n = group[coin[c++ % 8] ? 0 : group.length - 1];
        p = { ...p, [n]: all[n] };
      }
    }
    for (const [start, end] of rules.ordered ?? []) {
      if (
        p[start] !== undefined && p[end] !== undefined && (p[start] as number) > (p[end] as number)
      ) {
        p = { ...p, [start]: p[end], [end]: p[start] };
      }
    }
    return p;
  });
}

/** One way to break valid parameters, and the broken parameters. */
export interface Broken {
  why: string;
  params: unknown;
}

/**
 * Invalid parameters: valid ones with one documented rule broken — a wrong value (type,
 * range, enum, symbol), a missing mandatory parameter, an unknown name, parameters that
 * cannot be combined, none of a one-of group — or no object at all.
 */
export function invalidParams(rules: ParamRules): fc.Arbitrary<Broken> {
  const names = Object.keys(rules.fields);
  const base = validParams(rules);
  const all = names.length === 0
    ? fc.constant({})
    : fc.record(Object.fromEntries(names.map((n) => [n, rules.fields[n].valid])));
  const ways: fc.Arbitrary<Broken>[] = [
    fc.tuple(base, unknownKey(names), fc.oneof(fc.integer(), fc.string(), fc.constant(null)))
      .map(([p, k, v]) => ({ why: `unknown ${show(k)}`, params: withKey(p, k, v) })),
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 }))
      .map((v) => ({ why: `params ${show(v)}`, params: v })),
  ];
  for (const n of names) {
    ways.push(
      fc.tuple(base, rules.fields[n].invalid).map(([p, v]) => ({
        why: `${n} = ${show(v)}`,
        params: withKey(p, n, v),
      })),
    );
  }
  for (const r of rules.required ?? []) {
    ways.push(base.map((p) => ({ why: `no ${r}`, params: without(p, r) })));
  }
  for (const group of rules.atMostOne ?? []) {
    ways.push(
      fc.tuple(base, all, fc.shuffledSubarray([...group], { minLength: 2 })).map((
        [p, a, both],
      ) => ({
        why: `${both.join(" + ")} together`,
        params: { ...p, ...Object.fromEntries(both.map((n) => [n, (a as Params)[n]])) },
      })),
    );
  }
  for (const [a, others] of rules.excludes ?? []) {
    ways.push(
      fc.tuple(base, all, fc.constantFrom(...others)).map(([p, v, o]) => ({
        why: `${a} with ${o}`,
        params: { ...p, [a]: (v as Params)[a], [o]: (v as Params)[o] },
      })),
    );
  }
  for (const group of rules.oneOf ?? []) {
    ways.push(
      base.map((p) => ({ why: `none of ${group.join("/")}`, params: without(p, ...group) })),
    );
  }
  return fc.oneof(...ways);
}

// ---- the 19 methods -------------------------------------------------------------------------

type Call = MethodSpec["call"];
// The method functions are typed (and overloaded); the properties hand them anything.
// deno-lint-ignore no-explicit-any
const any = (f: (...args: any[]) => Promise<unknown>): Call => f as Call;

/** The 19 WS API methods of web-socket-api.md the module covers, with their parameter rules. */
export function methodSpecs(listed: readonly string[]): MethodSpec[] {
  const symbol = symbolField(listed);
  const symbols = symbolsField(listed);
  const klineRules: ParamRules = {
    fields: {
      symbol,
      interval: enumField(KLINE_INTERVALS),
      startTime: timeField,
      endTime: timeField,
      timeZone: timeZoneField,
      limit: intField(1, 1000),
    },
    required: ["symbol", "interval"],
    ordered: [["startTime", "endTime"]],
  };
  return [
    { method: "ping", call: any(spot.ping), fields: {} },
    { method: "time", call: any(spot.time), fields: {} },
    {
      method: "exchangeInfo",
      call: any(spot.exchangeInfo),
      fields: {
        symbol,
        symbols,
        permissions: permissionsField,
        showPermissionSets: boolField,
        symbolStatus: enumField(SYMBOL_STATUS),
      },
      atMostOne: [["symbol", "symbols", "permissions"]],
      excludes: [["symbolStatus", ["symbol", "symbols"]]],
    },
    {
      method: "executionRules",
      call: any(spot.executionRules),
      fields: { symbol, symbols, symbolStatus: enumField(SYMBOL_STATUS) },
      atMostOne: [["symbol", "symbols", "symbolStatus"]],
    },
    {
      method: "depth",
      call: any(spot.depth),
      fields: { symbol, limit: intField(1, 5000), symbolStatus: enumField(SYMBOL_STATUS) },
      required: ["symbol"],
    },
    {
      method: "trades.recent",
      call: any(spot.tradesRecent),
      fields: { symbol, limit: intField(1, 1000) },
      required: ["symbol"],
    },
    {
      method: "trades.historical",
      call: any(spot.tradesHistorical),
      fields: { symbol, fromId: intField(0), limit: intField(1, 1000) },
      required: ["symbol"],
    },
    {
      method: "blockTrades.historical",
      call: any(spot.blockTradesHistorical),
      fields: { symbol, fromId: intField(0), limit: intField(1, 1000) },
      required: ["symbol", "fromId"],
    },
    {
      method: "trades.aggregate",
      call: any(spot.tradesAggregate),
      fields: {
        symbol,
        fromId: intField(0),
        startTime: timeField,
        endTime: timeField,
        limit: intField(1, 1000),
      },
      required: ["symbol"],
      excludes: [["fromId", ["startTime", "endTime"]]],
      ordered: [["startTime", "endTime"]],
    },
    { method: "klines", call: any(spot.klines), ...klineRules },
    { method: "uiKlines", call: any(spot.uiKlines), ...klineRules },
    { method: "avgPrice", call: any(spot.avgPrice), fields: { symbol }, required: ["symbol"] },
    {
      method: "ticker.24hr",
      call: any(spot.ticker24hr),
      fields: {
        symbol,
        symbols,
        type: enumField(TICKER_TYPE),
        symbolStatus: enumField(SYMBOL_STATUS),
      },
      atMostOne: [["symbol", "symbols"]],
    },
    {
      method: "ticker.tradingDay",
      call: any(spot.tickerTradingDay),
      fields: {
        symbol,
        symbols,
        timeZone: timeZoneField,
        type: enumField(TICKER_TYPE),
        symbolStatus: enumField(SYMBOL_STATUS),
      },
      atMostOne: [["symbol", "symbols"]],
      oneOf: [["symbol", "symbols"]],
    },
    {
      method: "ticker",
      call: any(spot.ticker),
      fields: {
        symbol,
        symbols: symbolsField(listed, 200),
        type: enumField(TICKER_TYPE),
        windowSize: windowSizeField,
        symbolStatus: enumField(SYMBOL_STATUS),
      },
      atMostOne: [["symbol", "symbols"]],
      oneOf: [["symbol", "symbols"]],
    },
    {
      method: "ticker.price",
      call: any(spot.tickerPrice),
      fields: { symbol, symbols, symbolStatus: enumField(SYMBOL_STATUS) },
      atMostOne: [["symbol", "symbols"]],
    },
    {
      method: "ticker.book",
      call: any(spot.tickerBook),
      fields: { symbol, symbols, symbolStatus: enumField(SYMBOL_STATUS) },
      atMostOne: [["symbol", "symbols"]],
    },
    {
      method: "referencePrice",
      call: any(spot.referencePrice),
      fields: { symbol },
      required: ["symbol"],
    },
    {
      method: "referencePrice.calculation",
      call: any(spot.referencePriceCalculation),
      fields: { symbol, symbolStatus: enumField(SYMBOL_STATUS) },
      required: ["symbol"],
    },
  ];
}

// ---- the 14 stream functions ----------------------------------------------------------------

const streamSymbolField: Field = { valid: streamSymbol, invalid: badStreamSymbol };
const speedField = enumField(["1000ms", "100ms"]);
const streamWindowField = enumField(["1h", "4h", "1d"]);

// deno-lint-ignore no-explicit-any
type AnyFn = (...args: any[]) => any;

/** A stream function of one symbol: `<symbol>@<kind>`. */
function symbolStream(fn: string, kind: string, name: AnyFn, subscribe: AnyFn): StreamSpec {
  return {
    fn,
    fields: { symbol: streamSymbolField },
    required: ["symbol"],
    expectedName: (p) => `${(p.symbol as string).toLowerCase()}@${kind}`,
    name,
    subscribe,
  };
}

/** The 14 stream functions, with the stream names of web-socket-streams.md. */
export const STREAM_SPECS: StreamSpec[] = [
  symbolStream("aggTradeStream", "aggTrade", spot.aggTradeStreamName, spot.aggTradeStream),
  {
    fn: "allMiniTickersStream",
    fields: {},
    expectedName: () => "!miniTicker@arr",
    name: spot.allMiniTickersStreamName,
    subscribe: (conn, _params, options) =>
      spot.allMiniTickersStream(conn, options as spot.SubscribeOptions),
  },
  {
    fn: "allRollingWindowTickersStream",
    fields: { windowSize: streamWindowField },
    required: ["windowSize"],
    expectedName: (p) => `!ticker_${p.windowSize}@arr`,
    name: spot.allRollingWindowTickersStreamName as AnyFn,
    subscribe: spot.allRollingWindowTickersStream as AnyFn,
  },
  symbolStream("avgPriceStream", "avgPrice", spot.avgPriceStreamName, spot.avgPriceStream),
  symbolStream("blockTradeStream", "blockTrade", spot.blockTradeStreamName, spot.blockTradeStream),
  symbolStream("bookTickerStream", "bookTicker", spot.bookTickerStreamName, spot.bookTickerStream),
  {
    fn: "diffDepthStream",
    fields: { symbol: streamSymbolField, speed: speedField },
    required: ["symbol"],
    expectedName: (p) =>
      `${(p.symbol as string).toLowerCase()}@depth${p.speed === "100ms" ? "@100ms" : ""}`,
    name: spot.diffDepthStreamName as AnyFn,
    subscribe: spot.diffDepthStream as AnyFn,
  },
  {
    fn: "klineStream",
    fields: {
      symbol: streamSymbolField,
      interval: enumField(KLINE_INTERVALS),
      timeZone: enumField(["+08:00"]),
    },
    required: ["symbol", "interval"],
    expectedName: (p) =>
      `${(p.symbol as string).toLowerCase()}@kline_${p.interval}${
        p.timeZone === undefined ? "" : `@${p.timeZone}`
      }`,
    name: spot.klineStreamName as AnyFn,
    subscribe: spot.klineStream as AnyFn,
  },
  symbolStream("miniTickerStream", "miniTicker", spot.miniTickerStreamName, spot.miniTickerStream),
  {
    fn: "partialDepthStream",
    fields: { symbol: streamSymbolField, levels: enumField([5, 10, 20]), speed: speedField },
    required: ["symbol", "levels"],
    expectedName: (p) =>
      `${(p.symbol as string).toLowerCase()}@depth${p.levels}${
        p.speed === "100ms" ? "@100ms" : ""
      }`,
    name: spot.partialDepthStreamName as AnyFn,
    subscribe: spot.partialDepthStream as AnyFn,
  },
  symbolStream(
    "referencePriceStream",
    "referencePrice",
    spot.referencePriceStreamName,
    spot.referencePriceStream,
  ),
  {
    fn: "rollingWindowTickerStream",
    fields: { symbol: streamSymbolField, windowSize: streamWindowField },
    required: ["symbol", "windowSize"],
    expectedName: (p) => `${(p.symbol as string).toLowerCase()}@ticker_${p.windowSize}`,
    name: spot.rollingWindowTickerStreamName as AnyFn,
    subscribe: spot.rollingWindowTickerStream as AnyFn,
  },
  symbolStream("tickerStream", "ticker", spot.tickerStreamName, spot.tickerStream),
  symbolStream("tradeStream", "trade", spot.tradeStreamName, spot.tradeStream),
];
