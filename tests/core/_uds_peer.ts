// A small local WS API peer for the User Data Stream tests: it keeps subscriptions per socket as
// the docs describe (ids from 0 per socket, one per account, -2035 / -2036, eventStreamTerminated
// on unsubscribe and logout), and a connection to it.
import {
  connectWsApi,
  createSigner,
  type WsApiConnection,
  type WsApiConnectionOptions,
} from "../../mod.ts";
import { FAKE_ACCOUNT } from "../../testing/mod.ts";

export interface PeerSocket {
  ws: WebSocket;
  n: number;
  loggedOn: string | undefined;
  nextId: number;
  subs: Map<number, string>;
  requests: { method: string; params: Record<string, unknown> }[];
}

export interface UdsPeer extends AsyncDisposable {
  url: string;
  sockets: PeerSocket[];
  /** Every request as it arrives (before any delay), with the socket's number. */
  received: { n: number; method: string }[];
  /** Every request as it is answered, with the socket's number. */
  log: { n: number; method: string; params: Record<string, unknown> }[];
  /** Sends `event` to every subscription of `apiKey` (on every socket). */
  push(apiKey: string, event: Record<string, unknown>): void;
  /** Sends `eventStreamTerminated` to the subscriptions of `apiKey` and closes them. */
  terminate(apiKey: string): void;
  /** Closes every socket (1011). */
  drop(): void;
  /** Delays the answers of these methods by this many ms. */
  delays: Record<string, number>;
  /** Sockets (by number) whose subscription ids are used up: subscribing there is -2042. */
  exhausted: Set<number>;
  /** Sockets (by number) whose next subscribe is acknowledged but not kept: it is lost. */
  phantom: Set<number>;
  /** `session.subscriptions` is refused (-1000): the client falls back to `session.status`. */
  refuseSubscriptionsList: boolean;
  /** An event sent for the new subscription of this account right before its answer. */
  preAck: Map<string, Record<string, unknown>>;
}

export function terminatedEvent(): Record<string, unknown> {
  return { e: "eventStreamTerminated", E: Date.now() };
}

export function startUdsPeer(): UdsPeer {
  const sockets: PeerSocket[] = [];
  const closed: Promise<void>[] = [];
  const log: UdsPeer["log"] = [];
  let count = 0;
  const send = (ps: PeerSocket, frame: unknown) => {
    if (ps.ws.readyState === WebSocket.OPEN) ps.ws.send(JSON.stringify(frame));
  };
  const ok = (id: unknown, result: unknown) => ({ id, status: 200, result });
  const fail = (id: unknown, code: number, msg: string) => ({
    id,
    status: 400,
    error: { code, msg },
  });
  const status = (ps: PeerSocket) => ({
    apiKey: ps.loggedOn ?? null,
    authorizedSince: ps.loggedOn ? 1 : null,
    connectedSince: 1,
    returnRateLimits: false,
    serverTime: Date.now(),
    userDataStream: ps.subs.size > 0,
  });
  const subscribe = (ps: PeerSocket, id: unknown, apiKey: string) => {
    const answer = () => {
      if (peer.exhausted.has(ps.n)) {
        send(ps, fail(id, -2042, "Maximum subscription ID reached for this connection."));
        return;
      }
      if ([...ps.subs.values()].includes(apiKey)) {
        send(ps, fail(id, -2035, "User Data Stream subscription already active."));
        return;
      }
      const subscriptionId = ps.nextId++;
      if (peer.phantom.delete(ps.n)) return send(ps, ok(id, { subscriptionId }));
      ps.subs.set(subscriptionId, apiKey);
      const pre = peer.preAck.get(apiKey);
      if (pre) {
        peer.preAck.delete(apiKey);
        send(ps, { subscriptionId, event: pre });
      }
      send(ps, ok(id, { subscriptionId }));
    };
    answer();
  };
  const handle = (ps: PeerSocket, msg: Record<string, unknown>) => {
    peer.received.push({ n: ps.n, method: String(msg.method) });
    const delay = peer.delays[String(msg.method)];
    if (delay) setTimeout(() => answer(ps, msg), delay);
    else answer(ps, msg);
  };
  const answer = (ps: PeerSocket, msg: Record<string, unknown>) => {
    const { id, method } = msg as { id: unknown; method: string };
    const params = (msg.params ?? {}) as Record<string, unknown>;
    ps.requests.push({ method, params });
    log.push({ n: ps.n, method, params });
    switch (method) {
      case "time":
        return send(ps, ok(id, { serverTime: Date.now() }));
      case "session.logon":
        ps.loggedOn = String(params.apiKey);
        return send(ps, ok(id, status(ps)));
      case "session.status":
        return send(ps, ok(id, status(ps)));
      case "session.logout":
        for (const [sid, key] of ps.subs) {
          if (key === ps.loggedOn && ps.logonSub === sid) {
            send(ps, { subscriptionId: sid, event: terminatedEvent() });
            ps.subs.delete(sid);
          }
        }
        ps.loggedOn = undefined;
        return send(ps, ok(id, status(ps)));
      case "userDataStream.subscribe":
        if (!ps.loggedOn) return send(ps, fail(id, -2015, "Invalid API-key"));
        ps.logonSub = ps.nextId;
        return subscribe(ps, id, ps.loggedOn);
      case "userDataStream.subscribe.signature":
        return subscribe(ps, id, String(params.apiKey));
      case "userDataStream.unsubscribe": {
        const ids = params.subscriptionId === undefined
          ? [...ps.subs.keys()]
          : [Number(params.subscriptionId)];
        for (const sid of ids) {
          if (!ps.subs.has(sid)) return send(ps, fail(id, -2036, "subscription not active"));
        }
        for (const sid of ids) {
          send(ps, { subscriptionId: sid, event: terminatedEvent() });
          ps.subs.delete(sid);
        }
        return send(ps, ok(id, {}));
      }
      case "order.place":
      case "order.cancelReplace":
        return; // the answer is lost: the outcome is unknown
      case "order.status":
        return send(ps, fail(id, -2013, "Order does not exist."));
      case "session.subscriptions":
        if (peer.refuseSubscriptionsList) return send(ps, fail(id, -1000, "refused"));
        return send(ps, ok(id, [...ps.subs.keys()].map((subscriptionId) => ({ subscriptionId }))));
      default:
        return send(ps, fail(id, -1000, `unknown method ${method}`));
    }
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const { socket, response } = Deno.upgradeWebSocket(req);
    const ps: PeerSocket & { logonSub?: number } = {
      ws: socket,
      n: count++,
      loggedOn: undefined,
      nextId: 0,
      subs: new Map(),
      requests: [],
    };
    sockets.push(ps);
    const { promise, resolve } = Promise.withResolvers<void>();
    closed.push(promise);
    socket.onclose = () => {
      sockets.splice(sockets.indexOf(ps), 1);
      resolve();
    };
    socket.onmessage = (ev) => handle(ps, JSON.parse(String(ev.data)));
    return response;
  });
  const close = async () => {
    for (const ps of sockets) ps.ws.close();
    await Promise.all(closed);
    await server.shutdown();
  };
  const peer: UdsPeer = {
    url: `ws://127.0.0.1:${server.addr.port}/ws-api/v3`,
    sockets,
    received: [],
    log,
    delays: {},
    preAck: new Map(),
    exhausted: new Set(),
    phantom: new Set(),
    refuseSubscriptionsList: false,
    push(apiKey, event) {
      for (const ps of sockets) {
        for (const [subscriptionId, key] of ps.subs) {
          if (key === apiKey) send(ps, { subscriptionId, event });
        }
      }
    },
    terminate(apiKey) {
      for (const ps of sockets) {
        for (const [subscriptionId, key] of ps.subs) {
          if (key !== apiKey) continue;
          send(ps, { subscriptionId, event: terminatedEvent() });
          ps.subs.delete(subscriptionId);
        }
      }
    },
    drop() {
      for (const ps of sockets) ps.ws.close(1011, "dropped");
    },
    [Symbol.asyncDispose]: close,
  };
  return peer;
}

export interface PeerSocket {
  logonSub?: number;
}

export async function setup(
  options: WsApiConnectionOptions = {},
): Promise<{ peer: UdsPeer; conn: WsApiConnection; errors: Error[] } & AsyncDisposable> {
  const peer = startUdsPeer();
  const conn = await connectWsApi({
    url: peer.url,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await createSigner(FAKE_ACCOUNT.ed25519Key),
    },
    reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
    ...options,
  });
  const errors: Error[] = [];
  conn.on("error", ({ error }) => errors.push(error));
  return {
    peer,
    conn,
    errors,
    async [Symbol.asyncDispose]() {
      await conn.close();
      await peer[Symbol.asyncDispose]();
    },
  };
}
