// Defects the property tests (tests/property/) found, each as the smallest failing case.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { record, startScriptedPeer } from "../_helpers.ts";

Deno.test('an "event" that is an array is an error event, not an event', async () => {
  await using peer = startScriptedPeer((r) => `{"id":${r.id},"status":200,"result":{}}`);
  await using conn = await spot.connectWsApi({ url: peer.url });
  const errors = record<spot.WsApiEventMap, "error">(conn, "error");
  const events = record<spot.WsApiEventMap, "event">(conn, "event");
  peer.send('{"event":[]}');
  peer.send('{"event":{"e":"outboundAccountPosition"},"subscriptionId":1}');
  assert.deepEqual(await spot.ping(conn), {});
  assert.deepEqual(events.map((e) => e.event), [{ e: "outboundAccountPosition" }]);
  assert.equal(errors.length, 1);
  assert.ok(errors[0].error instanceof spot.UnexpectedMessageError);
  assert.equal((errors[0].error as spot.UnexpectedMessageError).frame, '{"event":[]}');
});
