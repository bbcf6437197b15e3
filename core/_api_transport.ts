// Private: the sockets of one WS API connection. It opens them (under the connection-attempt
// limit), keeps one active, reconnects with the policy's backoff after an unexpected close,
// renews make-before-break (the old socket drains its requests), and ends. What a frame
// means, and which requests a close fails, is the connection's business (`connection.ts`).
import { takeAttempt } from "./_attempts.ts";
import { type Listeners, toError } from "./_listeners.ts";
import { withBackoff } from "./_reconnect.ts";
import { CLOSE_HANDSHAKE_MS, openSocket, SocketHandle } from "./_socket.ts";
import { WireState } from "./_wire_socket.ts";
import { ConnectionClosedError, UnexpectedMessageError } from "./errors.ts";
import type { WsApiConnectionOptions, WsApiConnectionState, WsApiEventMap } from "./types.ts";

/** One WS API socket. */
export class ApiSocket extends SocketHandle {
  /** Renewed: closes once its last pending request is settled. */
  draining = false;
}

/** What the transport asks of its connection. */
export interface TransportHooks {
  /** A frame arrived on `socket` (any exception it throws becomes an `error` event). */
  message(data: unknown, socket: ApiSocket): void;
  /** A socket opened and became active (first, reconnected or renewed). */
  opened(socket: ApiSocket): void;
  /** A socket closed: fail what was pending on it. */
  closed(socket: ApiSocket, code: number, reason: string, byClient: boolean): void;
  /** How many requests wait on `socket` (a draining socket closes at 0). */
  pendingOn(socket: ApiSocket): number;
  /** A lower bound of the next reconnect delay (an IP ban), in ms. */
  banDelayMs(): number;
  /** The socket is back or renewed, or the connection ended: waiting requests may go on. */
  ready(): void;
  /** The connection ended (release timers and listeners). */
  ended(): void;
  /**
   * Every socket of the ended connection is closed, or taken as closed: nothing is in flight
   * any more (until then, requests in flight keep their own deadlines).
   */
  released(): void;
}

/** Opens one socket to `url`, under Binance's connection-attempt limit for its host. */
export async function openApiSocket(
  url: string,
  connectTimeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<ApiSocket> {
  await takeAttempt(new URL(url).host, signal);
  return await openSocket(url, (ws) => new ApiSocket(ws), connectTimeoutMs, signal);
}

/** The sockets of one WS API connection. */
export class ApiTransport {
  readonly url: string;
  readonly #options: WsApiConnectionOptions;
  readonly #hooks: TransportHooks;
  readonly #listeners: Listeners<WsApiEventMap>;
  readonly #lifecycle = new AbortController();
  readonly #sockets = new Set<ApiSocket>();
  #active: ApiSocket;
  #state: WsApiConnectionState = "open";
  #renewal: Promise<void> | undefined;
  #reconnecting: Promise<void> | undefined;

  constructor(
    url: string,
    options: WsApiConnectionOptions,
    first: ApiSocket,
    hooks: TransportHooks,
    listeners: Listeners<WsApiEventMap>,
  ) {
    this.url = url;
    this.#options = options;
    this.#hooks = hooks;
    this.#listeners = listeners;
    this.#active = first;
    this.#adopt(first);
  }

  /** `"open"`, `"reconnecting"` or `"closed"`. */
  get state(): WsApiConnectionState {
    return this.#state;
  }

  /** The socket new requests go to. */
  get active(): ApiSocket {
    return this.#active;
  }

  /** Aborts when the connection ends. */
  get signal(): AbortSignal {
    return this.#lifecycle.signal;
  }

  /** Whether a request may be sent now. */
  get sendable(): boolean {
    return this.#state === "open" && this.#active.ws.readyState === WireState.OPEN;
  }

  /** Emits an event; with no `error` listener, errors go to the console (never silent). */
  emit<K extends keyof WsApiEventMap>(type: K, payload: WsApiEventMap[K]): void {
    if (this.#listeners.emit(type, payload) || type !== "error") return;
    const { error } = payload as WsApiEventMap["error"];
    console.warn(`@binance-ws/spot: ${error.name}: ${error.message}`);
  }

  #error(error: Error): void {
    this.emit("error", { error });
  }

  /** Closes `socket` once it is draining and has no pending request left. */
  settled(socket: ApiSocket): void {
    if (socket.draining && this.#hooks.pendingOn(socket) === 0) socket.close(1000, "renewed");
  }

  #adopt(socket: ApiSocket): void {
    this.#sockets.add(socket);
    const ws = socket.ws;
    ws.onmessage = (ev) => {
      socket.frames++;
      // No frame may throw out of the handler: whatever escapes becomes an error event.
      try {
        this.#hooks.message(ev.data, socket);
      } catch (error) {
        this.#error(
          new UnexpectedMessageError(
            `Cannot handle a frame from the server: ${toError(error).message}`,
            typeof ev.data === "string" ? ev.data : "",
            { cause: error },
          ),
        );
      }
    };
    ws.onerror = () => {/* the close event follows and carries the code */};
    ws.onclose = (ev) => this.#onClose(socket, ev.code, ev.reason);
    const renewAfterMs = this.#options.renewAfterMs ?? 23.5 * 3_600_000;
    socket.lifetimeTimer = setTimeout(() => void this.renew("lifetime"), renewAfterMs);
    this.#hooks.opened(socket);
    this.emit("open", { url: this.url });
  }

  /**
   * Drops a socket found dead (the idle watchdog): it is closed now, whatever its peer does, so
   * its requests fail and a reconnect starts.
   */
  abandon(socket: ApiSocket, code: number, reason: string): void {
    socket.close(code, reason);
    this.#onClose(socket, code, reason);
  }

  #open(): Promise<ApiSocket> {
    return openApiSocket(this.url, this.#options.connectTimeoutMs ?? 10_000, this.signal);
  }

  #onClose(socket: ApiSocket, code: number, reason: string): void {
    if (socket.isClosed) return; // taken as closed already (its peer never finished the close)
    socket.markClosed();
    this.#sockets.delete(socket);
    const byClient = this.#state === "closed";
    this.#hooks.closed(socket, code, reason, byClient);
    if (socket !== this.#active || byClient) return;
    if (this.#options.reconnect === false) {
      void this.end(code, reason);
      return;
    }
    this.#state = "reconnecting";
    this.emit("close", { code, reason, willReconnect: true });
    // A listener may have closed the connection (a bot that stops on its first disconnect).
    if (this.#state !== "reconnecting") return;
    this.#reconnecting ??= this.#reconnect().finally(() => (this.#reconnecting = undefined));
  }

  async #reconnect(): Promise<void> {
    let attempts = 0;
    const socket = await withBackoff((n) => {
      attempts = n;
      return this.#open();
    }, {
      policy: this.#options.reconnect,
      signal: this.signal,
      delayFirst: true,
      wanted: () => this.#state === "reconnecting",
      minDelayMs: () => this.#hooks.banDelayMs(),
      onWait: (attempt, delayMs) => this.emit("reconnecting", { attempt, delayMs }),
      onError: (error) => this.#error(toError(error)),
      onGiveUp: (max) => {
        this.#error(
          new ConnectionClosedError({
            advice: `Gave up after ${max} reconnect attempts; ` +
              "open a new connection with connectWsApi().",
          }),
        );
        // Not the client's close: a listener must not take it for an intended shutdown.
        void this.end(1006, `gave up after ${max} reconnect attempts`);
      },
    });
    if (!socket) return;
    if (this.#state !== "reconnecting") {
      await socket.discard(1000, "closed by the client");
      return;
    }
    this.#active = socket;
    this.#state = "open";
    this.#adopt(socket);
    if (this.#state !== "open") return; // closed by an `open` listener
    this.emit("reconnected", { attempts });
    this.#hooks.ready();
  }

  /**
   * Opens a new socket, makes it active, and drains the old one (make-before-break). A
   * failed open is retried with the reconnect policy's backoff while the old socket lives.
   */
  renew(reason: "serverShutdown" | "lifetime" | "manual"): Promise<void> {
    if (this.#state !== "open") return Promise.resolve();
    this.#renewal ??= (async () => {
      const old = this.#active;
      const wanted = () => this.#state === "open" && this.#active === old && !old.isClosed;
      const socket = await withBackoff(() => this.#open(), {
        policy: this.#options.reconnect === false
          ? undefined
          : { ...this.#options.reconnect, maxAttempts: undefined },
        signal: this.signal,
        delayFirst: false,
        wanted,
        // No socket opens during an IP ban (as for a reconnect): the old one serves meanwhile.
        minDelayMs: () => this.#hooks.banDelayMs(),
        onError: (error) => this.#error(toError(error)),
      });
      if (!socket) return;
      if (!wanted()) {
        await socket.discard(1000, "not needed");
        return;
      }
      this.#active = socket;
      this.#adopt(socket);
      if (this.#state !== "open") return; // closed by an `open` listener
      old.draining = true;
      clearTimeout(old.lifetimeTimer);
      this.settled(old);
      this.emit("renewed", { reason });
    })().finally(() => (this.#renewal = undefined));
    return this.#renewal;
  }

  /** Ends the connection: no more reconnects, every socket closes. */
  async end(code: number, reason: string): Promise<void> {
    if (this.#state !== "closed") {
      this.#state = "closed";
      this.emit("close", { code, reason, willReconnect: false });
      this.#lifecycle.abort(
        new ConnectionClosedError({ closeCode: 1000, closeReason: "closed by the client" }),
      );
      this.#hooks.ready();
      this.#hooks.ended();
      for (const socket of this.#sockets) socket.close(1000, "closed by the client");
    }
    // A dead peer never finishes the close handshake: its socket is then taken as closed, which
    // fails the requests still waiting on it.
    await Promise.all([...this.#sockets].map(async (s) => {
      if (!(await s.closedWithin())) {
        this.#onClose(s, 1006, `no close handshake within ${CLOSE_HANDSHAKE_MS} ms`);
      }
    }));
    this.#hooks.released();
    await this.#reconnecting;
    await this.#renewal;
  }
}
