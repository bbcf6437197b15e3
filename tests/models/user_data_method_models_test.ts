// Every documented response example of the four User Data Stream methods parses into its
// model with every documented value kept.
import assert from "node:assert/strict";
import {
  EmptyResult,
  type ModelFactory,
  SessionSubscriptionList,
  UnexpectedMessageError,
  UserDataSubscribed,
} from "../../mod.ts";
import { exampleResult as result } from "../_helpers.ts";

const examples: [string, ModelFactory<unknown>][] = [
  ["userDataStream.subscribe.response", UserDataSubscribed],
  ["userDataStream.subscribe.signature.response", UserDataSubscribed],
  ["userDataStream.unsubscribe.response", EmptyResult],
  ["session.subscriptions.response", SessionSubscriptionList],
];

for (const [name, model] of examples) {
  Deno.test(`user data method models: ${name} parses and keeps every documented field`, async () => {
    const raw = await result(name);
    assert.deepEqual(model.parse(raw), raw);
  });
}

Deno.test("user data method models: the ids as documented; a bad id is refused by name", async () => {
  assert.equal(
    UserDataSubscribed.parse(await result("userDataStream.subscribe.response"))
      .subscriptionId,
    0,
  );
  assert.deepEqual(
    SessionSubscriptionList.parse(await result("session.subscriptions.response"))
      .map((s) => s.subscriptionId),
    [0, 1],
  );
  assert.throws(() => UserDataSubscribed.parse({ subscriptionId: "0" }), UnexpectedMessageError);
  assert.throws(
    () => SessionSubscriptionList.parse([{ subscriptionId: 2 ** 53 }]),
    UnexpectedMessageError,
  );
});
