// Private: the sockets of one shard of a stream connection over their life: the first
// open, taking a socket into service (its frame handler, its lifetime timer), its close
// (the rotation's cases when two sockets overlap; otherwise a reconnect with the policy's
// backoff, then a resubscription), and giving up a socket that does not answer.
import { failPending } from "./_control_queue.ts";
import { toError } from "./_listeners.ts";
import { withBackoff } from "./_reconnect.ts";
import { newSocketDied, oldSocketClosed, type RotationReason } from "./_rotation.ts";
import type { Shard, StreamSocket } from "./_shard.ts";
import { ConnectionClosedError, UnexpectedMessageError } from "./errors.ts";
import type { StreamEventMap } from "./stream_types.ts";
import type { ReconnectPolicy } from "./types.ts";

/** Where a shard's frames go: the stream table. */
export interface FrameSink {
  /** Handles one frame (hot path: called once per frame). */
  frame(shard: Shard, sock: StreamSocket, data: unknown): void;
  /** Subscribes every stream of the shard on its active socket. */
  resubscribe(shard: Shard, reconnect: boolean): void;
}

/** What a shard's sockets need of their connection. */
export interface LifecycleHost {
  /** The endpoint of every socket. */
  readonly url: string;
  /** The reconnect policy, or `false` to end the connection on an unexpected close. */
  readonly reconnect: ReconnectPolicy | false | undefined;
  /** The rotation of a socket this long after it opened, in ms. */
  readonly renewAfterMs: number;
  /** Aborts when the connection closes. */
  readonly signal: AbortSignal;
  /** The stream table. */
  readonly table: FrameSink;
  /** Whether the connection is open. */
  isOpen(): boolean;
  /** Opens a socket (under the attempt limit). */
  openSocket(): Promise<StreamSocket>;
  /** Rotates a shard make-before-break because its socket `from` must go. */
  rotate(shard: Shard, reason: RotationReason, from: StreamSocket): Promise<void>;
  /** Emits a connection event. */
  emit<K extends keyof StreamEventMap>(type: K, payload: StreamEventMap[K]): void;
  /** Reports an error that belongs to no request. */
  error(error: unknown): void;
  /** Closes the connection. */
  close(): Promise<void>;
}

/** Opens the first socket of a new shard (`shard.opening` until it is in service). */
export function openShard(host: LifecycleHost, shard: Shard): void {
  shard.opening = (async () => {
    await inService(host, shard, await host.openSocket(), false);
  })().finally(() => (shard.opening = undefined));
  shard.opening.catch((error) => {
    // The first socket did not open: said, and opened again with the reconnect policy's
    // backoff (the shard keeps its streams; a later one may join it meanwhile).
    if (!host.isOpen()) return;
    host.error(error);
    if (host.reconnect === false) return;
    shard.reconnecting ??= reconnect(host, shard, -1).finally(() => shard.reconnecting = undefined);
  });
}

/** Takes an open socket into service for `shard`: frames, close, lifetime, `connected`. */
export function adopt(host: LifecycleHost, shard: Shard, sock: StreamSocket): void {
  const ws = sock.ws;
  const table = host.table;
  ws.onmessage = (ev) => {
    // No frame may throw out of the handler: whatever escapes becomes an error event.
    try {
      table.frame(shard, sock, ev.data);
    } catch (error) {
      host.error(
        new UnexpectedMessageError(
          `Cannot handle a frame from the server: ${toError(error).message}`,
          typeof ev.data === "string" ? ev.data : "",
          { cause: error },
        ),
      );
    }
  };
  ws.onerror = () => {/* the close event follows */};
  ws.onclose = (ev) => onClose(host, shard, sock, ev.code, ev.reason);
  sock.lifetimeTimer = setTimeout(
    () => void host.rotate(shard, "lifetime", sock),
    host.renewAfterMs,
  );
  host.emit("connected", { connection: sock.id, url: host.url });
}

/** Gives up a socket that does not answer: it is closed and handled as closed now. */
export function abandon(
  host: LifecycleHost,
  shard: Shard,
  sock: StreamSocket,
  code: number,
  reason: string,
): void {
  sock.ws.onmessage = null;
  sock.ws.onclose = null;
  sock.close(1000, reason);
  onClose(host, shard, sock, code, reason);
}

/** A socket of `shard` closed. */
function onClose(
  host: LifecycleHost,
  shard: Shard,
  sock: StreamSocket,
  code: number,
  reason: string,
): void {
  sock.markClosed();
  failPending(sock, code, reason);
  if (!host.isOpen()) return;
  if (sock === shard.old) return oldSocketClosed(shard);
  if (sock !== shard.active) return;
  if (shard.old) {
    newSocketDied(shard, sock);
    host.emit("close", { connection: sock.id, code, reason, willReconnect: true });
    host.table.resubscribe(shard, true);
    return;
  }
  shard.active = undefined;
  for (const w of shard.wires) {
    w.primary = undefined;
    w.pending = undefined;
    if (w.acked) w.resumed = w.down = true;
  }
  if (host.reconnect === false) {
    host.emit("close", { connection: sock.id, code, reason, willReconnect: false });
    void host.close();
    return;
  }
  host.emit("close", { connection: sock.id, code, reason, willReconnect: true });
  shard.reconnecting ??= reconnect(host, shard, sock.id).finally(() =>
    shard.reconnecting = undefined
  );
}

/** Reopens the socket of `shard` with the policy's backoff, then resubscribes its streams. */
async function reconnect(host: LifecycleHost, shard: Shard, lastId: number): Promise<void> {
  const sock = await withBackoff(() => host.openSocket(), {
    policy: host.reconnect,
    signal: host.signal,
    delayFirst: true,
    wanted: () => host.isOpen(),
    onWait: (attempt, delayMs) =>
      host.emit("reconnecting", { connection: lastId, attempt, delayMs }),
    onError: (error) => host.error(error),
    onGiveUp: (max) => {
      host.error(
        new ConnectionClosedError({
          advice:
            `Gave up after ${max} reconnect attempts; open a new connection with connectStreams().`,
        }),
      );
      void host.close();
    },
  });
  if (sock) await inService(host, shard, sock, true);
}

/**
 * Makes a newly opened socket the shard's active one and subscribes every stream of the shard
 * on it (closing it instead when the connection closed meanwhile).
 */
async function inService(
  host: LifecycleHost,
  shard: Shard,
  sock: StreamSocket,
  reconnect: boolean,
): Promise<void> {
  if (!host.isOpen()) {
    await sock.discard(1000, "closed by the client");
    return;
  }
  adopt(host, shard, sock);
  shard.active = sock;
  for (const w of shard.wires) w.primary = sock;
  host.table.resubscribe(shard, reconnect);
}
