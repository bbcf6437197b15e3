// Private: the fake's four User Data Stream methods (web-socket-api.md "User Data Stream
// requests"), over the subscriptions of ../_exchange/user_data.ts. Weight 2 each.
//
// How the fake reads the docs where they leave a choice:
// - `userDataStream.subscribe` (USER_STREAM) "requires an authenticated WebSocket connection"
//   and takes no parameters: it subscribes the logged-on account. Without a logged-on session
//   the docs give no code; the fake answers errors.md's -1002 UNAUTHORIZED ("You are not
//   authorized to execute this request."), status 400, as it does for a logon with a key that
//   is not Ed25519. `apiKey`/`signature` sent to it are unknown parameters (-1103).
// - `userDataStream.subscribe.signature` (USER_STREAM, signed with any key type; `recvWindow`
//   optional) subscribes the signing account, on any session, logged on or not.
// - Both: one active subscription per account per connection, else -2035 SUBSCRIPTION_ACTIVE
//   ("User Data Stream subscription already active."); ids from 0 per connection; 1000 active at
//   most (the docs say "an error": the fake gives -1191 TOO_MANY_SUBSCRIPTIONS); 65 535 over a
//   connection's life, then -2042 MAXIMUM_SUBSCRIPTION_IDS (reconnect).
// - `userDataStream.unsubscribe` (security NONE since CHANGELOG 2025-08-12): without
//   `subscriptionId` it closes every subscription of the connection (none: nothing, `{}`); with
//   one it closes that one "if it exists": an id that is not active answers -2036
//   SUBSCRIPTION_INACTIVE ("User Data Stream subscription not active."), the fake's reading of
//   that code. user-data-stream.md ("Event Stream Terminated") says `eventStreamTerminated` is
//   sent when "the subscription is stopped via the userDataStream.unsubscribe method", so each
//   closed subscription gets one, sent before the `{}` answer.
// - `session.logout` ends the `userDataStream.subscribe` subscription only ("will only close
//   the subscription created with userDataStream.subscribe"), with `eventStreamTerminated`
//   ("A logon subscription ends after sending session.logout"); see ./session.ts.
// - `session.subscriptions` (no security tag in the docs: NONE) lists the active ids.
// - `session.status`'s `userDataStream` is true while the connection has at least one active
//   subscription, else false; the fake always offers subscriptions (never null).
// - A closed socket drops its subscriptions silently. Events are in milliseconds, whatever the
//   connection's `timeUnit` (user-data-stream.md: "in milliseconds by default").

import type { Context, HandlerTable } from "./handler.ts";
import { INT } from "./params.ts";
import { fail } from "./failure.ts";

/** The answer to `userDataStream.subscribe` on a connection with no logged-on session. */
export const NOT_LOGGED_ON = {
  code: -1002,
  msg: "You are not authorized to execute this request.",
} as const;

function streams(ctx: Context) {
  const { userData, connection } = ctx;
  if (!userData || !connection) {
    fail(-1000, "An unknown error occurred while processing the request.");
  }
  return { userData, connection };
}

/** The four User Data Stream methods. */
export function userDataHandlers(): HandlerTable {
  return {
    "userDataStream.subscribe": {
      security: "USER_STREAM",
      sessionOnly: true,
      params: {},
      weight: () => 2,
      run(ctx) {
        const { userData, connection } = streams(ctx);
        return { subscriptionId: userData.subscribe(connection, ctx.apiKey!, "logon") };
      },
    },
    "userDataStream.subscribe.signature": {
      security: "USER_STREAM",
      alwaysSigned: true,
      params: {},
      weight: () => 2,
      run(ctx) {
        const { userData, connection } = streams(ctx);
        return { subscriptionId: userData.subscribe(connection, ctx.apiKey!, "signature") };
      },
    },
    "userDataStream.unsubscribe": {
      params: { subscriptionId: INT },
      weight: () => 2,
      run(ctx) {
        const { userData, connection } = streams(ctx);
        userData.unsubscribe(connection, ctx.params.subscriptionId as number | undefined);
        return {};
      },
    },
    "session.subscriptions": {
      params: {},
      weight: () => 2,
      run(ctx) {
        const { userData, connection } = streams(ctx);
        return userData.list(connection);
      },
    },
  };
}
