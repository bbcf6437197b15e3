// Private: opening one WebSocket, for both connections (timeout, signal, permission advice).
import { ConnectionOpenError } from "./errors.ts";
import { hasTcp, TcpWebSocket } from "./_tcp_socket.ts";
import { type WireSocket, WireState } from "./_wire_socket.ts";

/**
 * How long a close handshake may take before a socket is taken as closed: a dead peer (a
 * half-open TCP connection, a frozen host) never answers it.
 */
export const CLOSE_HANDSHAKE_MS = 3_000;

/** One socket and its closing, as both connections keep it. */
export class SocketHandle {
  readonly ws: WireSocket;
  /** Resolves once the socket is closed (by either side, or because it never opened). */
  readonly closed: Promise<void>;
  /** Whether the socket is closed. */
  isClosed = false;
  /** The renewal (WS API) or rotation (streams) timer of this socket. */
  lifetimeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Frames received (the idle watchdog compares it between checks). */
  frames = 0;
  /** `frames` at the last watchdog check, and how many checks in a row saw no frame. */
  seenFrames = 0;
  idleChecks = 0;
  /** Whether a watchdog probe is under way. */
  probing = false;
  #resolveClosed!: () => void;

  constructor(ws: WireSocket) {
    this.ws = ws;
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
  }

  /** Records the close and releases the lifetime timer. */
  markClosed(): void {
    clearTimeout(this.lifetimeTimer);
    this.isClosed = true;
    this.#resolveClosed();
  }

  /**
   * Resolves once the socket is closed (`true`), or after `ms` (`false`: the peer did not finish
   * the close handshake in time).
   */
  closedWithin(ms: number = CLOSE_HANDSHAKE_MS): Promise<boolean> {
    if (this.isClosed) return Promise.resolve(true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
    return Promise.race([this.closed.then(() => true), late]).finally(() => clearTimeout(timer));
  }

  /**
   * Closes a socket that was opened but never taken into service (the connection closed, or
   * it is not needed any more) and resolves once it is closed, within
   * {@linkcode CLOSE_HANDSHAKE_MS}. Its opener left it no close handler: this one marks it.
   */
  async discard(code: number, reason: string): Promise<void> {
    if (this.ws.readyState === WireState.CLOSED) {
      this.markClosed();
      return;
    }
    this.ws.onclose = () => this.markClosed();
    this.close(code, reason);
    if (!(await this.closedWithin())) this.markClosed();
  }

  /** Starts a close handshake unless one is under way; never throws. */
  close(code: number, reason: string): void {
    clearTimeout(this.lifetimeTimer);
    try {
      if (this.ws.readyState < WireState.CLOSING) this.ws.close(code, reason);
    } catch { /* already closed */ }
  }
}

/**
 * Makes the socket of a URL: Deno's TCP and TLS connections with the WebSocket protocol of
 * core/_tcp_socket.ts, which costs less per frame than Deno's `WebSocket`; the platform's
 * `WebSocket` where there is no Deno. A field, so that a test can watch the sockets made.
 */
export const socketMaker: { make: (url: string) => WireSocket } = {
  make: (url) => hasTcp() ? new TcpWebSocket(url) : new WebSocket(url) as unknown as WireSocket,
};

/** The advice of an open failure: for a denied permission, the exact flag to add. */
function adviceFor(url: string, error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== "NotCapable") return undefined;
  const u = new URL(url);
  const port = u.port || (u.protocol === "wss:" ? "443" : "80");
  return `Run with --allow-net=${u.hostname}:${port} (or add the host to the existing flag).`;
}

/**
 * Opens a socket. Resolves once it is open; rejects with `ConnectionOpenError` when it
 * cannot be opened, no answer comes within `timeoutMs`, or `signal` aborts. A socket that
 * fails is closed and its handle marked closed, so nothing leaks.
 */
export function openSocket<S extends SocketHandle>(
  url: string,
  make: (ws: WireSocket) => S,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<S> {
  // Aborted already: the signal's reason, as during the handshake.
  if (signal?.aborted) return Promise.reject(signal.reason);
  let ws: WireSocket;
  try {
    ws = socketMaker.make(url);
  } catch (error) {
    return Promise.reject(
      new ConnectionOpenError({
        url,
        reason: error instanceof Error ? error.message : String(error),
        advice: adviceFor(url, error),
        cause: error,
      }),
    );
  }
  const socket = make(ws);
  const { promise, resolve, reject } = Promise.withResolvers<S>();
  /** Ends the attempt: the socket is released and the promise rejects with `error`. */
  const end = (error: unknown) => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
    ws.onopen = null;
    ws.onerror = null;
    if (ws.readyState === WireState.CLOSED) socket.markClosed();
    else {
      ws.onclose = () => socket.markClosed();
      socket.close(1000, "not opened");
    }
    reject(error);
  };
  const fail = (reason: string) => end(new ConnectionOpenError({ url, reason }));
  // Aborted: the signal's own reason, as everywhere else in the module.
  const onAbort = () => end(signal!.reason);
  const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
  signal?.addEventListener("abort", onAbort, { once: true });
  ws.onopen = () => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
    ws.onerror = null;
    ws.onclose = null;
    resolve(socket);
  };
  ws.onerror = (ev) => {
    // A denied permission, or a refused connection, fails the connect (after the constructor).
    const advice = adviceFor(url, ev.error);
    if (advice !== undefined) {
      end(new ConnectionOpenError({ url, reason: ev.message ?? "", advice, cause: ev.error }));
    } else fail(ev.message || "connection failed");
  };
  ws.onclose = (ev) => fail(`closed with code ${ev.code}`);
  return promise;
}
