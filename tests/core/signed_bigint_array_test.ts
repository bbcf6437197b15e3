import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { connectWsApi, createSigner } from "../../mod.ts";
import { startScriptedPeer } from "../_helpers.ts";

// request() takes bigint params (the wire writes their exact digits, nested ones too): a SIGNED
// request with bigints inside an array is signed over the same digits it is sent with, and
// never throws synchronously.
Deno.test("a SIGNED request() with bigints in an array is signed (no synchronous throw)", async () => {
  await using peer = startScriptedPeer((req) =>
    JSON.stringify({
      id: req.id,
      status: 200,
      result: req.method === "time" ? { serverTime: Date.now() } : {},
    })
  );
  const secretKey = "s3cr3t";
  const conn = await connectWsApi({
    url: peer.url,
    idleTimeoutMs: 0,
    credentials: {
      apiKey: "k".repeat(64),
      signer: await createSigner({ type: "HMAC", secretKey }),
    },
  });
  try {
    await conn.syncClock();
    let out: Promise<unknown> | undefined;
    assert.doesNotThrow(() => {
      out = conn.request("some.method", { orderIds: [1n, 2n ** 60n] }, { security: "USER_DATA" });
    });
    await out;
    const sent = peer.received.find((r) => r.method === "some.method")!;
    const text = sent.text; // the digits as the client wrote them
    const ids = /"orderIds":(\[[^\]]*\])/.exec(text)![1];
    const p = sent.params as Record<string, unknown>;
    const payload = `apiKey=${p.apiKey}&orderIds=${ids}&timestamp=${p.timestamp}`;
    assert.equal(p.signature, createHmac("sha256", secretKey).update(payload).digest("hex"));
  } finally {
    await conn.close();
  }
});
