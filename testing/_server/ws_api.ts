// Private: the fake exchange's WebSocket API server (`/ws-api/v3`): the upgrade, one tracked
// socket per connection, and the life of a request: frame → ban check → handler lookup and
// params (./../_handlers) → weight → result or error → (delayed) response.

import type { Market } from "../_exchange/market.ts";
import type { Trading } from "../_exchange/matching.ts";
import { ORDER_PLACING } from "../_handlers/trading.ts";
import type { Faults } from "../_faults.ts";
import type { Failure } from "../_handlers/failure.ts";
import { type HandlerTable, prepare, type Prepared } from "../_handlers/handler.ts";
import {
  errorBody,
  idText,
  INVALID_JSON,
  parseRequest,
  responseText,
  resultBody,
} from "./framing.ts";
import { armLifetime, closeAll, closeTracked, preflight, track } from "./sockets.ts";
import type { Timers } from "./timers.ts";
import type { RequestWeight } from "./weight.ts";

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
  /** The trading state (accounts, orders, matching engine). */
  trading: Trading;
}

/** The WS API side of the fake exchange. */
export interface WsApiServer {
  /** Answers a request for `/ws-api/v3`: an upgrade, or a refusal. */
  handle(req: Request): Response;
  /** Every text frame received, in order. */
  readonly received: WsApiFrame[];
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
}

/** A new WS API server over the given market, handlers, weight account and faults. */
export function createWsApiServer(deps: WsApiDeps): WsApiServer {
  const { market, handlers, weight, faults, timers, trading } = deps;
  const conns = new Set<Conn>();
  const received: WsApiFrame[] = [];
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
    let params = (req.params ?? {}) as Record<string, unknown>;
    // TEMPORARY stand-in for the auth branch, which replaces it with real verification at
    // merge: the four signing params are stripped unchecked and `apiKey` names the account.
    let apiKey: string | undefined;
    if (typeof params === "object" && params !== null && !Array.isArray(params)) {
      const { apiKey: key, timestamp: _ts, recvWindow: _rw, signature: _sig, ...rest } = params;
      if (typeof key === "string") apiKey = key;
      params = rest;
    }
    const showLimits = typeof params.returnRateLimits === "boolean"
      ? params.returnRateLimits
      : conn.returnRateLimits;
    // Order-placing methods also report the account's ORDERS limits, before REQUEST_WEIGHT.
    const method = typeof req.method === "string" ? req.method.replace(/^v3\//, "") : "";
    const limitsText = () => {
      const orders = ORDER_PLACING.has(method) ? trading.orderRateLimits(apiKey, Date.now()) : [];
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
    let prepared: Prepared;
    try {
      const stale = faults.staleDepthFor(req.method);
      prepared = prepare(handlers, req.method, params, {
        market: stale ?? market,
        now,
        t,
        apiKey,
        trading,
      });
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
    try {
      reply(200, resultBody(prepared.run()));
    } catch (f) {
      error(f as Failure);
    }
  }

  function handle(req: Request): Response {
    const url = new URL(req.url);
    const now = Date.now();
    if (weight.isBanned(now)) return new Response("IP banned", { status: 418 });
    const checked = preflight(req, url, /^(millisecond|microsecond)$/i);
    if (checked instanceof Response) return checked;
    const { socket, response } = Deno.upgradeWebSocket(req);
    const conn: Conn = {
      id: ++total,
      ws: socket,
      openedAt: now,
      returnRateLimits: url.searchParams.get("returnRateLimits") !== "false",
      micro: checked.micro,
    };
    weight.charge(now, 2); // Connecting costs 2 weight.
    track(conns, conn, () => faults.lifetimeMs, (text) => onRequest(conn, text));
    return response;
  }

  return {
    handle,
    received,
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
