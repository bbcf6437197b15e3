// Private: session.logon, session.status and session.logout, written from web-socket-api.md
// ("Session Authentication", "Authentication requests"). The server checks the signature of
// session.logon before `run`; the handlers read and change the connection's session state.

import { fail } from "./failure.ts";
import type { Context, HandlerTable, SessionState } from "./handler.ts";

/**
 * The answer to `session.logon` signed with an HMAC or RSA key. The docs say "Only Ed25519
 * keys are supported for this feature" but give no code; the fake answers with errors.md's
 * -1002 UNAUTHORIZED ("You are not authorized to execute this request."), status 400.
 */
export const LOGON_KEY_TYPE_REFUSAL = {
  code: -1002,
  msg: "You are not authorized to execute this request.",
} as const;

function status(session: SessionState, ctx: Context): Record<string, unknown> {
  return {
    apiKey: session.apiKey,
    authorizedSince: session.authorizedSince === null ? null : ctx.t(session.authorizedSince),
    connectedSince: ctx.t(session.connectedSince),
    returnRateLimits: session.returnRateLimits,
    serverTime: ctx.t(ctx.now),
    userDataStream: session.userDataStream,
  };
}

/** The three session methods (weight 2 each, data source Memory). */
export function sessionHandlers(): HandlerTable {
  return {
    "session.logon": {
      security: "USER_DATA",
      alwaysSigned: true,
      params: {},
      weight: () => 2,
      run(ctx) {
        const session = ctx.session!;
        if (ctx.keyType !== "Ed25519") {
          fail(LOGON_KEY_TYPE_REFUSAL.code, LOGON_KEY_TYPE_REFUSAL.msg);
        }
        // Logging on again replaces the key (only one key per connection).
        session.apiKey = ctx.apiKey!;
        session.authorizedSince = ctx.now;
        session.revoked = false;
        return status(session, ctx);
      },
    },
    "session.status": {
      params: {},
      weight: () => 2,
      run: (ctx) => status(ctx.session!, ctx),
    },
    "session.logout": {
      params: {},
      weight: () => 2,
      run(ctx) {
        const session = ctx.session!;
        session.apiKey = null;
        session.authorizedSince = null;
        session.revoked = false;
        // Logging out ends the `userDataStream.subscribe` subscription (not the signature ones),
        // with `eventStreamTerminated` (user-data-stream.md); `userDataStream` then says whether
        // a signature subscription is still active (./user_data.ts).
        if (ctx.userData && ctx.connection) ctx.userData.logout(ctx.connection);
        else session.userDataStream = false;
        return status(session, ctx);
      },
    },
  };
}
