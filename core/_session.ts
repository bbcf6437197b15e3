// Private: the session of a WS API connection (web-socket-api.md, "Session Authentication"):
// which socket is logged on, the logon in progress that signed requests wait for, the
// re-logon on every new socket (reconnect, renewal) before those requests are released,
// logout (no more re-logon), revocation (401) and a refused logon (sign each request).
import {
  BinanceApiError,
  ConnectionClosedError,
  IpBannedError,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
} from "./errors.ts";
import type { WsApiEventMap } from "./types.ts";

/** What the session asks of its connection. */
export interface SessionHooks {
  /** Sends a signed `session.logon` on `socket`; resolves with its result. */
  logon(socket: object): Promise<unknown>;
  /** Whether `socket` is the one new requests go to. */
  isActive(socket: object): boolean;
  /** Emits a `session` event. */
  emit(payload: WsApiEventMap["session"]): void;
  /**
   * Resolves when requests may be sent again after `error` (a rate limit or ban: its
   * `retryAfter`; a 5xx: a short pause); rejects when the connection ends first.
   */
  pause(error: BinanceApiError | RequestTimeoutError): Promise<void>;
}

/** The session state of one connection. */
export class Session {
  readonly #hooks: SessionHooks;
  #wanted: boolean;
  #on: object | undefined;
  #pending: Promise<void> | undefined;

  /**
   * @param wanted Log on when a socket opens (the `logon` option).
   * @param hooks The connection's side.
   */
  constructor(wanted: boolean, hooks: SessionHooks) {
    this.#wanted = wanted;
    this.#hooks = hooks;
  }

  /** Whether the connection logs on (again) on every new socket. */
  get wanted(): boolean {
    return this.#wanted;
  }

  /** Whether requests on `socket` are authenticated by the session. */
  loggedOnOn(socket: object): boolean {
    return this.#on === socket;
  }

  /** Whether a logon is in progress (signed requests wait for {@linkcode Session.settled}). */
  get busy(): boolean {
    return this.#pending !== undefined;
  }

  /** Resolves once no logon is in progress. */
  async settled(): Promise<void> {
    while (this.#pending) await this.#pending;
  }

  /**
   * A socket became active (first, reconnected, renewed): logs on it when wanted. The logon
   * is registered at once, so that no signed request slips out before it; it starts on the
   * next microtask (the connection may still be under construction).
   */
  opened(socket: object): void {
    if (!this.#wanted) return;
    this.#start(socket);
  }

  #start(socket: object): void {
    const run = Promise.resolve().then(() => this.#logon(socket));
    const pending: Promise<void> = run.finally(() => {
      if (this.#pending === pending) this.#pending = undefined;
    });
    this.#pending = pending;
  }

  async #logon(socket: object): Promise<void> {
    if (!this.#wanted || !this.#hooks.isActive(socket)) return;
    try {
      await this.#hooks.logon(socket);
      this.#on = socket;
      this.#hooks.emit({ state: "loggedOn" });
    } catch (error) {
      // A socket that closed: the next socket logs on again.
      if (error instanceof ConnectionClosedError) return;
      if (
        error instanceof RateLimitError || error instanceof IpBannedError ||
        error instanceof ServerError || error instanceof RequestTimeoutError
      ) {
        // Not a refusal: a limit, a ban, a server error or a timeout (the socket stays open,
        // nothing else would log it on) passes. Requests are signed each
        // meanwhile; once sending may resume, the logon is sent again on this socket.
        this.#hooks.emit({ state: "refused", fallback: "relogon", error });
        this.#hooks.pause(error).then(() => {
          if (this.#wanted && this.#on !== socket && !this.#pending) this.#start(socket);
        }, () => {});
        return;
      }
      if (error instanceof BinanceApiError) {
        // Refused (for example a key that is not Ed25519): sign each request from now on.
        this.#wanted = false;
        this.#hooks.emit({ state: "refused", fallback: "signEachRequest", error });
        return;
      }
      this.#hooks.emit({
        state: "refused",
        fallback: "signEachRequest",
        error: error instanceof Error ? error : new Error(String(error)),
      });
      this.#wanted = false;
    }
  }

  /**
   * The caller's own `session.logon` succeeded on `socket`. Whether the connection logs on
   * again after a reconnect stays the `logon` option's business.
   */
  loggedOn(socket: object): void {
    this.#on = socket;
    this.#hooks.emit({ state: "loggedOn" });
  }

  /**
   * The caller's `session.logout` is about to be sent: no logon starts from now on (one in
   * progress is waited for by the caller). Returns what undoes it, should the logout fail.
   */
  stopLogon(): () => void {
    const wanted = this.#wanted;
    this.#wanted = false;
    return () => {
      this.#wanted ||= wanted;
    };
  }

  /** The caller's `session.logout` succeeded: no more session, no more re-logon. */
  loggedOut(): void {
    this.#on = undefined;
    this.#wanted = false;
    this.#hooks.emit({ state: "loggedOut" });
  }

  /**
   * Binance revoked the session on `socket` (status 401): log on again when wanted, else sign
   * each request.
   */
  revoked(socket: object, error: BinanceApiError): void {
    if (this.#on !== socket) return;
    this.#on = undefined;
    this.#hooks.emit({
      state: "revoked",
      fallback: this.#wanted ? "relogon" : "signEachRequest",
      error,
    });
    if (this.#wanted && this.#hooks.isActive(socket) && !this.#pending) this.#start(socket);
  }

  /** `socket` closed: its session is gone with it. */
  closed(socket: object): void {
    if (this.#on === socket) this.#on = undefined;
  }
}
