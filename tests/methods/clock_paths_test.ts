import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  OrderNotPlacedError,
  OrderOutcomeUnknownError,
  orderPlace,
} from "../../mod.ts";
import { okAnswer as ok, startScriptedPeer } from "../_helpers.ts";

const LIMIT = {
  symbol: "BTCUSDT",
  side: "BUY",
  type: "LIMIT",
  timeInForce: "GTC",
  price: "40000.00",
  quantity: "0.001",
  newOrderRespType: "ACK",
} as const;

Deno.test("-1021 re-send is not sent once the call's timeout has run out while the clock is re-measured", async () => {
  let times = 0;
  const places: number[] = [];
  const t0 = performance.now();
  const peer = startScriptedPeer((req) => {
    if (req.method === "time") {
      times++;
      return times >= 2 ? undefined : ok(req.id, { serverTime: Date.now() });
    }
    if (req.method === "order.status") {
      return JSON.stringify({
        id: req.id,
        status: 400,
        error: { code: -2013, msg: "Order does not exist." },
      });
    }
    if (req.method === "order.place") {
      places.push(performance.now() - t0);
      return JSON.stringify({
        id: req.id,
        status: 400,
        error: { code: -1021, msg: "Timestamp for this request is outside of the recvWindow." },
      });
    }
  });
  const conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: "k", signer: await createSigner({ type: "HMAC", secretKey: "s" }) },
    recvWindow: 100,
    unknownOutcomeMarginMs: 100,
  });
  try {
    await conn.syncClock();
    const start = performance.now() - t0;
    const err = await orderPlace(conn, LIMIT, { timeoutMs: 300, onUnknownOutcome: "throw" }).catch((
      e,
    ) => e);
    assert.equal((err as { code?: number }).code, -1021, "the -1021 stands");
    assert.equal(
      places.length,
      1,
      `re-sent at ${places[1]?.toFixed(0)} ms, after the call's 300 ms timeout started at ${
        start.toFixed(0)
      }`,
    );
  } finally {
    await conn.close();
    await peer.close();
  }
});

Deno.test("a 5xx to the first clock measurement: the order was never sent, and is not reported as an unknown outcome", async () => {
  const places: unknown[] = [];
  const statuses: unknown[] = [];
  const peer = startScriptedPeer((req) => {
    if (req.method === "time") {
      return JSON.stringify({
        id: req.id,
        status: 503,
        error: {
          code: -1008,
          msg:
            "Server is currently overloaded with other requests. Please try again in a few minutes.",
        },
      });
    }
    if (req.method === "order.status") {
      statuses.push(req.params);
      return JSON.stringify({
        id: req.id,
        status: 400,
        error: { code: -2013, msg: "Order does not exist." },
      });
    }
    if (req.method === "order.place") places.push(req.params);
  });
  const conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: "k", signer: await createSigner({ type: "HMAC", secretKey: "s" }) },
  });
  try {
    const err = await orderPlace(conn, LIMIT, { onUnknownOutcome: "throw" }).catch((e) => e);
    assert.equal(places.length, 0, "never sent");
    assert.ok(
      !(err instanceof OrderOutcomeUnknownError),
      `a request that never left is reported as ${err?.constructor?.name} (${err?.reason})`,
    );
    assert.ok(!(err instanceof OrderNotPlacedError));
  } finally {
    await conn.close();
    await peer.close();
  }
});
