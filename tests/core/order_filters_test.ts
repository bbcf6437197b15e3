// checkOrderFilters: one test per filter, against the fake exchange's exchangeInfo, exact
// decimals; and the order methods' `filters` option refuses before sending.
import assert from "node:assert/strict";
import {
  checkOrderFilters,
  connectWsApi,
  createSigner,
  exchangeInfo,
  FilterError,
  type FilterOrder,
  orderListPlaceOco,
  orderPlace,
  type SymbolInfo,
} from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";

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
  assert.deepEqual(checkOrderFilters(info, { ...LIMIT, icebergQty: "0.00010" }), []); // 10 parts
  only(checkOrderFilters(info, { ...LIMIT, icebergQty: "0.00009" }), "ICEBERG_PARTS", "icebergQty");
});

Deno.test("checkOrderFilters: MAX_NUM_ORDERS counts the open orders and the placement", () => {
  assert.deepEqual(checkOrderFilters(info, LIMIT, { openOrders: 199 }), []);
  only(checkOrderFilters(info, LIMIT, { openOrders: 200 }), "MAX_NUM_ORDERS", "");
  only(checkOrderFilters(info, [LIMIT, LIMIT], { openOrders: 199 }), "MAX_NUM_ORDERS", "");
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
