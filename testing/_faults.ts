// Private: the fault hooks of the fake exchange, in one registry. What is armed lives here, and
// each server consults it at the one point where the fault acts:
//
// | hook (FakeBinance / FakeStreams)          | state here          | acts in                        |
// | ----------------------------------------- | ------------------- | ------------------------------ |
// | `responseDelayMs`, `setResponseDelay()`   | `responseDelayMs`   | _server/ws_api.ts, answering    |
// | `connectionLifetimeMs`, `setConnectionLifetime()` | `lifetimeMs` | _server/sockets.ts, on open    |
// | `serveStaleDepth()`                       | `staleDepthFor()`   | _server/ws_api.ts, on `depth`   |
// | `streams.skipNext()`, `duplicateNext()`   | `nextEvent()`       | _server/streams.ts, per event   |
// | `armOrderFault()`                         | `orderFaultFor()`   | _server/ws_api.ts, around `run` |
// | `setClockOffset()`                        | `clockOffsetMs`     | _server/ws_api.ts, server clock |
// | `revokeSessions()`                        | (session state)     | _server/ws_api.ts, session auth |
// | `userData.dropEvents()`                   | `userDataDropped()` | _exchange/user_data.ts, sending |
//
// The faults that are acts on sockets rather than armed state (`dropConnections()`,
// `streams.drop()`, `streams.stall()`, `sendServerShutdown()`, `sendMalformedFrame()`,
// `sendFrame()`) are commands of the two servers, which testing/mod.ts forwards; so are the User
// Data Stream's `userData.terminate()`, `balanceUpdate()` and `externalLockUpdate()`, commands
// of _exchange/user_data.ts.

/**
 * A fault of the request dispatch, for signed requests (orders above all). "Executing" is
 * running the handler (for an order: entering the matching engine).
 */
export type OrderFault =
  /** Close the connection (1011) on receipt, without executing. */
  | { kind: "dropBeforeExecuting" }
  /** Execute, then close the connection (1011) without answering. */
  | { kind: "dropAfterExecuting" }
  /** Answer 500 with -1006 ("Execution status unknown"), after executing or without. */
  | { kind: "serverError"; executed: boolean }
  /** Answer -1007 TIMEOUT (status 400 unless given), after executing or without. */
  | { kind: "timeout"; executed: boolean; status?: number }
  /** Never answer, after executing or without. */
  | { kind: "noAnswer"; executed: boolean }
  /**
   * Hold the request `ms` before it enters the matching engine, then check its recvWindow
   * again (CHANGELOG 2025-05-22): past it, -1021 and not executed; else executed and answered.
   */
  | { kind: "delayEntry"; ms: number };

/** Which requests an armed order fault applies to. */
export interface OrderFaultScope {
  /** How many requests it hits. Default 1. */
  count?: number;
  /** Only these methods (any security). Default: every signed method. */
  methods?: readonly string[];
}

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
  /** The exchange clock runs this many ms ahead of the local one (negative: behind). */
  clockOffsetMs: number;
  /** Arms an order fault for the next matching requests (after any armed before). */
  armOrderFault(fault: OrderFault, scope?: OrderFaultScope): void;
  /** The order fault for this request, using up one, if any applies. */
  orderFaultFor(method: string, signed: boolean): OrderFault | undefined;
  /** The User Data Stream events of `apiKey` are not sent until `ms` from `now`. */
  dropUserData(apiKey: string, ms: number, now: number): void;
  /** Whether the events of `apiKey` are dropped at `now`. */
  userDataDropped(apiKey: string, now: number): boolean;
}

/** A registry with the given delay and lifetime, and nothing else armed. */
export function createFaults<Books>(
  init: { responseDelayMs: number; lifetimeMs: number },
): Faults<Books> {
  const skip = new Set<string>();
  const duplicate = new Set<string>();
  const stale: { left: number; books?: Books } = { left: 0 };
  const orderFaults: { fault: OrderFault; left: number; methods?: readonly string[] }[] = [];
  const userDataDrops = new Map<string, number>();
  return {
    dropUserData(apiKey: string, ms: number, now: number): void {
      userDataDrops.set(apiKey, now + ms);
    },
    userDataDropped(apiKey: string, now: number): boolean {
      const until = userDataDrops.get(apiKey);
      if (until === undefined) return false;
      if (now < until) return true;
      userDataDrops.delete(apiKey);
      return false;
    },
    clockOffsetMs: 0,
    armOrderFault(fault: OrderFault, scope: OrderFaultScope = {}): void {
      orderFaults.push({ fault, left: scope.count ?? 1, methods: scope.methods });
    },
    orderFaultFor(method: string, signed: boolean): OrderFault | undefined {
      const i = orderFaults.findIndex((f) => f.methods ? f.methods.includes(method) : signed);
      if (i < 0) return undefined;
      const armed = orderFaults[i];
      if (--armed.left <= 0) orderFaults.splice(i, 1);
      return armed.fault;
    },
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
