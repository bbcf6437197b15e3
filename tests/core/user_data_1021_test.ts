// A User Data Stream request signed per request (`userDataStream.subscribe.signature`) that
// gets -1021 is sent again once only with the clock measured again and time left, as any
// SIGNED request: when the measurement cannot be made, the -1021 stands and nothing more goes.
import assert from "node:assert/strict";
import {
  BinanceApiError,
  connectWsApi,
  createSigner,
  userDataStreamSubscribeSignature,
} from "../../mod.ts";
import { okAnswer as ok, startScriptedPeer } from "../_helpers.ts";

Deno.test("a -1021 on a signature subscribe is not re-sent when the clock cannot be measured again", async () => {
  let times = 0;
  let subscribes = 0;
  await using peer = startScriptedPeer((req) => {
    if (req.method === "time") {
      return ++times === 1 ? ok(req.id, { serverTime: Date.now() }) : undefined;
    }
    if (req.method === "userDataStream.subscribe.signature") {
      subscribes++;
      return JSON.stringify({
        id: req.id,
        status: 400,
        error: { code: -1021, msg: "Timestamp for this request is outside of the recvWindow." },
      });
    }
    return ok(req.id, {});
  });
  await using conn = await connectWsApi({
    url: peer.url,
    credentials: {
      apiKey: "k".repeat(64),
      signer: await createSigner({ type: "HMAC", secretKey: "s" }),
    },
  });
  await conn.syncClock();
  const error = await userDataStreamSubscribeSignature(conn, {}, { timeoutMs: 300 }).catch((e) =>
    e
  );
  assert.ok(error instanceof BinanceApiError && error.code === -1021, String(error));
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(subscribes, 1, "not sent again");
});
