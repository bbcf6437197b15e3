// Helpers shared by the test files: waiting on conditions, recording events, and a scripted
// WebSocket peer for frames the fake exchange would never send.

/** Something with typed `on(type, listener)` events, as connections and subscriptions have. */
interface Emitter<M> {
  on<K extends keyof M>(type: K, listener: (payload: M[K]) => void): () => void;
}

/**
 * Waits until `cond()` holds, polling every 5 ms.
 *
 * @throws {Error} naming `what` when it does not hold within `timeoutMs`.
 */
export async function waitFor(
  what: string,
  cond: () => boolean,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Records every payload of one event type. */
export function record<M, K extends keyof M>(emitter: Emitter<M>, type: K): M[K][] {
  const seen: M[K][] = [];
  emitter.on(type, (payload) => seen.push(payload));
  return seen;
}

/** Resolves with the next payload of one event type. */
export function nextEvent<M, K extends keyof M>(emitter: Emitter<M>, type: K): Promise<M[K]> {
  const { promise, resolve } = Promise.withResolvers<M[K]>();
  const off = emitter.on(type, (payload) => {
    off();
    resolve(payload);
  });
  return promise;
}

/** A request frame as the scripted peer received it. */
export interface ScriptedRequest {
  /** The `id` of the request, as parsed (a number for this client). */
  id: unknown;
  /** The method. */
  method: string;
  /** The params. */
  params: Record<string, unknown>;
  /** The raw text. */
  text: string;
}

/** A WebSocket API peer whose answers the test writes. */
export interface ScriptedPeer extends AsyncDisposable {
  /** `ws://127.0.0.1:PORT/ws-api/v3`. */
  readonly url: string;
  /** Every request frame received, in order. */
  readonly received: ScriptedRequest[];
  /** Sends a raw text frame to every open socket. */
  send(text: string): void;
  /** Closes every socket and the server. */
  close(): Promise<void>;
}

/**
 * Starts a WebSocket API peer on 127.0.0.1 whose answer to each request is written by the
 * test: `answer(request)` returns the frames to send back (none: the request is not answered).
 */
export function startScriptedPeer(
  answer: (request: ScriptedRequest) => string[] | string | undefined,
): ScriptedPeer {
  const sockets = new Set<WebSocket>();
  const closed: Promise<void>[] = [];
  const received: ScriptedRequest[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const { socket, response } = Deno.upgradeWebSocket(req);
    sockets.add(socket);
    const { promise, resolve } = Promise.withResolvers<void>();
    closed.push(promise);
    socket.onclose = () => {
      sockets.delete(socket);
      resolve();
    };
    socket.onmessage = (ev) => {
      const text = String(ev.data);
      const msg = JSON.parse(text);
      const request = { id: msg.id, method: msg.method, params: msg.params ?? {}, text };
      received.push(request);
      const out = answer(request);
      for (const frame of typeof out === "string" ? [out] : out ?? []) socket.send(frame);
    };
    return response;
  });
  const close = async () => {
    for (const socket of sockets) socket.close();
    await Promise.all(closed);
    await server.shutdown();
  };
  return {
    url: `ws://127.0.0.1:${server.addr.port}/ws-api/v3`,
    received,
    send(text) {
      for (const socket of sockets) socket.send(text);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** The `rateLimits` Binance sends with most responses: REQUEST_WEIGHT per minute. */
export function weightLimits(count: number, limit = 6000): Record<string, unknown>[] {
  return [{ rateLimitType: "REQUEST_WEIGHT", interval: "MINUTE", intervalNum: 1, limit, count }];
}
