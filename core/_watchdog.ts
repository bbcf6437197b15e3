// Private: the idle watchdog of a stream connection. A socket can stop delivering without
// closing (Deno does not expose Binance's pings). Every `idleTimeoutMs / 2` the watchdog
// compares each socket's frame count with the last look; the second look in a row with no
// new frame on a socket that carries streams sends a `LIST_SUBSCRIPTIONS` probe, which a
// quiet but healthy socket answers. A probe that times out means the socket is dead: it is
// reported and replaced. The probe thus leaves between `idleTimeoutMs` and 1.5 ×
// `idleTimeoutMs` after the last frame, and a dead socket is found up to about 1.5 ×
// `idleTimeoutMs` + the probe's `timeoutMs` after it. Counting costs one increment per
// frame (in the connection), no timer per frame.
import { ConnectionClosedError, RequestTimeoutError } from "./errors.ts";
import type { Shard, StreamSocket } from "./_shard.ts";

/** What the watchdog needs of its connection. */
export interface WatchdogHost {
  /** The shards of the connection. */
  readonly shards: readonly Shard[];
  /** Reports an error that belongs to no request. */
  error(error: unknown): void;
  /** Closes a dead socket and handles it as closed now (reconnect, resubscribe). */
  abandon(shard: Shard, sock: StreamSocket, code: number, reason: string): void;
}

/** The idle watchdog: one interval timer per connection. */
export class IdleWatchdog {
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #host: WatchdogHost;

  /**
   * @param idleTimeoutMs The silence after which a socket is probed (checked every half).
   * @param host The connection.
   */
  constructor(idleTimeoutMs: number, host: WatchdogHost) {
    this.#host = host;
    this.#timer = setInterval(() => this.#check(), idleTimeoutMs / 2);
  }

  /** Stops the watchdog. */
  stop(): void {
    clearInterval(this.#timer);
  }

  #check(): void {
    for (const shard of this.#host.shards) {
      const sock = shard.active;
      if (!sock || sock.isClosed || shard.wires.size === 0) continue;
      if (sock.frames !== sock.seenFrames) {
        sock.seenFrames = sock.frames;
        sock.idleChecks = 0;
        continue;
      }
      if (++sock.idleChecks < 2 || sock.probing) continue;
      sock.probing = true;
      shard.control.request("LIST_SUBSCRIPTIONS", undefined).then(
        () => (sock.probing = false),
        (error) => {
          sock.probing = false;
          if (!(error instanceof RequestTimeoutError) || shard.active !== sock) return;
          this.#host.error(
            new ConnectionClosedError({
              what: `stream socket ${sock.id}`,
              closeCode: 4000,
              closeReason: "idle",
              advice: "It sent nothing, not even an answer to a probe; it is being replaced.",
            }),
          );
          this.#host.abandon(shard, sock, 4000, "idle");
        },
      );
    }
  }
}
