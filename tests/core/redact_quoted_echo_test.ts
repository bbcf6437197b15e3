// A malformed 5xx answer whose `error` is the echoed request as a JSON string (its quotes
// escaped): the ServerError's quote must not carry the full apiKey nor the signature.
import assert from "node:assert/strict";
import { accountStatus, connectWsApi, createSigner } from "../../mod.ts";
import { okAnswer, startScriptedPeer } from "../_helpers.ts";

const API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
const SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

Deno.test("a 500 whose error is the echoed request as a string quotes no apiKey or signature", async () => {
  await using peer = startScriptedPeer((req) => {
    if (req.method === "time") return okAnswer(req.id, { serverTime: Date.now() });
    const echo = JSON.stringify({ signature: req.params.signature, apiKey: req.params.apiKey });
    return JSON.stringify({ id: req.id, status: 500, error: echo });
  });
  const signer = await createSigner({ type: "HMAC", secretKey: SECRET });
  await using conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: API_KEY, signer },
    reconnect: false,
  });
  const error = await accountStatus(conn).then(() => undefined, (e) => e);
  assert.ok(error instanceof Error);
  const signature = peer.received.find((r) => r.method === "account.status")!.params
    .signature as string;
  for (const text of [error.message, Deno.inspect(error)]) {
    assert.ok(!text.includes(signature.slice(0, 40)), `the signature shows: ${text}`);
    assert.ok(!text.includes(API_KEY.slice(0, 40)), `the full apiKey shows: ${text}`);
  }
});
