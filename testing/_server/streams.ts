// Private: the socket side of the fake exchange's market streams (`/ws`, `/ws/<stream>`,
// `/stream`): the upgrade with the streams named in the URL, 5 incoming messages per second,
// control frames (their answers come from ../_handlers/stream_control.ts), delivery of the
// events ../_handlers/stream_events.ts makes (raw or combined, µs times, skipped or doubled
// by the faults, held while stalled), `serverShutdown`, drops and the lifetime cap.

import type { StepChange, SymbolState } from "../_exchange/market.ts";
import type { Faults } from "../_faults.ts";
import { control, isStreamName, MAX_STREAMS } from "../_handlers/stream_control.ts";
import { publishEvents, toMicro } from "../_handlers/stream_events.ts";
import { controlErrorText, controlResultText, isControlId, parseControl } from "./framing.ts";
import {
  armLifetime,
  closeAll,
  closeTracked,
  PING_TIMEOUT_S,
  preflight,
  track,
} from "./sockets.ts";
import type { Timers } from "./timers.ts";

const MAX_MESSAGES_PER_SECOND = 5;

/** One text frame a market-stream connection received. */
export interface StreamFrame {
  connectionId: number;
  at: number;
  text: string;
}

interface StreamConn {
  id: number;
  ws: WebSocket;
  combined: boolean;
  micro: boolean;
  streams: Set<string>;
  recent: number[];
  openedAt: number;
  /** While stalled, frames to this connection are held. */
  stalled?: boolean;
  lifetimeTimer?: ReturnType<typeof setTimeout>;
}

/** What the stream server works with. */
export interface StreamServerDeps {
  /** Timers released when the exchange closes. */
  timers: Timers;
  /** Whether the IP is banned (by the WS API's weight account). */
  isBanned(now: number): boolean;
  /** The armed faults. */
  faults: Faults<unknown>;
}

/** The stream side of the fake exchange. */
export interface StreamServer {
  /** Answers a request for a stream path: an upgrade, or a refusal. */
  handle(req: Request, path: string): Response;
  /** Publishes what the market's steps changed. */
  publish(changes: Map<SymbolState, StepChange[]>, now: number): void;
  /** Every control message received, in order. */
  readonly received: StreamFrame[];
  /** Connections open now. */
  readonly openConnections: number;
  /** Connections accepted since the start. */
  readonly totalConnections: number;
  /** Connections closed for sending over 5 messages a second. */
  readonly rateLimitDisconnects: number;
  /** The streams of each open connection. */
  subscriptions(): string[][];
  /** Closes every connection (code 1011). */
  drop(): void;
  /** Closes only the most recently opened connection (code 1011), e.g. a rotation's new socket. */
  dropNewest(): void;
  /** Holds the frames of the connections open now for `ms`, then sends them in order. */
  stall(ms: number): void;
  /** Sends `serverShutdown` to every connection, and closes them `closeAfterMs` later. */
  sendServerShutdown(closeAfterMs?: number): void;
  /** Sends a raw text frame to every connection. */
  sendFrame(text: string): void;
  /** Re-arms every open connection's lifetime with the current cap. */
  rearmLifetimes(): void;
  /** Closes every connection; resolves once all have closed. */
  close(): Promise<void>;
}

/** A new stream server. */
export function createStreamServer(deps: StreamServerDeps): StreamServer {
  const { timers, faults } = deps;
  const conns = new Set<StreamConn>();
  const received: StreamFrame[] = [];
  let total = 0;
  let rateLimitDisconnects = 0;
  let held: [StreamConn, string][] = [];

  function write(conn: StreamConn, text: string): void {
    if (conn.stalled) {
      held.push([conn, text]);
      return;
    }
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(text);
  }

  function onControl(conn: StreamConn, text: string): void {
    const now = Date.now();
    received.push({ connectionId: conn.id, at: now, text });
    conn.recent.push(now);
    while (conn.recent.length && conn.recent[0] <= now - 1000) conn.recent.shift();
    if (conn.recent.length > MAX_MESSAGES_PER_SECOND) {
      rateLimitDisconnects++;
      closeTracked(conn, 1008, "Too many requests");
      return;
    }
    const req = parseControl(text);
    if (!req) {
      write(
        conn,
        controlErrorText(3, "Invalid JSON: expected value at line 1 column 1", undefined),
      );
      return;
    }
    const id = req.id;
    if (!isControlId(id)) {
      write(
        conn,
        controlErrorText(2, "Invalid request: request ID must be an unsigned integer", undefined),
      );
      return;
    }
    const answer = control(conn, req.method, req.params);
    write(
      conn,
      "error" in answer
        ? controlErrorText(answer.error.code, answer.error.msg, id)
        : controlResultText(answer.result, id),
    );
  }

  function handle(req: Request, path: string): Response {
    const url = new URL(req.url);
    const now = Date.now();
    if (deps.isBanned(now)) return new Response("IP banned", { status: 418 });
    let initial: string[] = [];
    let combined: boolean;
    if (path === "/stream") {
      combined = true;
      const list = url.searchParams.get("streams");
      initial = list ? list.split("/").filter((s) => s !== "") : [];
    } else if (path === "/ws" || path.startsWith("/ws/")) {
      combined = false;
      const name = decodeURIComponent(path.slice(4));
      initial = name ? [name] : [];
    } else return new Response("Not found", { status: 404 });
    const bad = initial.find((s) => !isStreamName(s));
    if (bad !== undefined) {
      return Response.json({ code: 2, msg: `Invalid request: unknown stream name "${bad}"` }, {
        status: 400,
      });
    }
    if (initial.length > MAX_STREAMS) {
      return Response.json({ code: 2, msg: `Invalid request: too many streams` }, { status: 400 });
    }
    const checked = preflight(req, url, /^(MILLISECOND|millisecond|MICROSECOND|microsecond)$/);
    if (checked instanceof Response) return checked;
    // A ping every 20 s; no pong, and the connection goes (docs: "within a minute").
    const { socket, response } = Deno.upgradeWebSocket(req, { idleTimeout: PING_TIMEOUT_S });
    const conn: StreamConn = {
      id: ++total,
      ws: socket,
      combined,
      micro: checked.micro,
      streams: new Set(initial),
      recent: [],
      openedAt: now,
    };
    track(conns, conn, () => faults.lifetimeMs, (text) => onControl(conn, text));
    return response;
  }

  /** Sends one event of `stream` to every connection that listens to it. */
  function emit(stream: string, payload: () => unknown): void {
    let text: string | undefined;
    let micro: string | undefined;
    let rawText: string | undefined;
    let rawMicro: string | undefined;
    const fault = faults.nextEvent(stream);
    if (fault === "skip") return;
    const twice = fault === "twice";
    for (const conn of conns) {
      if (!conn.streams.has(stream)) continue;
      let frame: string;
      if (conn.micro) {
        rawMicro ??= JSON.stringify(toMicro(payload()));
        frame = conn.combined ? (micro ??= `{"stream":"${stream}","data":${rawMicro}}`) : rawMicro;
      } else {
        rawText ??= JSON.stringify(payload());
        frame = conn.combined ? (text ??= `{"stream":"${stream}","data":${rawText}}`) : rawText;
      }
      write(conn, frame);
      if (twice) write(conn, frame);
    }
  }

  function listened(): Set<string> {
    const all = new Set<string>();
    for (const c of conns) for (const s of c.streams) all.add(s);
    return all;
  }

  function publish(changes: Map<SymbolState, StepChange[]>, now: number): void {
    if (conns.size === 0) return;
    const wanted = listened();
    if (wanted.size === 0) return;
    publishEvents(changes, wanted, now, emit);
  }

  async function close(): Promise<void> {
    const closing = closeAll(conns);
    held = [];
    await closing;
  }

  return {
    handle,
    publish,
    received,
    get openConnections() {
      return conns.size;
    },
    get totalConnections() {
      return total;
    },
    get rateLimitDisconnects() {
      return rateLimitDisconnects;
    },
    subscriptions: () => [...conns].map((c) => [...c.streams]),
    drop() {
      for (const c of conns) closeTracked(c, 1011, "Connection dropped");
    },
    dropNewest() {
      const newest = [...conns].at(-1);
      if (newest) closeTracked(newest, 1011, "Connection dropped");
    },
    stall(ms: number) {
      const stalled = [...conns];
      for (const c of stalled) c.stalled = true;
      timers.later(ms, () => {
        for (const c of stalled) c.stalled = false;
        const frames = held.filter(([c]) => stalled.includes(c));
        held = held.filter(([c]) => !stalled.includes(c));
        for (const [c, text] of frames) {
          if (c.ws.readyState === WebSocket.OPEN) c.ws.send(text);
        }
      });
    },
    sendServerShutdown(closeAfterMs?: number) {
      const targets = [...conns];
      const data = `{"e":"serverShutdown","E":${Date.now()}}`;
      for (const c of targets) {
        write(c, c.combined ? `{"stream":"!serverShutdown","data":${data}}` : data);
      }
      if (closeAfterMs !== undefined) {
        timers.later(closeAfterMs, () => {
          for (const c of targets) closeTracked(c, 1001, "Server shutdown");
        });
      }
    },
    sendFrame(text: string) {
      for (const c of conns) write(c, text);
    },
    rearmLifetimes() {
      for (const c of conns) armLifetime(c, faults.lifetimeMs);
    },
    close,
  };
}
