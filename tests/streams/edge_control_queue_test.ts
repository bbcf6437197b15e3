import assert from "node:assert/strict";
import { ControlQueue } from "../../core/_control_queue.ts";
import type { WireSocket } from "../../core/_wire_socket.ts";

function fakeSock(name: string, log: string[]) {
  return {
    ws: {
      readyState: WebSocket.OPEN,
      send: (t: string) => log.push(`${name}: ${t}`),
    } as unknown as WireSocket,
    pending: new Map(),
    sent: [] as number[],
    late: new Map(),
  };
}

Deno.test("control queue: a message queued just before the active socket changes goes on the new one", async () => {
  const log: string[] = [];
  const a = fakeSock("old", log);
  const b = fakeSock("new", log);
  let active = a;
  let id = 0;
  const q = new ControlQueue(() => active, { perSecond: 4, timeoutMs: 200, nextId: () => ++id });
  const p1 = q.request("LIST_SUBSCRIPTIONS", undefined).catch((e) => e); // e.g. a watchdog probe
  active = b; // the rotation's new socket opened (same turn of the event loop)
  const p2 = q.request("SUBSCRIBE", ["btcusdt@trade"]).catch((e) => e); // the rotation's resubscribe
  await new Promise((r) => setTimeout(r, 300));
  await p1;
  await p2;
  assert.ok(log.some((l) => l.includes("SUBSCRIBE")), "the SUBSCRIBE was never sent");
});
