// Private: the streams of a stream connection and the way of every frame to them. The table
// maps each subscribed stream name (and, for raw connections, each payload route) to its
// wire, remembers the streams removed lately (their late frames are expected), places a
// new stream on the first shard with room, and keeps the server's list equal to it with
// SUBSCRIBE and UNSUBSCRIBE (acknowledgements, refusals, resubscription after an open).
// `frame` is the hot path: one parse, one lookup, then `Wire.accept`.
import { abortable, deadline } from "./_async.ts";
import { answer, MAX_PARAMS } from "./_control_queue.ts";
import { RecentStreams } from "./_recent_streams.ts";
import { type RotationReason, switchWire } from "./_rotation.ts";
import type { Shard, ShardWire, StreamSocket } from "./_shard.ts";
import { routeOfName, routeOfPayload } from "./_stream_route.ts";
import type { SubscriptionImpl } from "./_subscription.ts";
import { Wire } from "./_wire.ts";
import {
  ConnectionClosedError,
  RequestTimeoutError,
  UnexpectedMessageError,
  ValidationError,
} from "./errors.ts";
import type { StreamEventMap, StreamSpec } from "./stream_types.ts";

/** What the table needs of its connection. */
export interface TableHost {
  /** The connection's shards. */
  readonly shards: readonly Shard[];
  /** Streams per shard at most. */
  readonly maxStreamsPerShard: number;
  /** Adds a shard and starts opening its socket. */
  addShard(): Shard;
  /** Whether the connection is open. */
  isOpen(): boolean;
  /** Rotates a shard make-before-break because its socket `from` got `serverShutdown`. */
  rotate(shard: Shard, reason: RotationReason, from: StreamSocket): Promise<void>;
  /** Emits a connection event. */
  emit<K extends keyof StreamEventMap>(type: K, payload: StreamEventMap[K]): void;
  /** Reports an error that belongs to no request. */
  error(error: unknown): void;
  /**
   * The properties set on the connection (`SET_PROPERTY`), as name and value: a new socket
   * gets them before its streams, since Binance starts every socket with its defaults.
   */
  readonly properties?: ReadonlyMap<string, unknown>;
  /** Binance acknowledged `name` = `value` again (on a new socket). */
  propertyAccepted?(name: string, value: unknown): void;
}

/** How a combined frame begins, up to its stream name. */
const PREFIX = '{"stream":"';
/** What follows the stream name of a combined frame, up to its payload. */
const INFIX = '","data":';
/** How long a stream whose resubscribe failed waits before it is asked again, in ms. */
const RESUBSCRIBE_AGAIN_MS = 1000;
/** A payload that did not parse on the fast path. */
const NOT_JSON: unique symbol = Symbol("not JSON");

/** The streams of a connection. */
export class StreamTable {
  readonly #wires: Map<string, ShardWire> = new Map();
  /** `#wires` again, for the lookup of every frame (see {@linkcode NameIndex}). */
  readonly #index: NameIndex<ShardWire> = new NameIndex(PREFIX, INFIX);
  readonly #routes: Map<string, ShardWire> = new Map();
  /** Streams removed lately: their late frames are expected, not reported. */
  readonly #recent: RecentStreams = new RecentStreams();
  readonly #host: TableHost;

  /** @param host The connection. */
  constructor(host: TableHost) {
    this.#host = host;
  }

  /** The names of the streams subscribed now. */
  get names(): string[] {
    return [...this.#wires.keys()];
  }

  /**
   * The wire of `spec`: the existing one, or a new one on the first shard with room (a new
   * shard when all are full), with its `SUBSCRIBE` queued.
   *
   * @throws {ValidationError} on a raw connection, when the stream's payloads cannot be
   * told from a stream already subscribed.
   */
  wire<T>(spec: StreamSpec<T>, raw: boolean): Wire<T, Shard> {
    const found = this.#wires.get(spec.name) as Wire<T, Shard> | undefined;
    if (found) return found;
    if (raw) {
      const clash = this.#routes.get(routeOfName(spec.name));
      if (clash) {
        throw new ValidationError(spec.name, [{
          param: "",
          message: `cannot be told from "${clash.spec.name}" on a raw connection; ` +
            "use a combined connection (the default)",
        }]);
      }
    }
    const host = this.#host;
    const shard = host.shards.find((s) => s.wires.size < host.maxStreamsPerShard) ??
      host.addShard();
    const wire = new Wire(spec, shard);
    wire.primary = shard.active;
    shard.wires.add(wire as ShardWire);
    this.#wires.set(spec.name, wire as ShardWire);
    this.#index.set(spec.name, wire as ShardWire);
    this.#routes.set(routeOfName(spec.name), wire as ShardWire);
    if (shard.active) {
      const name = spec.name;
      shard.control.request("SUBSCRIBE", [name]).then(
        () => this.#acked(name, shard),
        (error) => this.#failed([name], error),
      );
    }
    return wire;
  }

  /** A subscription gave up waiting for the acknowledgement: its stream goes when unused. */
  leave<T>(wire: Wire<T, Shard>, sub: SubscriptionImpl<T>): void {
    wire.subs = wire.subs.filter((s) => s !== sub);
    if (wire.subs.length === 0 && this.#wires.get(wire.spec.name) === wire) {
      this.#remove(wire as ShardWire);
      if (wire.acked && wire.shard.active) {
        this.#unsubscribeAt(wire.shard, [wire.spec.name]).catch(() => {});
      } else if (!wire.acked) this.#withdraw(wire as ShardWire);
    }
  }

  /**
   * Takes the stream out of its SUBSCRIBE when that was not sent yet: the server never has
   * it, its slot of the 1024 is free at once, and the message's answer does not count for it
   * (its caller ends as not sent).
   */
  #withdraw(wire: ShardWire): void {
    wire.shard.control.withdraw(
      "SUBSCRIBE",
      wire.spec.name,
      () => new ConnectionClosedError({ method: "SUBSCRIBE", outcome: "notSent" }),
    );
  }

  /** A subscription ended: its stream is unsubscribed when no other subscription uses it. */
  async unsubscribe<T>(
    wire: Wire<T, Shard>,
    sub: SubscriptionImpl<T>,
    options: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<void> {
    wire.subs = wire.subs.filter((s) => s !== sub);
    if (wire.subs.length > 0 || this.#wires.get(wire.spec.name) !== wire) return;
    this.#remove(wire as ShardWire);
    const shard = wire.shard;
    // Not acknowledged yet: not sent, it is taken out of its message; else its
    // acknowledgement unsubscribes it (`#acked`).
    if (!wire.acked) this.#withdraw(wire as ShardWire);
    if (!this.#host.isOpen() || !shard.active || !wire.acked) return;
    // Sent whatever the signal says: the stream is gone here, so it must go at the server too.
    const unsubscribing = this.#unsubscribeAt(shard, [wire.spec.name]);
    unsubscribing.catch(() => {});
    options.signal?.throwIfAborted();
    const timeoutMs = options.timeoutMs;
    try {
      await (timeoutMs === undefined ? abortable(unsubscribing, options.signal) : deadline(
        unsubscribing,
        timeoutMs,
        () => new RequestTimeoutError({ method: "UNSUBSCRIBE", timeoutMs }),
        options.signal,
      ));
    } catch (error) {
      if (error instanceof ConnectionClosedError) return; // not resubscribed anyway
      throw error;
    }
  }

  /** Subscribes every stream of the shard on its active socket (after an open). */
  resubscribe(shard: Shard, reconnect: boolean): void {
    const names = [...shard.wires].map((w) => w.spec.name);
    // A socket starts with Binance's defaults: what the connection set goes first.
    for (const [name, value] of this.#host.properties ?? []) {
      // A `setProperty` made while the socket was down is queued already: it goes, answered.
      if (shard.control.queued("SET_PROPERTY", name)) continue;
      shard.control.request("SET_PROPERTY", [name, value]).then(
        () => this.#host.propertyAccepted?.(name, value),
        (error) => this.#host.error(error),
      );
    }
    // The old socket of a failed rotation goes on: the streams removed meanwhile leave it
    // first, so that the SUBSCRIBE below never takes it over 1024.
    const dropped = shard.old === undefined ? shard.droppedInOverlap : undefined;
    if (shard.old === undefined) shard.droppedInOverlap = undefined;
    if (dropped !== undefined) {
      const gone = [...dropped].filter((name) =>
        this.#wires.get(name)?.shard !== shard && !shard.control.queued("UNSUBSCRIBE", name)
      );
      if (gone.length > 0) this.#unsubscribeAt(shard, gone).catch(() => {});
    }
    // Queued SUBSCRIBEs are replaced by one for every stream of the shard.
    shard.control.drop(
      "SUBSCRIBE",
      () => new ConnectionClosedError({ method: "SUBSCRIBE", outcome: "notSent" }),
    );
    for (let i = 0; i < names.length; i += MAX_PARAMS) {
      const batch = names.slice(i, i + MAX_PARAMS);
      const sock = shard.active!;
      shard.control.request("SUBSCRIBE", batch).then(() => {
        let up = 0;
        for (const name of batch) if (this.#acked(name, shard)) up++;
        if (reconnect) {
          this.#host.emit("resubscribed", { connection: sock.id, streams: batch.length });
        } else this.#backUp(shard, up); // down since a drop, made again by a rotation
      }, (error) => this.#failed(batch, error));
    }
  }

  /** Two subscribed streams whose raw payloads cannot be told apart, if any. */
  rawClash(): [string, string] | undefined {
    const seen = new Map<string, string>();
    for (const stream of this.#wires.keys()) {
      const route = routeOfName(stream);
      const clash = seen.get(route);
      if (clash) return [clash, stream];
      seen.set(route, stream);
    }
    return undefined;
  }

  /** The connection closed: every stream ends, waiting subscribes reject with `error()`. */
  close(error: () => Error): void {
    for (const timer of this.#retries) clearTimeout(timer);
    this.#retries.clear();
    for (const [name, wire] of this.#wires) {
      this.#recent.add(name);
      wire.ready?.reject(error());
      for (const s of wire.subs) s.end("connection closed");
    }
    this.#wires.clear();
    this.#index.clear();
    this.#routes.clear();
  }

  /** A SUBSCRIBE of `shard` that timed out was answered with success after all. */
  lateSubscribed(shard: Shard, names: unknown[]): void {
    let up = 0;
    for (const name of names) if (typeof name === "string" && this.#acked(name, shard)) up++;
    this.#backUp(shard, up);
  }

  /**
   * `up` streams that were down since a drop are subscribed again outside the resubscribe
   * that follows a reconnect (a retry, a late answer): said as that resubscribe says it.
   */
  #backUp(shard: Shard, up: number): void {
    const sock = shard.active;
    if (up > 0 && sock !== undefined) {
      this.#host.emit("resubscribed", { connection: sock.id, streams: up });
    }
  }

  /** Returns whether the stream was down since a drop (see `Wire.down`) and is back now. */
  #acked(name: string, shard: Shard): boolean {
    const wire = this.#wires.get(name);
    if (wire === undefined || wire.shard !== shard) {
      // Given up before its acknowledgement (a timeout, an abort, its last subscription gone):
      // subscribed at the server all the same, so unsubscribed there, not left to count
      // against the socket's 1024 and send frames nobody reads.
      if (this.#host.isOpen() && shard.active) {
        this.#unsubscribeAt(shard, [name]).catch(() => {});
      }
      return false;
    }
    if (!wire.acked) {
      wire.acked = true;
      wire.ready!.resolve();
      wire.ready = undefined;
    }
    const wasDown = wire.down;
    wire.down = false;
    return wasDown;
  }

  #failed(names: string[], error: Error): void {
    if (error instanceof ConnectionClosedError) return; // resubscribed on the next socket
    const again: ShardWire[] = [];
    for (const name of names) {
      const wire = this.#wires.get(name);
      if (!wire) continue;
      if (!wire.acked) {
        this.#remove(wire);
        wire.ready!.reject(error);
      } else {
        // A stream that was subscribed, whose resubscribe (after a reconnect, in a rotation)
        // failed: said, asked again after a pause, and its next update follows a gap.
        this.#host.error(error);
        wire.resumed = true;
        again.push(wire);
      }
    }
    if (again.length > 0) this.#askAgain(again);
  }

  /**
   * Unsubscribes `names` on the shard's socket. Until the server answers, their raw routes are
   * fenced on that shard: a raw payload of such a route comes from a stream that is leaving (the
   * server answers the UNSUBSCRIBE after its last frames, and a later SUBSCRIBE of the same
   * route after that), so it is not handed to a new stream of the route.
   */
  #unsubscribeAt(shard: Shard, names: string[]): Promise<unknown> {
    const unsubscribing = shard.control.request("UNSUBSCRIBE", names);
    let routes = this.#leaving.get(shard);
    if (routes === undefined) this.#leaving.set(shard, routes = new Map());
    const fenced = routes;
    const keys = names.map(routeOfName);
    for (const route of keys) fenced.set(route, (fenced.get(route) ?? 0) + 1);
    const lift = () => {
      for (const route of keys) {
        const n = (fenced.get(route) ?? 1) - 1;
        if (n > 0) fenced.set(route, n);
        else fenced.delete(route);
      }
      if (fenced.size === 0 && this.#leaving.get(shard) === fenced) this.#leaving.delete(shard);
    };
    unsubscribing.then(lift, lift);
    return unsubscribing;
  }

  /** Raw routes of streams whose UNSUBSCRIBE is not answered yet, per shard (see above). */
  readonly #leaving: Map<Shard, Map<string, number>> = new Map();

  /** Timers of the resubscribes asked again (cleared when the connection closes). */
  readonly #retries = new Set<ReturnType<typeof setTimeout>>();

  #askAgain(wires: ShardWire[]): void {
    const timer = setTimeout(() => {
      this.#retries.delete(timer);
      if (!this.#host.isOpen()) return;
      for (const wire of wires) {
        const shard = wire.shard;
        if (this.#wires.get(wire.spec.name) !== wire || !shard.active) continue;
        const name = wire.spec.name;
        shard.control.request("SUBSCRIBE", [name]).then(
          () => this.#backUp(shard, this.#acked(name, shard) ? 1 : 0),
          (error) => this.#failed([name], error),
        );
      }
    }, RESUBSCRIBE_AGAIN_MS);
    this.#retries.add(timer);
  }

  #remove(wire: ShardWire): void {
    // During an overlap the old socket carries the stream too (see `Shard.droppedInOverlap`).
    if (wire.shard.old !== undefined && wire.acked) {
      (wire.shard.droppedInOverlap ??= new Set()).add(wire.spec.name);
    }
    this.#wires.delete(wire.spec.name);
    this.#index.delete(wire.spec.name);
    this.#recent.add(wire.spec.name);
    const route = routeOfName(wire.spec.name);
    if (this.#routes.get(route) === wire) {
      // Another stream of the same route (same payload shape) takes it over, if any.
      this.#routes.delete(route);
      for (const other of this.#wires.values()) {
        if (routeOfName(other.spec.name) === route) {
          this.#routes.set(route, other);
          break;
        }
      }
    }
    wire.shard.wires.delete(wire);
    wire.shard.switched?.();
  }

  /** Handles one frame of `sock` (hot path): a stream update, a control answer or an event. */
  frame(shard: Shard, sock: StreamSocket, data: unknown): void {
    sock.frames++;
    if (typeof data !== "string") {
      this.#host.error(new UnexpectedMessageError("Received a binary frame on a JSON stream", ""));
      return;
    }
    // The hot path: a combined frame as Binance writes it, `{"stream":"<name>","data":<payload>}`,
    // of a subscribed stream. The name is found in the text (no string made, no hash of a new
    // string) and only the payload is parsed: the same value as `JSON.parse(data).data`. Any
    // other frame (another shape, escapes, a payload that is not one JSON value) takes the
    // general way below, which parses the whole frame.
    // The stream of the last frame is tried first: its whole head, `{"stream":"<name>","data":`,
    // compared as one string (`slice` and `===` cost a third of `startsWith` on these texts).
    if (data.charCodeAt(data.length - 1) === 125 /* } */) {
      const index = this.#index;
      let wire = index.getByHead(data);
      let start = index.headLength;
      if (wire === undefined && data.slice(0, PREFIX.length) === PREFIX) {
        const end = data.indexOf('"', PREFIX.length);
        if (end > 0 && data.slice(end, end + INFIX.length) === INFIX) {
          wire = index.getIn(data, PREFIX.length, end);
          start = end + INFIX.length;
        }
      }
      if (wire !== undefined) {
        let payload: unknown = NOT_JSON;
        try {
          // Plain JSON.parse, as below: every integer a model reads is checked to be below 2^53.
          payload = JSON.parse(data.slice(start, data.length - 1));
        } catch { /* the general way decides */ }
        if (payload !== NOT_JSON) {
          this.#deliver(shard, sock, wire, payload, data);
          return;
        }
      }
    }
    let msg: unknown;
    try {
      // Plain JSON.parse: the hot path. Every integer a model reads is checked to be below
      // 2^53 (core/_check.ts), so a larger one is refused, never passed on rounded.
      msg = JSON.parse(data);
    } catch {
      this.#host.error(
        new UnexpectedMessageError("Cannot parse a frame from the server: not JSON", data),
      );
      return;
    }
    let wire: ShardWire | undefined;
    let payload: unknown;
    let name: string | undefined;
    if (typeof msg === "object" && msg !== null && !Array.isArray(msg)) {
      const frame = msg as Record<string, unknown>;
      const stream = frame.stream;
      if (typeof stream === "string" && "data" in frame) {
        name = stream;
        payload = frame.data;
        wire = this.#index.get(stream);
      } else if (
        ("id" in frame && ("result" in frame || "code" in frame)) ||
        ("code" in frame && "msg" in frame)
      ) {
        const stray = answer(sock, frame, data);
        if (stray) this.#host.error(stray);
        return;
      } else {
        payload = frame;
      }
    } else payload = msg;
    if (name === undefined) {
      if ((payload as Record<string, unknown> | null)?.e === "serverShutdown") {
        void this.#host.rotate(shard, "serverShutdown", sock);
        return;
      }
      name = routeOfPayload(payload);
      // A late payload of a stream that is leaving: expected, and not the new stream's.
      if (name !== undefined && this.#leaving.size > 0 && this.#leaving.get(shard)?.has(name)) {
        return;
      }
      wire = name === undefined ? undefined : this.#routes.get(name);
      if (wire) name = wire.spec.name;
    } else if (name === "!serverShutdown") {
      void this.#host.rotate(shard, "serverShutdown", sock);
      return;
    }
    if (!wire) {
      // Late frames of a stream just removed are expected; anything else is reported.
      if (name === undefined || !this.#recent.has(name)) {
        this.#host.error(
          new UnexpectedMessageError(
            `Received an update of no subscribed stream${name ? ` ("${name}")` : ""}`,
            data,
          ),
        );
      }
      return;
    }
    this.#deliver(shard, sock, wire, payload, data);
  }

  /** Checks `payload` against the stream's model and delivers it (hot path). */
  #deliver(
    shard: Shard,
    sock: StreamSocket,
    wire: ShardWire,
    payload: unknown,
    data: string,
  ): void {
    let value: unknown;
    try {
      value = wire.parse(payload);
    } catch (error) {
      const err = error instanceof UnexpectedMessageError
        ? new UnexpectedMessageError(`"${wire.spec.name}": ${error.message}`, data)
        : new UnexpectedMessageError(`"${wire.spec.name}": ${String(error)}`, data);
      let heard = false;
      for (const s of wire.subs) heard = s.malformed(err) || heard;
      if (!heard) this.#host.error(err);
      return;
    }
    if (sock === wire.primary) {
      wire.accept(value);
      if (wire.pending !== undefined && wire.overlapProven()) switchWire(shard, wire, true);
    } else if (wire.pending !== undefined && sock === shard.active) {
      wire.hold(value);
      if (wire.overlapProven()) switchWire(shard, wire, true);
    }
    // Anything else comes from a socket being retired: the new one carries it.
  }
}

/**
 * Values by stream name, for the lookup of every frame: open addressing (linear probing) on
 * an FNV-1a hash of the name, plus the last name found. A parsed frame's name is a new string
 * whose hash V8 has not computed yet, so `Map.get` costs several times this; and consecutive
 * frames of one stream compare one string: the text's head with the last name's (`getByHead`).
 */
export class NameIndex<V> {
  #keys: (string | undefined)[] = new Array(8);
  #values: (V | undefined)[] = new Array(8);
  /** Whether JSON writes the key as it is (no character that needs an escape). */
  #plain: boolean[] = new Array(8).fill(false);
  /** `before`, the key and `after` as one flat string, for a plain key. */
  #heads: (string | undefined)[] = new Array(8);
  #size = 0;
  #lastKey: string | undefined;
  #lastValue: V | undefined;
  /** The head of the last key `getIn` found (`undefined` when it is not plain). */
  #lastHead: string | undefined;
  #lastHeadValue: V | undefined;
  readonly #before: string;
  readonly #after: string;

  /**
   * @param before What a text holds before a name, for `getByHead`.
   * @param after What a text holds after a name, for `getByHead`.
   */
  constructor(before = "", after = "") {
    this.#before = before;
    this.#after = after;
  }

  /** The value of `name`, if any. Hot path. */
  get(name: string): V | undefined {
    if (name === this.#lastKey) return this.#lastValue;
    const keys = this.#keys;
    const mask = keys.length - 1;
    for (let i = hash(name) & mask;; i = (i + 1) & mask) {
      const key = keys[i];
      if (key === undefined) return undefined;
      if (key === name) {
        this.#lastKey = name;
        return this.#lastValue = this.#values[i];
      }
    }
  }

  /**
   * The value of the name written in `text` from `start` to `end`, as a JSON string without
   * escapes would hold it, if any. Hot path: the name's hash is computed here (a new string's
   * `Map.get` costs several times this). Names that JSON would write with escapes are never
   * found here (`get` finds them). A name found becomes the one `getByHead` tries.
   */
  getIn(text: string, start: number, end: number): V | undefined {
    const length = end - start;
    const keys = this.#keys;
    const mask = keys.length - 1;
    let name: string | undefined;
    for (let i = hashIn(text, start, end) & mask;; i = (i + 1) & mask) {
      const key = keys[i];
      if (key === undefined) return undefined;
      if (key.length === length && key === (name ??= text.slice(start, end))) {
        if (!this.#plain[i]) return undefined;
        this.#lastHead = this.#heads[i];
        return this.#lastHeadValue = this.#values[i];
      }
    }
  }

  /**
   * The value of the name `getIn` found last, when `text` begins with it between `before` and
   * `after` (then `headLength` is where the rest begins). Hot path: one comparison of strings.
   */
  getByHead(text: string): V | undefined {
    const head = this.#lastHead;
    if (head === undefined || text.slice(0, head.length) !== head) return undefined;
    return this.#lastHeadValue;
  }

  /** The length of the head `getByHead` compares. */
  get headLength(): number {
    return this.#lastHead === undefined ? 0 : this.#lastHead.length;
  }

  /** Forgets the names last found (after any change). */
  #forget(): void {
    this.#lastKey = undefined;
    this.#lastValue = undefined;
    this.#lastHead = undefined;
    this.#lastHeadValue = undefined;
  }

  set(name: string, value: V): void {
    this.#forget();
    if ((this.#size + 1) * 2 > this.#keys.length) this.#grow();
    const keys = this.#keys;
    const mask = keys.length - 1;
    let i = hash(name) & mask;
    while (keys[i] !== undefined && keys[i] !== name) i = (i + 1) & mask;
    if (keys[i] === undefined) this.#size++;
    keys[i] = name;
    this.#values[i] = value;
    this.#plain[i] = PLAIN.test(name);
    this.#heads[i] = this.#plain[i] ? [this.#before, name, this.#after].join("") : undefined;
  }

  delete(name: string): void {
    this.#forget();
    const keys = this.#keys;
    const values = this.#values;
    const plain = this.#plain;
    const heads = this.#heads;
    const mask = keys.length - 1;
    let i = hash(name) & mask;
    while (keys[i] !== name) {
      if (keys[i] === undefined) return;
      i = (i + 1) & mask;
    }
    // Backward-shift deletion: later entries of the run move up, so no probe stops early.
    for (let j = (i + 1) & mask; keys[j] !== undefined; j = (j + 1) & mask) {
      const home = hash(keys[j]!) & mask;
      // Entry j may fill the hole at i when its home is not cyclically in (i, j].
      if (i <= j ? home <= i || home > j : home <= i && home > j) {
        keys[i] = keys[j];
        values[i] = values[j];
        plain[i] = plain[j];
        heads[i] = heads[j];
        i = j;
      }
    }
    keys[i] = undefined;
    values[i] = undefined;
    plain[i] = false;
    heads[i] = undefined;
    this.#size--;
  }

  clear(): void {
    this.#keys = new Array(8);
    this.#values = new Array(8);
    this.#plain = new Array(8).fill(false);
    this.#heads = new Array(8);
    this.#size = 0;
    this.#forget();
  }

  #grow(): void {
    const keys = this.#keys;
    const values = this.#values;
    this.#keys = new Array(keys.length * 2);
    this.#values = new Array(keys.length * 2);
    this.#plain = new Array(keys.length * 2).fill(false);
    this.#heads = new Array(keys.length * 2);
    this.#size = 0;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== undefined) this.set(keys[i]!, values[i]!);
    }
  }
}

/** FNV-1a of a string's UTF-16 code units. */
function hash(s: string): number {
  return hashIn(s, 0, s.length);
}

/** FNV-1a of the UTF-16 code units of `s` from `start` to `end`. */
function hashIn(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A name JSON writes as it is: printable ASCII without `"` or `\`. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
