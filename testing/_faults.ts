// Private: the fault hooks of the fake exchange, in one registry. What is armed lives here, and
// each server consults it at the one point where the fault acts:
//
// | hook (FakeBinance / FakeStreams)          | state here          | acts in                        |
// | ----------------------------------------- | ------------------- | ------------------------------ |
// | `responseDelayMs`, `setResponseDelay()`   | `responseDelayMs`   | _server/ws_api.ts, answering    |
// | `connectionLifetimeMs`, `setConnectionLifetime()` | `lifetimeMs` | _server/sockets.ts, on open    |
// | `serveStaleDepth()`                       | `staleDepthFor()`   | _server/ws_api.ts, on `depth`   |
// | `streams.skipNext()`, `duplicateNext()`   | `nextEvent()`       | _server/streams.ts, per event   |
//
// The faults that are acts on sockets rather than armed state (`dropConnections()`,
// `streams.drop()`, `streams.stall()`, `sendServerShutdown()`, `sendMalformedFrame()`,
// `sendFrame()`) are commands of the two servers, which testing/mod.ts forwards.

/** The armed faults. `Books` is what a stale `depth` answers from. */
export interface Faults<Books> {
  /** Every WS API answer waits this many ms. */
  responseDelayMs: number;
  /** Connections close this many ms after they opened. */
  lifetimeMs: number;
  /** The next `count` `depth` requests answer from `books`. */
  serveStaleDepth(count: number, books: Books): void;
  /** For a request of `method`: the stale books to answer from (using up one), if any. */
  staleDepthFor(method: unknown): Books | undefined;
  /** The next event of `stream` is sent to no one. */
  skipNext(stream: string): void;
  /** The next event of `stream` is sent twice. */
  duplicateNext(stream: string): void;
  /** How this event of `stream` goes out; using up its armed faults. */
  nextEvent(stream: string): "skip" | "twice" | "once";
}

/** A registry with the given delay and lifetime, and nothing else armed. */
export function createFaults<Books>(
  init: { responseDelayMs: number; lifetimeMs: number },
): Faults<Books> {
  const skip = new Set<string>();
  const duplicate = new Set<string>();
  const stale: { left: number; books?: Books } = { left: 0 };
  return {
    responseDelayMs: init.responseDelayMs,
    lifetimeMs: init.lifetimeMs,
    serveStaleDepth(count: number, books: Books): void {
      stale.left = count;
      stale.books = books;
    },
    staleDepthFor(method: unknown): Books | undefined {
      if (method !== "depth" || stale.left <= 0) return undefined;
      stale.left--;
      return stale.books;
    },
    skipNext(stream: string): void {
      skip.add(stream);
    },
    duplicateNext(stream: string): void {
      duplicate.add(stream);
    },
    nextEvent(stream: string): "skip" | "twice" | "once" {
      const dropIt = skip.delete(stream);
      const twice = duplicate.delete(stream);
      return dropIt ? "skip" : twice ? "twice" : "once";
    },
  };
}
