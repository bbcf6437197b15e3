// Private: make-before-break rotation of one shard of a stream connection. A new socket
// subscribes the same streams while the old one keeps delivering; each stream switches once
// the new socket's updates overlap what was delivered (or after `maxOverlapMs`), then the
// old socket closes. Updates are de-duplicated across both, so nothing is missed or
// repeated. When the new socket dies during the overlap the old one goes on and the
// rotation is tried again with backoff, so that the old socket does not run until the
// server cuts it.
import { abortableDelay, backoffDelay } from "./_async.ts";
import { withBackoff } from "./_reconnect.ts";
import type { RotationReason, Shard, ShardWire, StreamSocket } from "./_shard.ts";
import type { StreamEventMap } from "./stream_types.ts";
import type { ReconnectPolicy } from "./types.ts";

export type { RotationReason } from "./_shard.ts";

/** What a rotation needs of its connection. */
export interface RotationHost {
  /** The connection's reconnect policy: its backoff paces the retries. */
  readonly reconnect: ReconnectPolicy | false | undefined;
  /** How long the old socket is kept at most, in ms. */
  readonly maxOverlapMs: number;
  /** Aborts when the connection closes. */
  readonly signal: AbortSignal;
  /** Whether the connection is open. */
  isOpen(): boolean;
  /** Opens a socket (under the attempt limit). */
  openSocket(): Promise<StreamSocket>;
  /** The stream table: it subscribes every stream of a shard on its active socket. */
  readonly table: { resubscribe(shard: Shard, reconnect: boolean): void };
  /** Takes `sock` into service for `shard` (handlers, lifetime timer, `connected`). */
  adopt(shard: Shard, sock: StreamSocket): void;
  /** Emits a connection event. */
  emit<K extends keyof StreamEventMap>(type: K, payload: StreamEventMap[K]): void;
  /** Reports an error that belongs to no request. */
  error(error: unknown): void;
}

/**
 * Rotates `shard` make-before-break. A rotation under way (or a connection that is closed)
 * makes this a no-op that resolves with the rotation under way.
 *
 * @param retry How many times this rotation was tried before (its backoff).
 * @returns Resolves once the rotation ended (switched, or given up for now).
 */
export function rotate(
  host: RotationHost,
  shard: Shard,
  reason: RotationReason,
  retry = 0,
): Promise<void> {
  if (!host.isOpen() || !shard.active || shard.old) {
    return shard.rotating ?? Promise.resolve();
  }
  let died = false;
  shard.rotating ??= (async () => {
    const old = shard.active!;
    clearTimeout(old.lifetimeTimer);
    const wanted = () => host.isOpen() && shard.active === old && !old.isClosed;
    // A failed open is retried with the reconnect policy's backoff; the old socket serves.
    const sock = await withBackoff(() => host.openSocket(), {
      policy: host.reconnect === false ? undefined : { ...host.reconnect, maxAttempts: undefined },
      signal: host.signal,
      delayFirst: false,
      wanted,
      onError: (error) => host.error(error),
    });
    if (!sock) return;
    if (!wanted()) {
      await sock.discard(1000, "not needed");
      return;
    }
    const { promise: allSwitched, resolve } = Promise.withResolvers<void>();
    shard.switched = () => {
      if ([...shard.wires].every((w) => w.pending === undefined)) resolve();
    };
    for (const w of shard.wires) {
      // A stream whose SUBSCRIBE is still queued (the resubscribe below takes it to the new
      // socket) has nothing on the old one to overlap: it is the new socket's. One sent on
      // the old socket and not answered yet is that socket's until the overlap proves it.
      if (w.acked || !shard.control.queued("SUBSCRIBE", w.spec.name)) w.pending = [];
      else {
        w.pending = undefined;
        w.primary = sock;
      }
    }
    // An UNSUBSCRIBE still queued goes on the new socket, but its stream is on the old one:
    // it is unsubscribed there too when the new socket dies (see `Shard.droppedInOverlap`).
    for (const name of shard.control.queuedParams("UNSUBSCRIBE")) {
      if (typeof name === "string") (shard.droppedInOverlap ??= new Set()).add(name);
    }
    shard.old = old;
    shard.active = sock;
    host.adopt(shard, sock);
    host.table.resubscribe(shard, false);
    if (shard.wires.size === 0) resolve();
    const timer = setTimeout(resolve, host.maxOverlapMs);
    // A close during the overlap ends it at once: close() releases both sockets.
    const onClose = () => resolve();
    host.signal.addEventListener("abort", onClose, { once: true });
    await allSwitched;
    clearTimeout(timer);
    host.signal.removeEventListener("abort", onClose);
    shard.switched = undefined;
    if (!host.isOpen()) return;
    if (shard.active !== sock) {
      // The new socket died during the overlap: the old one goes on, and the rotation is
      // tried again (with backoff), so that it does not run until the server cuts it.
      died = true;
      return;
    }
    for (const w of shard.wires) if (w.pending !== undefined) w.switchTo(sock, false);
    for (const w of shard.wires) w.overlap = false;
    if (shard.old === old) {
      shard.old = undefined;
      shard.droppedInOverlap = undefined;
      old.close(1000, "rotated");
    }
    host.emit("rotated", { connection: sock.id, reason });
  })().finally(() => {
    shard.rotating = undefined;
    const again = shard.rotateAgain;
    shard.rotateAgain = undefined;
    if (again !== undefined && !died && host.isOpen()) void rotate(host, shard, again);
    else if (died && host.isOpen()) {
      const policy = host.reconnect || {};
      const delayMs = backoffDelay(
        retry + 1,
        policy.initialDelayMs ?? 250,
        policy.maxDelayMs ?? 30_000,
        policy.factor ?? 2,
        policy.jitter ?? true,
      );
      abortableDelay(delayMs, host.signal).then(
        () => rotate(host, shard, reason, retry + 1),
        () => {},
      );
    }
  });
  return shard.rotating;
}

/**
 * Rotates `shard` because `sock` was told to go (`serverShutdown`). During a rotation's overlap
 * that may be its new socket: the shard is then rotated again once this rotation ends, rather
 * than left on a socket the server is about to close.
 */
export function rotateFrom(
  host: RotationHost,
  shard: Shard,
  reason: RotationReason,
  sock: StreamSocket,
): Promise<void> {
  if (shard.old !== undefined && sock === shard.active) {
    shard.rotateAgain = reason;
    return shard.rotating ?? Promise.resolve();
  }
  return rotate(host, shard, reason);
}

/** Switches a stream to the new socket once it proved the overlap (or could not). */
export function switchWire(shard: Shard, wire: ShardWire, proven: boolean): void {
  wire.switchTo(shard.active!, proven);
  if ([...shard.wires].every((w) => w.pending === undefined)) shard.switched?.();
}

/** The old socket of a rotation closed first: the new one takes every stream now. */
export function oldSocketClosed(shard: Shard): void {
  shard.old = undefined;
  shard.droppedInOverlap = undefined;
  for (const w of shard.wires) if (w.pending !== undefined) w.switchTo(shard.active!, false);
  shard.switched?.();
}

/**
 * The new socket of a rotation died: the old one keeps its streams (the caller subscribes
 * them again, and unsubscribes those removed during the overlap), and the rotation waiting
 * for the switch retries.
 */
export function newSocketDied(shard: Shard, sock: StreamSocket): void {
  shard.active = shard.old;
  shard.old = undefined;
  for (const w of shard.wires) {
    if (w.primary === sock || w.primary === undefined) {
      w.primary = shard.active;
      w.resumed = w.acked;
    }
    w.pending = undefined;
  }
  shard.switched?.();
}
