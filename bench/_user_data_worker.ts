// A WS API counterpart in its own thread for the User Data Stream bench: it answers the few
// requests a subscription needs (`time`, `session.logon`, `userDataStream.subscribe`,
// `session.status`, `session.subscriptions`) from canned results, verifies nothing, and on
// demand writes prebuilt `executionReport` event frames to a socket as fast as the network
// takes them, thousands in one write, so that the bench measures the receiving clients.
import { clientTexts, encodeFrame, encodeTexts, handshake, writeAll } from "./_ws_wire.ts";

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
}
const scope = self as unknown as WorkerScope;
const encoder = new TextEncoder();

function dec(units: number): string {
  return `${Math.floor(units / 1e8)}.${String(units % 1e8).padStart(8, "0")}`;
}

/** A client order id as this module generates them: `bws-` and 32 hex digits (from `n`). */
function clientOrderId(n: number): string {
  let x = (n + 1) * 2654435761 >>> 0;
  let hex = "";
  for (let i = 0; i < 4; i++) {
    x = (x ^ (x << 13) ^ (x >>> 17) ^ (x << 5)) >>> 0;
    hex += x.toString(16).padStart(8, "0");
  }
  return `bws-${hex}`;
}

/**
 * The `n`th event of an order's life: orders of 4 fills each, so that every frame has its own
 * identity (order id, execution type, cumulative quantity, execution id) as live ones do.
 */
function executionReport(subscriptionId: number, n: number): string {
  const E = Date.now();
  const orderId = 1_000_000 + (n >> 2);
  const step = n & 3;
  const x = step === 0 ? "NEW" : "TRADE";
  const X = step === 0 ? "NEW" : step === 3 ? "FILLED" : "PARTIALLY_FILLED";
  const last = step === 0 ? 0 : 1_00000000;
  const cum = step * 1_00000000;
  const price = 30000_00000000 + (n % 977) * 1000000;
  const lastQuote = step === 0 ? 0 : Math.floor(price / 1e8) * 1e8;
  return `{"subscriptionId":${subscriptionId},"event":{"e":"executionReport","E":${E},` +
    `"s":"BTCUSDT","c":"${clientOrderId(orderId)}","S":"BUY","o":"LIMIT",` +
    `"f":"GTC","q":"3.00000000","p":"${dec(price)}","P":"0.00000000","F":"0.00000000",` +
    `"g":-1,"C":"","x":"${x}","X":"${X}","r":"NONE","i":${orderId},"l":"${dec(last)}",` +
    `"z":"${dec(cum)}","L":"${dec(step === 0 ? 0 : price)}","n":"${
      dec(step === 0 ? 0 : 100000)
    }","N":${step === 0 ? "null" : '"BTC"'},"T":${E},"t":${step === 0 ? -1 : n},` +
    `"I":${n},"w":${step !== 3},"m":${step === 2},"M":${step !== 0},"O":${E},` +
    `"Z":"${dec(step * lastQuote)}","Y":"${dec(lastQuote)}","Q":"0.00000000","W":${E},` +
    `"V":"EXPIRE_MAKER"}}`;
}

/** The socket of each client (named by its URL path, `/raw` or `/module`) and its subscription. */
const subscribed = new Map<string, { conn: Deno.Conn; subscriptionId: number; next: number }>();

/** The frames of the next run, encoded, and the connection they go on. */
let ready: { conn: Deno.Conn; bytes: Uint8Array } | undefined;

// `prepare` encodes a run's frames (answered with `{ prepared: true }`); `send` writes them.
scope.onmessage = async (e) => {
  const { op, client, count } = e.data as { op: "prepare" | "send"; client: string; count: number };
  if (op === "send") {
    const run = ready!;
    ready = undefined;
    await writeAll(run.conn, run.bytes);
    return;
  }
  const sub = subscribed.get(client);
  if (!sub) throw new Error(`${client} has not subscribed`);
  const first = sub.next;
  sub.next += count;
  const bytes = encodeTexts(count, (i) => executionReport(sub.subscriptionId, first + i));
  ready = { conn: sub.conn, bytes };
  scope.postMessage({ prepared: true });
};

async function serve(conn: Deno.Conn) {
  const { path, rest } = await handshake(conn);
  const client = path.slice(1);
  let ids = 0;
  let loggedOn = false;
  const reply = (id: unknown, result: unknown) =>
    writeAll(conn, encodeFrame(encoder.encode(JSON.stringify({ id, status: 200, result }))));
  for await (const text of clientTexts(conn, rest)) {
    const msg = JSON.parse(text) as { id: unknown; method: string };
    const now = Date.now();
    switch (msg.method) {
      case "time":
        await reply(msg.id, { serverTime: now });
        break;
      case "session.logon":
        loggedOn = true;
        await reply(msg.id, {
          apiKey: "bench",
          authorizedSince: now,
          connectedSince: now,
          returnRateLimits: false,
          serverTime: now,
          userDataStream: false,
        });
        break;
      case "userDataStream.subscribe":
      case "userDataStream.subscribe.signature": {
        const subscriptionId = ids++;
        subscribed.set(client, { conn, subscriptionId, next: 0 });
        await reply(msg.id, { subscriptionId });
        break;
      }
      case "session.status":
        await reply(msg.id, {
          apiKey: loggedOn ? "bench" : null,
          authorizedSince: loggedOn ? now : null,
          connectedSince: now,
          returnRateLimits: false,
          serverTime: now,
          userDataStream: ids > 0,
        });
        break;
      case "session.subscriptions":
        await reply(msg.id, ids > 0 ? [{ subscriptionId: ids - 1 }] : []);
        break;
      default:
        await reply(msg.id, {});
    }
  }
  try {
    conn.close();
  } catch { /* closed */ }
}

const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
scope.postMessage({ base: `ws://127.0.0.1:${(listener.addr as Deno.NetAddr).port}` });
for await (const conn of listener) void serve(conn).catch(() => conn.close());
