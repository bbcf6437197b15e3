// Private: how a raw (`/ws`) connection tells which stream a payload belongs to. Raw
// payloads carry no stream name, so the route is derived from the payload's event type and
// symbol; streams whose payloads look alike (a kline with and without `@+08:00`, both
// speeds of a depth stream, two partial depth streams) share a route.

/** The route of a stream name on a raw connection. */
export function routeOfName(name: string): string {
  const at = name.indexOf("@");
  const symbol = name.slice(0, at);
  const kind = name.slice(at + 1);
  if (/^depth(5|10|20)(@100ms)?$/.test(kind)) return "@partialDepth";
  if (/^depth(@100ms)?$/.test(kind)) return `${symbol}@depth`;
  const kline = /^(kline_[0-9a-zA-Z]+)(@\+08:00)?$/.exec(kind);
  if (kline) return `${symbol}@${kline[1]}`;
  return name;
}

const WINDOW_TICKER = /^(\w+)Ticker$/;

/** The route of a raw payload, or `undefined` when it cannot be told. */
export function routeOfPayload(data: unknown): string | undefined {
  if (Array.isArray(data)) {
    const e = (data[0] as Record<string, unknown> | undefined)?.e;
    if (e === "24hrMiniTicker") return "!miniTicker@arr";
    if (typeof e === "string") {
      const w = WINDOW_TICKER.exec(e);
      if (w) return `!ticker_${w[1]}@arr`;
    }
    return undefined;
  }
  if (typeof data !== "object" || data === null) return undefined;
  const p = data as Record<string, unknown>;
  const e = p.e;
  const s = typeof p.s === "string" ? p.s.toLowerCase() : undefined;
  if (typeof e !== "string") {
    if ("lastUpdateId" in p) return "@partialDepth";
    if (s !== undefined && "u" in p) return `${s}@bookTicker`;
    return undefined;
  }
  if (s === undefined) return undefined;
  switch (e) {
    case "depthUpdate":
      return `${s}@depth`;
    case "kline": {
      const k = p.k as Record<string, unknown> | undefined;
      return typeof k?.i === "string" ? `${s}@kline_${k.i}` : undefined;
    }
    case "24hrMiniTicker":
      return `${s}@miniTicker`;
    case "24hrTicker":
      return `${s}@ticker`;
    case "trade":
    case "aggTrade":
    case "blockTrade":
    case "avgPrice":
    case "referencePrice":
      return `${s}@${e}`;
  }
  const w = WINDOW_TICKER.exec(e);
  return w ? `${s}@ticker_${w[1]}` : undefined;
}
