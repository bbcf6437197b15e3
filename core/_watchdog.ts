// Private: the idle watchdog of a connection. A socket can stop delivering without closing
// (Deno does not expose Binance's pings). Every `idleTimeoutMs / 2` the watchdog compares
// each watched socket's frame count with the last look; the second look in a row with no new
// frame sends a probe, which a quiet but healthy socket answers (streams:
// `LIST_SUBSCRIPTIONS`; WS API: `ping`). A probe that times out means the socket is dead: it is
// reported and replaced. The probe thus leaves between `idleTimeoutMs` and 1.5 ×
// `idleTimeoutMs` after the last frame, and a dead socket is found up to about 1.5 ×
// `idleTimeoutMs` + the probe's timeout after it. Counting costs one increment per frame (in
// the connection), no timer per frame.
import { RequestTimeoutError } from "./errors.ts";
import type { SocketHandle } from "./_socket.ts";

/** A socket the watchdog looks at, and what to do with it. */
export interface Watched {
  /** The socket (its frame count). */
  readonly socket: SocketHandle;
  /** Asks the socket for an answer; rejects with `RequestTimeoutError` when none comes. */
  probe(): Promise<unknown>;
  /** Whether the socket is still the one in service (a replaced one is left alone). */
  current(): boolean;
  /** The probe was not answered: report the socket and replace it. */
  dead(): void;
}

/** The idle watchdog: one interval timer per connection. */
export class IdleWatchdog {
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #watched: () => Iterable<Watched>;

  /**
   * @param idleTimeoutMs The silence after which a socket is probed (checked every half).
   * @param watched The sockets to look at now (those that should be heard from).
   */
  constructor(idleTimeoutMs: number, watched: () => Iterable<Watched>) {
    this.#watched = watched;
    this.#timer = setInterval(() => this.#check(), idleTimeoutMs / 2);
  }

  /** Stops the watchdog. */
  stop(): void {
    clearInterval(this.#timer);
  }

  #check(): void {
    for (const w of this.#watched()) {
      const sock = w.socket;
      if (sock.isClosed) continue;
      if (sock.frames !== sock.seenFrames) {
        sock.seenFrames = sock.frames;
        sock.idleChecks = 0;
        continue;
      }
      if (++sock.idleChecks < 2 || sock.probing) continue;
      sock.probing = true;
      w.probe().then(
        () => (sock.probing = false),
        (error) => {
          sock.probing = false;
          if (error instanceof RequestTimeoutError && w.current()) w.dead();
        },
      );
    }
  }
}
