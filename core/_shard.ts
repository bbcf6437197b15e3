// Private: what the stream connection keeps per socket and per shard. A shard is a group of
// at most 1024 streams served by one socket (two while a rotation overlaps them); the
// connection, its rotation and its watchdog all work on these records.
import { type Control, ControlQueue, type ControlSettings } from "./_control_queue.ts";
import { SocketHandle } from "./_socket.ts";
import type { Wire } from "./_wire.ts";

/** Why a socket is rotated. */
export type RotationReason = "serverShutdown" | "lifetime" | "manual";

/** One socket of a stream connection. */
export class StreamSocket extends SocketHandle {
  static #next = 0;
  /** The socket's number in events (`connection`), unique in the process. */
  readonly id: number = ++StreamSocket.#next;
  /** Control requests sent on this socket and not answered yet, by id. */
  readonly pending: Map<number, Control> = new Map();
  /** When the control messages of the current pacing window were sent. */
  readonly sent: number[] = [];
  /** Control requests that timed out, whose late answers are still acted on, by id. */
  readonly late: Map<number, () => void> = new Map();
}

/** A stream of a shard. */
export type ShardWire = Wire<unknown, Shard>;

/** A group of streams on one socket. */
export class Shard {
  readonly wires: Set<ShardWire> = new Set();
  /** The socket that carries the streams (the new one during a rotation). */
  active: StreamSocket | undefined;
  /** The socket being replaced during a rotation. */
  old: StreamSocket | undefined;
  opening: Promise<void> | undefined;
  reconnecting: Promise<void> | undefined;
  rotating: Promise<void> | undefined;
  /**
   * Why the rotation under way must be followed by another: its new socket was told to go too
   * (a `serverShutdown` during the overlap).
   */
  rotateAgain: RotationReason | undefined;
  /** Resolves the wait for every wire to switch during a rotation. */
  switched: (() => void) | undefined;
  /**
   * Streams removed during a rotation's overlap: their UNSUBSCRIBE went on the new socket,
   * the old one still carries them. Unsubscribed there when the new socket dies and the old
   * one goes on; forgotten when the old one closes.
   */
  droppedInOverlap: Set<string> | undefined;
  /** The control messages, sent on the active socket. */
  readonly control: ControlQueue;

  /** @param settings Pacing, timeout and ids of the control messages. */
  constructor(settings: ControlSettings) {
    this.control = new ControlQueue(() => this.active, settings);
  }
}
