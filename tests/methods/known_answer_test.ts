// Known answers through the public API (issue 10 acceptance): the docs' signed `order.place`
// examples (web-socket-api.md "SIGNED request example (HMAC)", its non-ASCII twin, and the RSA
// and Ed25519 ones) called as `orderPlace(conn, documented params, { generateClientOrderIds:
// false })`. HMAC: the sent signature is the documented one. RSA and Ed25519: the docs do not
// publish their private keys, so the payload handed to the signer is the documented one; and
// RSA and Ed25519 signed `orderTest` calls are accepted by the fake exchange's own verifier.
import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  orderPlace,
  type OrderPlaceParams,
  orderTest,
  type Signer,
  type SigningKey,
} from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";
import { startScriptedPeer } from "../_helpers.ts";

interface DocVector {
  id: string;
  apiKey: string;
  secretKey: string | null;
  /** The signed params, every value as text (the payload's view). */
  params: Record<string, string>;
  payload: string;
  signature: string;
}

const fixtures = new URL("../fixtures/", import.meta.url);
const vectors = (JSON.parse(
  await Deno.readTextFile(new URL("signing-vectors.json", fixtures)),
) as { docVectors: DocVector[] }).docVectors;
const full = JSON.parse(
  await Deno.readTextFile(new URL("wsapi/order.place.response.full.json", fixtures)),
).result;

/** The documented order of a vector, as a caller writes it: recvWindow and timestamp as numbers. */
function documentedOrder(v: DocVector): OrderPlaceParams {
  const { apiKey: _apiKey, recvWindow, timestamp, ...order } = v.params;
  return {
    ...(order as unknown as OrderPlaceParams),
    recvWindow: Number(recvWindow),
    timestamp: Number(timestamp),
  };
}

/** A signer that hands every payload to `seen`, then signs it with `inner`. */
function recording(inner: Signer, seen: string[]): Signer {
  return {
    keyType: inner.keyType,
    sign(payload: string): Promise<string> {
      seen.push(payload);
      return inner.sign(payload);
    },
  };
}

for (const v of vectors.filter((v) => v.id.startsWith("hmac-"))) {
  Deno.test(`orderPlace reproduces the docs' HMAC signature (${v.id})`, async () => {
    await using peer = startScriptedPeer((r) =>
      JSON.stringify({ id: r.id, status: 200, result: full })
    );
    await using conn = await connectWsApi({
      url: peer.url,
      credentials: {
        apiKey: v.apiKey,
        signer: await createSigner({ type: "HMAC", secretKey: v.secretKey! }),
      },
    });
    const params = documentedOrder(v);
    await orderPlace(conn, params, { generateClientOrderIds: false });
    assert.equal(peer.received.length, 1, "one frame: an explicit timestamp needs no clock sync");
    const sent = peer.received[0];
    assert.equal(sent.method, "order.place");
    assert.equal(sent.params.signature, v.signature, "the documented signature");
    assert.deepEqual(sent.params, { ...params, apiKey: v.apiKey, signature: v.signature });
  });
}

const FAKE_KEYS: Record<string, SigningKey> = {
  RSA: FAKE_ACCOUNT.rsaKey,
  Ed25519: FAKE_ACCOUNT.ed25519Key,
};

for (const v of vectors.filter((v) => v.id.startsWith("rsa-") || v.id.startsWith("ed25519-"))) {
  const type = v.id.startsWith("rsa-") ? "RSA" : "Ed25519";
  Deno.test(`orderPlace signs the docs' ${type} payload (${v.id})`, async () => {
    await using peer = startScriptedPeer((r) =>
      JSON.stringify({ id: r.id, status: 200, result: full })
    );
    const payloads: string[] = [];
    await using conn = await connectWsApi({
      url: peer.url,
      // The docs' private keys are not published: the fake's key signs, the payload is checked.
      credentials: {
        apiKey: v.apiKey,
        signer: recording(await createSigner(FAKE_KEYS[type]), payloads),
      },
      logon: false,
    });
    await orderPlace(conn, documentedOrder(v), { generateClientOrderIds: false });
    assert.deepEqual(payloads, [v.payload], "the documented payload, signed once");
    const sent = peer.received[0].params;
    assert.equal(sent.apiKey, v.apiKey);
    assert.match(
      String(sent.signature),
      type === "RSA" ? /^[A-Za-z0-9+/]{342}==$/ : /^[A-Za-z0-9+/]{86}==$/,
    );
  });
}

for (const type of ["RSA", "Ed25519"] as const) {
  Deno.test(`an orderTest signed with ${type} is accepted by the fake's own verifier`, async () => {
    await using fake = await startFakeBinance();
    await using conn = await connectWsApi({
      url: fake.wsApiUrl,
      credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_KEYS[type]) },
      logon: false,
    });
    const result = await orderTest(conn, {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "60000.00",
      quantity: "0.001",
    });
    assert.deepEqual(result, {});
    const sent = fake.received.map((f) => JSON.parse(f.text)).filter((f) =>
      f.method === "order.test"
    );
    assert.equal(sent.length, 1);
    assert.equal(typeof sent[0].params.signature, "string", "signed per request, not by a session");
    assert.equal(fake.executed.filter((e) => e.method === "order.test").length, 1, "verified, run");
  });
}
