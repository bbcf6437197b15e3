// Review 74: a 5xx (or -1006/-1007) answer whose `error` object has no readable `msg` is read as
// a ServerError whose message quotes the raw `error` object. When that object echoes the
// request's params (apiKey, signature), the quote must not carry them: an UnexpectedMessageError
// redacts the same frame (apiKey shortened, signature removed), the ServerError must too.
import assert from "node:assert/strict";
import { accountStatus, connectWsApi, createSigner, ServerError } from "../../mod.ts";
import { okAnswer, startScriptedPeer } from "../_helpers.ts";

const API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
const SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

for (const status of [500, 400]) {
  Deno.test(`a malformed ${status} error echoing the params quotes no signature or apiKey`, async () => {
    await using peer = startScriptedPeer((req) => {
      if (req.method === "time") return okAnswer(req.id, { serverTime: Date.now() });
      // No `msg`: the client falls back to quoting the error object. 400 with -1007 is read as
      // an unknown outcome too.
      const error = status === 500
        ? { code: -1000, request: { signature: req.params.signature, apiKey: req.params.apiKey } }
        : { code: -1007, request: { signature: req.params.signature, apiKey: req.params.apiKey } };
      return JSON.stringify({ id: req.id, status, error });
    });
    const signer = await createSigner({ type: "HMAC", secretKey: SECRET });
    await using conn = await connectWsApi({
      url: peer.url,
      credentials: { apiKey: API_KEY, signer },
      reconnect: false,
    });
    const error = await accountStatus(conn).then(() => undefined, (e) => e);
    if (status === 500) assert.ok(error instanceof ServerError);
    const signature = peer.received.find((r) => r.method === "account.status")!.params
      .signature as string;
    assert.equal(typeof signature, "string");
    for (const text of [error.message, error.msg, Deno.inspect(error), JSON.stringify(error)]) {
      assert.ok(!text.includes(signature), `the signature shows: ${text}`);
      assert.ok(!text.includes(API_KEY), `the full apiKey shows: ${text}`);
    }
  });
}
