// Review 87: an order.cancelReplace whose answer was lost and whose new order is not found
// ends as OrderNotPlacedError; the old order may already be canceled (the new order refused
// after the cancel, or ALLOW_FAILURE). The error must say, typed, whether it was.
import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  orderCancelReplace,
  OrderNotPlacedError,
  orderPlace,
} from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

const API_KEY = FAKE_ACCOUNT.apiKey;

async function setup() {
  const fake = await startFakeBinance();
  const conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: API_KEY, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
    reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
    recvWindow: 1000,
    unknownOutcomeMarginMs: 300,
    resolveTimeoutMs: 6000,
    timeoutMs: 3000,
  });
  await conn.syncClock();
  return {
    fake,
    conn,
    async [Symbol.asyncDispose]() {
      await conn.close();
      await fake.close();
    },
  };
}

const resting = (price: string, id: string) =>
  ({
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price,
    quantity: "0.001",
    newClientOrderId: id,
  }) as const;

/** A LIMIT_MAKER BUY at the market: refused (-2010) after the cancel. */
const taking = { side: "BUY", type: "LIMIT_MAKER", price: "65000.00", quantity: "0.001" } as const;

Deno.test("cancelReplace lost answer, new order refused after the cancel: OrderNotPlacedError says the old order was canceled", async () => {
  await using s = await setup();
  for (const mode of ["STOP_ON_FAILURE", "ALLOW_FAILURE"] as const) {
    const oldId = `old-${mode}`;
    const old = await orderPlace(s.conn, resting("40001.00", oldId));
    s.fake.armOrderFault({ kind: "dropAfterExecuting" }, { methods: ["order.cancelReplace"] });
    const e = await orderCancelReplace(s.conn, {
      symbol: "BTCUSDT",
      cancelReplaceMode: mode,
      cancelOrderId: old.orderId,
      ...taking,
    }).catch((e) => e);
    assert.ok(e instanceof OrderNotPlacedError, String(e));
    assert.equal(s.fake.trading.ordersByClientId(API_KEY, oldId)[0].status, "CANCELED");
    const cancel = (e as { cancel?: { cancelResult: string; canceled?: boolean } }).cancel;
    assert.equal(
      cancel?.canceled,
      true,
      `${mode}: the error does not say the old order was canceled: ${e.message}`,
    );
    assert.equal(cancel?.cancelResult, "SUCCESS");
    assert.match(e.message, /was canceled/);
  }
});

Deno.test("cancelReplace lost answer, nothing executed: OrderNotPlacedError says the old order was not canceled", async () => {
  await using s = await setup();
  const old = await orderPlace(s.conn, resting("40002.00", "old-kept"));
  s.fake.armOrderFault({ kind: "dropBeforeExecuting" }, { methods: ["order.cancelReplace"] });
  const e = await orderCancelReplace(s.conn, {
    symbol: "BTCUSDT",
    cancelReplaceMode: "ALLOW_FAILURE",
    cancelOrigClientOrderId: "old-kept",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "40003.00",
    quantity: "0.001",
  }).catch((e) => e);
  assert.ok(e instanceof OrderNotPlacedError, String(e));
  assert.equal(s.fake.trading.ordersByClientId(API_KEY, "old-kept")[0].status, "NEW");
  const cancel = (e as {
    cancel?: { cancelResult: string; canceled?: boolean; order?: Record<string, unknown> };
  }).cancel;
  assert.equal(cancel?.canceled, false, `the error does not say the old order stays: ${e.message}`);
  assert.equal(cancel?.cancelResult, "FAILURE");
  assert.equal(cancel?.order?.orderId, old.orderId);
  assert.equal(cancel?.order?.status, "NEW");
});
