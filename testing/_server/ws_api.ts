// Private: the fake exchange's WebSocket API server (`/ws-api/v3`): the upgrade, one tracked
// socket per connection, and the life of a request: frame → ban check → handler lookup and
// params (./../_handlers) → weight → for signed handlers the timing, key and signature (or
// session) check (./verifier.ts) → order faults (../_faults.ts) → result or error →
// (delayed) response.

import type { Market } from "../_exchange/market.ts";
import type { Trading } from "../_exchange/matching.ts";
import type { UdsConnection, UserDataStreams } from "../_exchange/user_data.ts";
import { freeOnSuccess, ORDER_PLACING } from "../_handlers/trading.ts";
import { NOT_LOGGED_ON } from "../_handlers/user_data.ts";
import type { Faults, OrderFault } from "../_faults.ts";
import { type Failure, failure } from "../_handlers/failure.ts";
import {
  type Handler,
  type HandlerTable,
  lookup,
  prepare,
  type Prepared,
  type SessionState,
} from "../_handlers/handler.ts";
import {
  errorBody,
  idText,
  INVALID_JSON,
  parseRequest,
  responseText,
  resultBody,
} from "./framing.ts";
import {
  armLifetime,
  closeAll,
  closeTracked,
  PING_TIMEOUT_S,
  preflight,
  track,
} from "./sockets.ts";
import type { Timers } from "./timers.ts";
import type { RequestWeight } from "./weight.ts";
import {
  checkTiming,
  checkWindow,
  type KeyType,
  SECURITY_PARAMS,
  type Verifier,
} from "./verifier.ts";

/** A signed request whose handler ran (for an order: it entered the matching engine). */
export interface ExecutedRequest {
  connectionId: number;
  /** When it ran (`Date.now()`). */
  at: number;
  method: string;
  /** The request's id, as JSON text. */
  id: string;
  /** The account it ran for. */
  apiKey: string;
}

/** The frame a revoked session gets for its next request (examples/wsapi/_general). */
const SESSION_REVOKED =
  `{"id":null,"status":401,"error":{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}}`;

/** One text frame a WS API connection received. */
export interface WsApiFrame {
  connectionId: number;
  at: number;
  text: string;
}

/** What the WS API server works with. */
export interface WsApiDeps {
  /** The live market. */
  market: Market;
  /** Method → handler. */
  handlers: HandlerTable;
  /** The REQUEST_WEIGHT account, shared with the stream server's ban check. */
  weight: RequestWeight;
  /** The armed faults. */
  faults: Faults<Market>;
  /** Timers released when the exchange closes. */
  timers: Timers;
  /** The accounts' keys. */
  verifier: Verifier;
  /** The trading state (accounts, orders, matching engine). */
  trading: Trading;
  /** The User Data Stream's subscriptions (a closed socket drops its own). */
  userData?: UserDataStreams;
}

/** The WS API side of the fake exchange. */
export interface WsApiServer {
  /** Answers a request for `/ws-api/v3`: an upgrade, or a refusal. */
  handle(req: Request): Response;
  /** Every text frame received, in order. */
  readonly received: WsApiFrame[];
  /** Every signed request whose handler ran, in order. */
  readonly executed: ExecutedRequest[];
  /** Marks every logged-on session revoked; returns how many. */
  revokeSessions(): number;
  /** Connections open now. */
  readonly openConnections: number;
  /** Connections accepted since the start. */
  readonly totalConnections: number;
  /** Closes every connection (code 1011). */
  drop(): void;
  /** Sends `serverShutdown` to every connection, and closes them `closeAfterMs` later. */
  sendServerShutdown(closeAfterMs?: number): void;
  /** Sends a raw text frame to every connection. */
  sendFrame(text: string): void;
  /** Re-arms every open connection's lifetime with the current cap. */
  rearmLifetimes(): void;
  /** Closes every connection; resolves once all have closed. */
  close(): Promise<void>;
}

interface Conn {
  id: number;
  ws: WebSocket;
  openedAt: number;
  lifetimeTimer?: ReturnType<typeof setTimeout>;
  returnRateLimits: boolean;
  micro: boolean;
  session: SessionState;
  /** The connection as the User Data Stream sees it. */
  uds: UdsConnection;
}

/** The security of a handler (NONE unless set). */
function isSigned(handler: Handler | undefined): boolean {
  return handler !== undefined && (handler.security ?? "NONE") !== "NONE";
}

/** The params without the four that sign them. */
function stripSecurity(params: Record<string, unknown>): Record<string, unknown> {
  const out = { ...params };
  for (const name of SECURITY_PARAMS) delete out[name];
  return out;
}

/** A new WS API server over the given market, handlers, weight account and faults. */
export function createWsApiServer(deps: WsApiDeps): WsApiServer {
  const { market, handlers, weight, faults, timers, verifier, trading, userData } = deps;
  const conns = new Set<Conn>();
  const received: WsApiFrame[] = [];
  const executed: ExecutedRequest[] = [];
  let total = 0;

  function send(conn: Conn, text: string): void {
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(text);
  }

  function answer(conn: Conn, text: string): void {
    const delayMs = faults.responseDelayMs;
    if (delayMs > 0) timers.later(delayMs, () => send(conn, text));
    else send(conn, text);
  }

  function onRequest(conn: Conn, text: string): void {
    const now = Date.now();
    received.push({ connectionId: conn.id, at: now, text });
    const req = parseRequest(text);
    if (!req) {
      answer(conn, INVALID_JSON);
      return;
    }
    const id = idText(req, text);
    const params = (req.params ?? {}) as Record<string, unknown>;
    const showLimits = typeof params.returnRateLimits === "boolean"
      ? params.returnRateLimits
      : conn.returnRateLimits;
    // Order-placing methods also report the account's ORDERS limits, before REQUEST_WEIGHT.
    const account: { apiKey?: string } = {}; // set once a signed request is authenticated
    const method = typeof req.method === "string" ? req.method.replace(/^v3\//, "") : "";
    const limitsText = () => {
      const orders = ORDER_PLACING.has(method)
        ? trading.orderRateLimits(account.apiKey, Date.now())
        : [];
      const w = weight.rateLimitsText();
      return orders.length ? `${JSON.stringify(orders).slice(0, -1)},${w.slice(1)}` : w;
    };
    const reply = (status: number, body: string) =>
      answer(conn, responseText(id, status, body, showLimits ? limitsText() : undefined));
    const error = (f: Failure, data?: Record<string, unknown>) =>
      reply(f.status, errorBody(f, data ?? (f as { data?: Record<string, unknown> }).data));

    if (weight.isBanned(now)) {
      const refusal = weight.banned(now);
      error(refusal.failure, refusal.data);
      return;
    }
    if (typeof req.method !== "string" || typeof params !== "object" || Array.isArray(params)) {
      error({
        status: 400,
        code: -1102,
        msg: "Mandatory parameter 'method' was not sent, was empty/null, or malformed.",
      });
      return;
    }
    const t = conn.micro ? (ms: number) => ms * 1000 : (ms: number) => ms;
    const serverNow = () => Date.now() + faults.clockOffsetMs;
    const handler = lookup(handlers, req.method);
    const signed = isSigned(handler);
    let prepared: Prepared;
    let auth: { apiKey: string; keyType?: KeyType } | "revoked" | undefined;
    try {
      const stale = faults.staleDepthFor(req.method);
      const ctx = {
        market: stale ?? market,
        now: serverNow(),
        t,
        session: conn.session,
        trading,
        userData,
        connection: conn.uds,
      };
      const strip = signed && !handler!.sessionOnly;
      prepared = prepare(handlers, req.method, strip ? stripSecurity(params) : params, ctx);
    } catch (f) {
      weight.charge(now, 1);
      error(f as Failure);
      return;
    }
    const refusal = weight.admit(now, prepared.weight);
    if (refusal) {
      error(refusal.failure, refusal.data);
      if (refusal.ban) {
        timers.later(faults.responseDelayMs + 10, () => closeTracked(conn, 1008, "IP banned"));
      }
      return;
    }
    if (signed) {
      try {
        auth = authenticate(conn, handler!, params, serverNow());
      } catch (f) {
        error(f as Failure);
        return;
      }
      if (auth === "revoked") {
        // "After the next request the session will be revoked" with this frame (id null).
        conn.session.apiKey = null;
        conn.session.authorizedSince = null;
        conn.session.revoked = false;
        answer(conn, SESSION_REVOKED);
        return;
      }
    }
    const who = auth === "revoked" ? undefined : auth;
    account.apiKey = who?.apiKey;
    const execute = (): unknown => {
      const result = prepared.run({ apiKey: who?.apiKey, keyType: who?.keyType });
      if (who) {
        executed.push({
          connectionId: conn.id,
          at: Date.now(),
          method: req.method as string,
          id,
          apiKey: who.apiKey,
        });
      }
      return result;
    };
    const fault = faults.orderFaultFor(req.method, signed);
    if (fault) {
      onFault(conn, fault, execute, reply, error, params, serverNow);
      return;
    }
    try {
      const result = execute();
      // A successful order entry or cancel costs nothing (CHANGELOG 2026-03-27).
      if (freeOnSuccess(method, result)) weight.refund(now, prepared.weight);
      reply(200, resultBody(result));
    } catch (f) {
      error(f as Failure);
    }
  }

  /** The timing, key and signature check, or the session's, of a signed request. */
  function authenticate(
    conn: Conn,
    handler: Handler,
    params: Record<string, unknown>,
    now: number,
  ): { apiKey: string; keyType?: KeyType } | "revoked" {
    const session = conn.session;
    if (handler.sessionOnly) {
      // userDataStream.subscribe: the logged-on session, or nothing (./../_handlers/user_data.ts).
      if (session.apiKey === null) throw failure(NOT_LOGGED_ON.code, NOT_LOGGED_ON.msg);
      return session.revoked ? "revoked" : { apiKey: session.apiKey };
    }
    const bySession = params.apiKey === undefined && params.signature === undefined &&
      !handler.alwaysSigned && session.apiKey !== null;
    if (bySession && session.revoked) return "revoked";
    checkTiming(params, now);
    // An explicit apiKey and signature override the session for this request.
    return bySession ? { apiKey: session.apiKey! } : verifier.verify(params);
  }

  /** What an armed order fault does with a request that passed every check. */
  function onFault(
    conn: Conn,
    fault: OrderFault,
    execute: () => unknown,
    reply: (status: number, body: string) => void,
    error: (f: Failure) => void,
    params: Record<string, unknown>,
    serverNow: () => number,
  ): void {
    const runQuietly = () => {
      try {
        execute();
      } catch { /* its answer is what the fault replaces */ }
    };
    switch (fault.kind) {
      case "dropBeforeExecuting":
        closeTracked(conn, 1011, "Connection dropped");
        return;
      case "dropAfterExecuting":
        runQuietly();
        closeTracked(conn, 1011, "Connection dropped");
        return;
      case "serverError":
        if (fault.executed) runQuietly();
        error(failure(
          -1006,
          "An unexpected response was received from the message bus. Execution status unknown.",
          500,
        ));
        return;
      case "timeout":
        if (fault.executed) runQuietly();
        error(failure(
          -1007,
          "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
          fault.status ?? 400,
        ));
        return;
      case "noAnswer":
        if (fault.executed) runQuietly();
        return;
      case "delayEntry":
        timers.later(fault.ms, () => {
          try {
            // Binance checks recvWindow again just before the matching engine.
            if (params.timestamp !== undefined) checkWindow(params, serverNow());
            reply(200, resultBody(execute()));
          } catch (f) {
            error(f as Failure);
          }
        });
        return;
    }
  }

  function handle(req: Request): Response {
    const url = new URL(req.url);
    const now = Date.now();
    if (weight.isBanned(now)) return new Response("IP banned", { status: 418 });
    // "timeUnit=MICROSECOND or timeUnit=microsecond" (web-socket-api.md); values are
    // case-sensitive unless noted, so no other spelling.
    const checked = preflight(req, url, /^(MILLISECOND|millisecond|MICROSECOND|microsecond)$/);
    if (checked instanceof Response) return checked;
    // A ping every 20 s; no pong, and the connection goes (docs: "within a minute").
    const { socket, response } = Deno.upgradeWebSocket(req, { idleTimeout: PING_TIMEOUT_S });
    const id = ++total;
    const session: SessionState = {
      apiKey: null,
      authorizedSince: null,
      connectedSince: now + faults.clockOffsetMs,
      returnRateLimits: url.searchParams.get("returnRateLimits") !== "false",
      userDataStream: false,
      revoked: false,
    };
    const uds: UdsConnection = {
      id,
      session,
      micro: checked.micro,
      send: (text) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(text);
      },
    };
    const conn: Conn = {
      id,
      ws: socket,
      openedAt: now,
      returnRateLimits: url.searchParams.get("returnRateLimits") !== "false",
      micro: checked.micro,
      session,
      uds,
    };
    weight.charge(now, 2); // Connecting costs 2 weight.
    track(conns, conn, () => faults.lifetimeMs, (text) => onRequest(conn, text));
    // A closed socket drops its User Data Stream subscriptions.
    socket.addEventListener("close", () => userData?.drop(uds));
    return response;
  }

  return {
    handle,
    received,
    executed,
    revokeSessions(): number {
      let n = 0;
      for (const c of conns) {
        if (c.session.apiKey !== null) {
          c.session.revoked = true;
          n++;
        }
      }
      return n;
    },
    get openConnections() {
      return conns.size;
    },
    get totalConnections() {
      return total;
    },
    drop(): void {
      for (const c of conns) closeTracked(c, 1011, "Connection dropped");
    },
    sendServerShutdown(closeAfterMs?: number): void {
      const text = JSON.stringify({ event: { e: "serverShutdown", E: Date.now() } });
      const targets = [...conns];
      for (const c of targets) send(c, text);
      if (closeAfterMs !== undefined) {
        timers.later(closeAfterMs, () => {
          for (const c of targets) closeTracked(c, 1001, "Server shutdown");
        });
      }
    },
    sendFrame(text: string): void {
      for (const c of conns) send(c, text);
    },
    rearmLifetimes(): void {
      for (const c of conns) armLifetime(c, faults.lifetimeMs);
    },
    close: () => closeAll(conns),
  };
}
