// The method files' request path (`_method.ts` -> `_request.ts` -> the connection): every
// method's result is read through its model, whichever path the request takes (unsigned, signed,
// session.logout), and the unsigned path keeps the socket count the renewal drains by.
import assert from "node:assert/strict";
import {
  accountStatus,
  connectWsApi,
  createSigner,
  sessionLogout,
  tickerPrice,
  UnexpectedMessageError,
} from "../../mod.ts";
import { startScriptedPeer } from "../_helpers.ts";

/** A signed connection to a peer that answers `time` properly and everything else `result`. */
async function peerAnswering(result: unknown) {
  const peer = startScriptedPeer((req) =>
    JSON.stringify({
      id: req.id,
      status: 200,
      result: req.method === "time" ? { serverTime: Date.now() } : result,
    })
  );
  const signer = await createSigner({ type: "HMAC", secretKey: "test-secret" });
  const conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: "test-api-key", signer },
  });
  return {
    conn,
    async [Symbol.asyncDispose]() {
      await conn.close();
      await peer.close();
    },
  };
}

Deno.test("a method's result is read through its model on the unsigned, signed and logout paths", async () => {
  await using s = await peerAnswering({ unexpected: true });
  const mismatch = (e: unknown) =>
    e instanceof UnexpectedMessageError && /Cannot read/.test(e.message);
  await assert.rejects(tickerPrice(s.conn, { symbol: "BTCUSDT" }), mismatch);
  await assert.rejects(accountStatus(s.conn), mismatch);
  await assert.rejects(sessionLogout(s.conn), mismatch);
});

Deno.test("the unsigned path resolves with the model, not the raw result", async () => {
  await using s = await peerAnswering({ symbol: "BTCUSDT", price: "1.00000000", extra: 1 });
  const one = await tickerPrice(s.conn, { symbol: "BTCUSDT" });
  assert.deepEqual(one, { symbol: "BTCUSDT", price: "1.00000000" });
  assert.equal(s.conn.pendingRequests, 0);
});
