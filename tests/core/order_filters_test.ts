// checkOrderFilters: one test per filter, against the fake exchange's exchangeInfo, exact
// decimals; and the order methods' `filters` option refuses before sending.
import assert from "node:assert/strict";
import {
  avgPrice,
  BinanceApiError,
  checkOrderFilters,
  connectWsApi,
  createSigner,
  exchangeInfo,
  FilterError,
  type FilterOrder,
  orderCancelReplace,
  orderListPlaceOco,
  orderPlace,
  type OrderPlaceParams,
  type SymbolInfo,
  type WsApiConnection,
} from "../../mod.ts";
import { FAKE_ACCOUNT, type FakeBinance, startFakeBinance } from "../../testing/mod.ts";

async function btcusdt(): Promise<SymbolInfo> {
  await using exchange = await startFakeBinance();
  await using conn = await connectWsApi({ url: exchange.wsApiUrl });
  return (await exchangeInfo(conn, { symbol: "BTCUSDT" })).symbols[0];
}

const info = await btcusdt();
const filter = (type: string) => info.filters.find((f) => f.filterType === type)!;
const LIMIT: FilterOrder = { side: "BUY", type: "LIMIT", price: "65000.00", quantity: "0.00100" };

function only(found: { filterType: string; param: string }[], filterType: string, param: string) {
  assert.deepEqual(found.map((f) => [f.filterType, f.param]), [[filterType, param]]);
}

Deno.test("checkOrderFilters: a valid order passes every filter of the fake's BTCUSDT", () => {
  assert.deepEqual(checkOrderFilters(info, LIMIT, { referencePrice: "65000", openOrders: 0 }), []);
  assert.equal(filter("PRICE_FILTER").tickSize, "0.01000000");
});

Deno.test("checkOrderFilters: PRICE_FILTER: tick size, minimum, maximum, stopPrice too", () => {
  only(checkOrderFilters(info, { ...LIMIT, price: "65000.005" }), "PRICE_FILTER", "price");
  const low = checkOrderFilters(info, { ...LIMIT, price: "0.00", quantity: "9000" });
  assert.ok(
    low.some((f) => f.filterType === "PRICE_FILTER" && /below the minimum/.test(f.message)),
  );
  only(
    checkOrderFilters(info, { ...LIMIT, price: "1000000.01", quantity: "0.00001" }),
    "PRICE_FILTER",
    "price",
  );
  only(
    checkOrderFilters(info, {
      side: "SELL",
      type: "STOP_LOSS",
      quantity: "0.001",
      stopPrice: "1.001",
    }),
    "PRICE_FILTER",
    "stopPrice",
  );
});

Deno.test("checkOrderFilters: LOT_SIZE: step size, minimum, maximum, and icebergQty", () => {
  only(
    checkOrderFilters(info, { ...LIMIT, price: "100000.00", quantity: "0.000015" }),
    "LOT_SIZE",
    "quantity",
  );
  only(
    checkOrderFilters(info, { ...LIMIT, price: "1.00", quantity: "9000.00001" }),
    "LOT_SIZE",
    "quantity",
  );
  only(checkOrderFilters(info, { ...LIMIT, icebergQty: "0.000105" }), "LOT_SIZE", "icebergQty");
});

Deno.test("checkOrderFilters: MARKET_LOT_SIZE applies to MARKET orders only", () => {
  const market: FilterOrder = { side: "BUY", type: "MARKET", quantity: "100.00001" };
  only(checkOrderFilters(info, market), "MARKET_LOT_SIZE", "quantity");
  assert.deepEqual(checkOrderFilters(info, { ...LIMIT, price: "1.00", quantity: "100.00001" }), []);
});

Deno.test("checkOrderFilters: PERCENT_PRICE_BY_SIDE against the reference price, by side", () => {
  // bidMultiplierUp 5, bidMultiplierDown 0.2: a BUY within [13000, 325000] of 65000.
  only(
    checkOrderFilters(info, { ...LIMIT, price: "325000.01", quantity: "0.00001" }, {
      referencePrice: "65000",
    }),
    "PERCENT_PRICE_BY_SIDE",
    "price",
  );
  only(
    checkOrderFilters(info, { ...LIMIT, price: "12999.99" }, { referencePrice: "65000" }),
    "PERCENT_PRICE_BY_SIDE",
    "price",
  );
  assert.deepEqual(
    checkOrderFilters(info, { ...LIMIT, price: "13000.00" }, { referencePrice: "65000" }),
    [],
  );
  // Without a reference price the filter is not checked.
  assert.deepEqual(checkOrderFilters(info, { ...LIMIT, price: "12999.99" }), []);
});

Deno.test("checkOrderFilters: NOTIONAL: price × quantity, exactly; MARKET by reference price", () => {
  const min = filter("NOTIONAL").minNotional as string; // "1.00000000"
  assert.equal(min, "1.00000000");
  only(
    checkOrderFilters(info, { ...LIMIT, price: "0.99", quantity: "1.00000" }),
    "NOTIONAL",
    "quantity",
  );
  assert.deepEqual(
    checkOrderFilters(info, { ...LIMIT, price: "100000.00", quantity: "0.00001" }),
    [],
  );
  const market: FilterOrder = { side: "BUY", type: "MARKET", quantity: "0.00001" };
  only(checkOrderFilters(info, market, { referencePrice: "65000" }), "NOTIONAL", "quantity");
  only(
    checkOrderFilters(info, { side: "BUY", type: "MARKET", quoteOrderQty: "0.99" }),
    "NOTIONAL",
    "quoteOrderQty",
  );
});

Deno.test("checkOrderFilters: MIN_NOTIONAL (a symbol that has it), applyToMarket", () => {
  const sym = {
    symbol: "X",
    filters: [{
      filterType: "MIN_NOTIONAL",
      minNotional: "10.0",
      applyToMarket: false,
      avgPriceMins: 5,
    }],
  };
  only(
    checkOrderFilters(sym, { ...LIMIT, price: "9.99", quantity: "1" }),
    "MIN_NOTIONAL",
    "quantity",
  );
  assert.deepEqual(
    checkOrderFilters(sym, { side: "BUY", type: "MARKET", quantity: "1" }, { referencePrice: "1" }),
    [],
  );
});

Deno.test("checkOrderFilters: ICEBERG_PARTS: ceil(quantity / icebergQty) at most the limit", () => {
  // ICEBERG_PARTS is 100 (CHANGELOG 2026-02-24).
  const order = { ...LIMIT, quantity: "0.01000" };
  assert.deepEqual(checkOrderFilters(info, { ...order, icebergQty: "0.00010" }), []); // 100 parts
  only(checkOrderFilters(info, { ...order, icebergQty: "0.00009" }), "ICEBERG_PARTS", "icebergQty");
});

Deno.test("checkOrderFilters: MAX_NUM_ORDERS counts the open orders and the placement", () => {
  assert.deepEqual(checkOrderFilters(info, LIMIT, { openOrders: 199 }), []);
  only(checkOrderFilters(info, LIMIT, { openOrders: 200 }), "MAX_NUM_ORDERS", "");
  only(checkOrderFilters(info, [LIMIT, LIMIT], { openOrders: 199 }), "MAX_NUM_ORDERS", "");
});

Deno.test("checkOrderFilters: PERCENT_PRICE (multiplierUp, multiplierDown) against the reference price", () => {
  const symbolInfo = {
    symbol: "BNBBTC",
    filters: [{
      filterType: "PERCENT_PRICE",
      multiplierUp: "1.3000",
      multiplierDown: "0.7000",
      avgPriceMins: 5,
    }],
  };
  const order: FilterOrder = { side: "SELL", type: "LIMIT", price: "1.30000001", quantity: "1" };
  only(checkOrderFilters(symbolInfo, order, { referencePrice: "1" }), "PERCENT_PRICE", "price");
  only(
    checkOrderFilters(symbolInfo, { ...order, price: "0.69999999" }, { referencePrice: "1" }),
    "PERCENT_PRICE",
    "price",
  );
  for (const price of ["1.3", "0.70000000"]) {
    assert.deepEqual(
      checkOrderFilters(symbolInfo, { ...order, price }, { referencePrice: "1" }),
      [],
    );
  }
  assert.deepEqual(checkOrderFilters(symbolInfo, order), [], "no reference price: not checked");
});

Deno.test("checkOrderFilters: a negative value or an unreadable filter field is a RangeError, never a pass", () => {
  const open = {
    symbol: "X",
    filters: [{ filterType: "PRICE_FILTER", minPrice: "0", maxPrice: "0", tickSize: "0" }],
  };
  assert.throws(
    () => checkOrderFilters(open, { ...LIMIT, price: "-1.00" }),
    (e: unknown) => e instanceof RangeError && /"price" "-1.00" is negative/.test(e.message),
  );
  const float = { symbol: "X", filters: [{ filterType: "PRICE_FILTER", tickSize: 0.01 }] };
  assert.throws(
    () => checkOrderFilters(float, { ...LIMIT, price: "65000.005" }),
    (e: unknown) => e instanceof RangeError && /PRICE_FILTER's "tickSize": 0.01/.test(e.message),
  );
});

Deno.test("checkOrderFilters: MAX_NUM_ALGO_ORDERS counts stop and take-profit orders only", () => {
  const stop: FilterOrder = {
    side: "SELL",
    type: "STOP_LOSS",
    quantity: "0.001",
    stopPrice: "60000",
  };
  only(checkOrderFilters(info, stop, { openAlgoOrders: 5 }), "MAX_NUM_ALGO_ORDERS", "");
  assert.deepEqual(checkOrderFilters(info, LIMIT, { openAlgoOrders: 5 }), []);
});

Deno.test("checkOrderFilters: TRAILING_DELTA, above and below ranges by type and side", () => {
  const trailing: FilterOrder = {
    side: "SELL",
    type: "STOP_LOSS",
    quantity: "0.001",
    trailingDelta: 9,
  };
  only(checkOrderFilters(info, trailing), "TRAILING_DELTA", "trailingDelta");
  only(
    checkOrderFilters(info, { ...trailing, side: "BUY", trailingDelta: 2001 }),
    "TRAILING_DELTA",
    "trailingDelta",
  );
  assert.deepEqual(checkOrderFilters(info, { ...trailing, trailingDelta: "2000" }), []);
});

Deno.test("order methods: `filters` refuses a violating order with a FilterError, nothing sent", async () => {
  await using exchange = await startFakeBinance();
  const signer = await createSigner({ type: "HMAC", secretKey: "test-secret" });
  await using conn = await connectWsApi({
    url: exchange.wsApiUrl,
    credentials: { apiKey: "test-api-key", signer },
  });
  const before = exchange.received.length;
  await assert.rejects(
    orderPlace(
      conn,
      {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "LIMIT",
        timeInForce: "GTC",
        price: "65000.005",
        quantity: "0.001",
      },
      { filters: info },
    ),
    (e: unknown) => {
      assert.ok(e instanceof FilterError);
      assert.deepEqual(e.violations.map((v) => v.filterType), ["PRICE_FILTER"]);
      assert.equal(e.issues[0].param, "price");
      assert.match(e.message, /fails PRICE_FILTER/);
      return true;
    },
  );
  // Each leg of a list is checked.
  await assert.rejects(
    orderListPlaceOco(conn, {
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.000015",
      aboveType: "LIMIT_MAKER",
      abovePrice: "70000",
      belowType: "STOP_LOSS",
      belowStopPrice: "60000",
    }, { filters: info }),
    (e: unknown) =>
      e instanceof FilterError && e.violations.length === 2 &&
      e.violations.every((v) => v.filterType === "LOT_SIZE"),
  );
  assert.equal(exchange.received.length, before, "nothing was sent");
});

Deno.test("order.cancelReplace with `filters` does not count the open orders: the one it cancels may not count", async () => {
  await using exchange = await startFakeBinance();
  const signer = await createSigner({ type: "HMAC", secretKey: "test-secret" });
  await using conn = await connectWsApi({
    url: exchange.wsApiUrl,
    credentials: { apiKey: "test-api-key", signer },
  });
  const params = {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "60000.00",
    quantity: "0.001",
    cancelReplaceMode: "STOP_ON_FAILURE",
    cancelOrderId: 1,
  } as const;
  // At the limit: sent (the exchange decides; its answer here is about the unknown order 1).
  await assert.rejects(
    orderCancelReplace(conn, params, { filters: info, openOrders: 200, openAlgoOrders: 5 }),
    (e: unknown) => e instanceof BinanceApiError && !(e instanceof FilterError),
  );
  assert.equal(exchange.received.filter((r) => r.text.includes(`"order.cancelReplace"`)).length, 1);
  // Its other filters are still checked before sending.
  await assert.rejects(
    orderCancelReplace(conn, { ...params, price: "60000.005" }, { filters: info }),
    (e: unknown) => e instanceof FilterError && e.violations[0].filterType === "PRICE_FILTER",
  );
  assert.equal(exchange.received.filter((r) => r.text.includes(`"order.cancelReplace"`)).length, 1);
});

// The same orders, sent to the fake exchange without `filters`: it refuses each with -1013
// naming the filter that checkOrderFilters names. Each order breaks that one filter only, at
// the fake's market (BTCUSDT near 65 000; its average price is PERCENT_PRICE_BY_SIDE's and
// the MARKET notional's reference). MIN_NOTIONAL has no counterpart: the fake's symbols carry
// NOTIONAL, as Binance's do today.

async function trader(): Promise<
  { fake: FakeBinance; conn: WsApiConnection; avg: string } & AsyncDisposable
> {
  const fake = await startFakeBinance();
  const conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  const avg = (await avgPrice(conn, { symbol: "BTCUSDT" })).price;
  return {
    fake,
    conn,
    avg,
    async [Symbol.asyncDispose]() {
      await conn.close();
      await fake.close();
    },
  };
}

/** The client names `filterType` before sending; the fake, sent the same order, names it too. */
async function sameVerdict(
  t: { fake: FakeBinance; conn: WsApiConnection; avg: string },
  filterType: string,
  order: OrderPlaceParams,
  counts: { openOrders?: number; openAlgoOrders?: number } = {},
): Promise<void> {
  const before = t.fake.received.length;
  await assert.rejects(
    orderPlace(t.conn, order, { filters: info, referencePrice: t.avg, ...counts }),
    (e: unknown) => {
      assert.ok(e instanceof FilterError, String(e));
      assert.deepEqual(e.violations.map((v) => v.filterType), [filterType]);
      return true;
    },
  );
  assert.equal(t.fake.received.length, before, "refused before sending");
  await assert.rejects(orderPlace(t.conn, order), (e: unknown) => {
    assert.ok(e instanceof BinanceApiError, String(e));
    assert.equal(e.code, -1013);
    assert.equal(e.msg, `Filter failure: ${filterType}`);
    return true;
  });
}

const BUY = {
  symbol: "BTCUSDT",
  side: "BUY",
  type: "LIMIT",
  timeInForce: "GTC",
  price: "60000.00",
  quantity: "0.00100",
} as const;
const STOP = { symbol: "BTCUSDT", side: "SELL", type: "STOP_LOSS", quantity: "0.00100" } as const;

Deno.test("the fake refuses with -1013 PRICE_FILTER what checkOrderFilters names PRICE_FILTER", async () => {
  await using t = await trader();
  await sameVerdict(t, "PRICE_FILTER", { ...BUY, price: "60000.005" });
  await sameVerdict(t, "PRICE_FILTER", { ...STOP, stopPrice: "60000.001" });
});

Deno.test("the fake refuses with -1013 LOT_SIZE what checkOrderFilters names LOT_SIZE", async () => {
  await using t = await trader();
  await sameVerdict(t, "LOT_SIZE", { ...BUY, quantity: "0.001005" });
  await sameVerdict(t, "LOT_SIZE", { ...BUY, icebergQty: "0.000105" });
});

Deno.test("the fake refuses with -1013 MARKET_LOT_SIZE what checkOrderFilters names MARKET_LOT_SIZE", async () => {
  await using t = await trader();
  await sameVerdict(t, "MARKET_LOT_SIZE", {
    symbol: "BTCUSDT",
    side: "SELL",
    type: "MARKET",
    quantity: "100.00001",
  });
});

Deno.test("the fake refuses with -1013 PERCENT_PRICE_BY_SIDE what checkOrderFilters names it", async () => {
  await using t = await trader();
  await sameVerdict(t, "PERCENT_PRICE_BY_SIDE", { ...BUY, price: "10000.00", quantity: "0.01" });
  await sameVerdict(t, "PERCENT_PRICE_BY_SIDE", {
    ...BUY,
    side: "SELL",
    price: "400000.00",
    quantity: "0.00100",
  });
});

Deno.test("the fake refuses with -1013 NOTIONAL what checkOrderFilters names NOTIONAL", async () => {
  await using t = await trader();
  await sameVerdict(t, "NOTIONAL", { ...BUY, quantity: "0.00001" });
  await sameVerdict(t, "NOTIONAL", {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "MARKET",
    quoteOrderQty: "0.99",
  });
});

Deno.test("the fake refuses with -1013 ICEBERG_PARTS what checkOrderFilters names ICEBERG_PARTS", async () => {
  await using t = await trader();
  await sameVerdict(t, "ICEBERG_PARTS", { ...BUY, quantity: "0.01", icebergQty: "0.00009" });
});

Deno.test("the fake refuses with -1013 TRAILING_DELTA what checkOrderFilters names TRAILING_DELTA", async () => {
  await using t = await trader();
  await sameVerdict(t, "TRAILING_DELTA", { ...STOP, trailingDelta: 9 });
  await sameVerdict(t, "TRAILING_DELTA", { ...STOP, side: "BUY", trailingDelta: 2001 });
});

Deno.test("the fake refuses with -1013 MAX_NUM_ALGO_ORDERS the 6th open stop, as checkOrderFilters does", async () => {
  await using t = await trader();
  for (let i = 0; i < 5; i++) await orderPlace(t.conn, { ...STOP, stopPrice: "50000.00" });
  assert.equal(t.fake.trading.openOrders(FAKE_ACCOUNT.apiKey).length, 5);
  await sameVerdict(t, "MAX_NUM_ALGO_ORDERS", { ...STOP, stopPrice: "50000.00" }, {
    openAlgoOrders: 5,
  });
});

Deno.test("the fake refuses with -1013 MAX_NUM_ORDERS the 201st open order, as checkOrderFilters does", async () => {
  await using t = await trader();
  // 200 resting orders in batches of 50 (the ORDERS limit per 10 s), each on a connection of
  // its own (the client's governor counts per connection): the fake's clock moves 11 s on
  // between batches, and a 60 s recvWindow keeps the timestamps valid.
  const signer = await createSigner(FAKE_ACCOUNT.hmacKey);
  for (let batch = 0; batch < 4; batch++) {
    t.fake.setClockOffset(batch * 11_000);
    await using conn = await connectWsApi({
      url: t.fake.wsApiUrl,
      credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer },
    });
    await Promise.all(
      Array.from({ length: 50 }, () => orderPlace(conn, { ...BUY, recvWindow: 60_000 })),
    );
  }
  assert.equal(t.fake.trading.openOrders(FAKE_ACCOUNT.apiKey).length, 200);
  t.fake.setClockOffset(44_000);
  await sameVerdict(t, "MAX_NUM_ORDERS", { ...BUY, recvWindow: 60_000 }, { openOrders: 200 });
});
