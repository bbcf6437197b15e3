// Edges of order outcome certainty (found by a review): a -1021 rejection then an abort, a
// success answer after the verdict, and 5xx answers whose error body is not the documented
// shape (reused list ids: outcome_certainty_test.ts).
import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  OrderNotPlacedError,
  OrderOutcomeUnknownError,
  orderPlace,
  UnexpectedMessageError,
  UnexpectedOrderResultError,
} from "../../mod.ts";
import { FAKE_ACCOUNT } from "../../testing/mod.ts";
import { okAnswer as ok, queriedOrderResult, startScriptedPeer, waitFor } from "../_helpers.ts";

const LIMIT = {
  symbol: "BTCUSDT",
  side: "BUY",
  type: "LIMIT",
  timeInForce: "GTC",
  price: "40000.00",
  quantity: "0.001",
} as const;

for (const logon of [false, true]) {
  Deno.test(`outcome: an abort while the clock is measured again after -1021 sends nothing more, and says not sent (logon ${logon})`, async () => {
    let times = 0;
    let places = 0;
    const peer = startScriptedPeer((req) => {
      if (req.method === "time") {
        times++;
        // The second measurement (after -1021) hangs: the caller aborts meanwhile.
        return times >= 2 ? undefined : ok(req.id, { serverTime: Date.now() });
      }
      if (req.method === "session.logon") {
        return ok(req.id, {
          apiKey: FAKE_ACCOUNT.apiKey,
          authorizedSince: 1,
          connectedSince: 1,
          returnRateLimits: false,
          serverTime: Date.now(),
          userDataStream: false,
        });
      }
      if (req.method === "order.place") {
        places++;
        return JSON.stringify({
          id: req.id,
          status: 400,
          error: { code: -1021, msg: "Timestamp for this request is outside of the recvWindow." },
        });
      }
    });
    const conn = await connectWsApi({
      url: peer.url,
      credentials: {
        apiKey: FAKE_ACCOUNT.apiKey,
        signer: await createSigner(logon ? FAKE_ACCOUNT.ed25519Key : FAKE_ACCOUNT.hmacKey),
      },
      logon,
    });
    try {
      await conn.syncClock();
      if (logon) await waitFor("logon", () => conn.loggedOn);
      const ac = new AbortController();
      const placing = orderPlace(conn, { ...LIMIT, newOrderRespType: "ACK" }, {
        signal: ac.signal,
      });
      await waitFor("the measurement after -1021", () => times >= 2);
      const reason = new Error("stop");
      ac.abort(reason);
      // Rejected before execution, then not sent again: the abort's reason, no unknown outcome.
      await assert.rejects(placing, (e) => e === reason);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(places, 1, "nothing sent after the abort");
    } finally {
      await conn.close();
      await peer.close();
    }
  });
}

Deno.test("outcome: a success answer after the verdict 'not placed' is an error event naming the order", async () => {
  let placed: Record<string, unknown> = {};
  const peer = startScriptedPeer((req, reply) => {
    if (req.method === "time") return ok(req.id, { serverTime: Date.now() });
    if (req.method === "order.status") {
      return JSON.stringify({
        id: req.id,
        status: 400,
        error: { code: -2013, msg: "Order does not exist." },
      });
    }
    if (req.method === "order.place") {
      placed = req.params;
      // The engine was slow: the answer comes long after the request's timeout.
      setTimeout(() =>
        reply(ok(req.id, {
          symbol: "BTCUSDT",
          orderId: 5,
          orderListId: -1,
          clientOrderId: req.params.newClientOrderId,
          transactTime: Date.now(),
        })), 1200);
    }
  });
  const conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: "k", signer: await createSigner({ type: "HMAC", secretKey: "s" }) },
    recvWindow: 200,
    unknownOutcomeMarginMs: 100,
  });
  const errors: Error[] = [];
  conn.on("error", ({ error }) => errors.push(error));
  try {
    await assert.rejects(
      orderPlace(conn, { ...LIMIT, newOrderRespType: "ACK" }, { timeoutMs: 100 }),
      OrderNotPlacedError,
    );
    await waitFor("the late answer", () => conn.lateResponses === 1, 3000);
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof UnexpectedMessageError);
    assert.match(errors[0].message, /success answer to "order\.place".*executed/);
    assert.ok(errors[0].message.includes(`newClientOrderId "${placed.newClientOrderId}"`));
  } finally {
    await conn.close();
    await peer.close();
  }
});

for (
  const [what, frame] of [
    ["a 503 whose error has data null", (id: unknown) =>
      JSON.stringify({
        id,
        status: 503,
        error: { code: -1001, msg: "Internal error", data: null },
      })],
    [
      "a 502 whose error has no code",
      (id: unknown) => JSON.stringify({ id, status: 502, error: { msg: "Bad gateway" } }),
    ],
    ["a 500 without error", (id: unknown) => JSON.stringify({ id, status: 500 })],
    ["a 400 of code -1007 whose error has data null", (id: unknown) =>
      JSON.stringify({
        id,
        status: 400,
        error: {
          code: -1007,
          msg: "Timeout waiting for response from backend server.",
          data: null,
        },
      })],
    ["a 200 without result", (id: unknown) => JSON.stringify({ id, status: 200 })],
  ] as const
) {
  Deno.test(`outcome: ${what} is read by its status (or code), never as a failed order`, async () => {
    let sent: Record<string, unknown> = {};
    const peer = startScriptedPeer((req) => {
      if (req.method === "time") return ok(req.id, { serverTime: Date.now() });
      if (req.method === "order.place") {
        sent = req.params;
        return frame(req.id);
      }
      if (req.method === "order.status") {
        return ok(
          req.id,
          queriedOrderResult(String(sent.newClientOrderId), {
            price: "40000.00000000",
            origQty: "0.00100000",
          }),
        );
      }
    });
    const conn = await connectWsApi({
      url: peer.url,
      credentials: { apiKey: "k", signer: await createSigner({ type: "HMAC", secretKey: "s" }) },
    });
    try {
      const placing = orderPlace(conn, LIMIT);
      const lookups = () => peer.received.filter((x) => x.method === "order.status").length;
      if (what.includes("200")) {
        // A success: the order was accepted; its unreadable result is said so, with its id.
        const e = await placing.catch((e) => e);
        assert.ok(e instanceof UnexpectedOrderResultError, String(e));
        assert.equal(lookups(), 0);
      } else {
        // The execution status is unknown: resolved against the exchange, which holds it.
        const r = await placing;
        assert.equal((r as { recovered?: boolean }).recovered, true);
        assert.ok(lookups() > 0);
      }
    } catch (error) {
      if (error instanceof OrderOutcomeUnknownError) throw new Error(`unresolved: ${error}`);
      throw error;
    } finally {
      await conn.close();
      await peer.close();
    }
  });
}
