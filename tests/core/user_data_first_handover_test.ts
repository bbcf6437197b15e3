// A first subscribe in flight on the old socket when a renewal starts: the new socket's extra
// subscribe (the hand-over) failing must not reject the caller's subscribe while the old
// socket's one succeeds.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { okAnswer as ok } from "../_helpers.ts";

function peer(onSecondSubscribe: (ws: WebSocket, id: unknown) => void) {
  const sockets: WebSocket[] = [];
  const held: (() => void)[] = [];
  let subscribes = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const { socket, response } = Deno.upgradeWebSocket(req);
    sockets.push(socket);
    socket.onmessage = (ev) => {
      const msg = JSON.parse(String(ev.data));
      if (msg.method === "userDataStream.subscribe.signature") {
        subscribes++;
        if (subscribes === 1) {
          held.push(() => socket.send(ok(msg.id, { subscriptionId: 0 })));
        } else onSecondSubscribe(socket, msg.id);
        return;
      }
      if (msg.method === "time") return socket.send(ok(msg.id, { serverTime: Date.now() }));
      if (msg.method === "session.subscriptions") return socket.send(ok(msg.id, []));
      socket.send(ok(msg.id, {}));
    };
    return response;
  });
  return {
    url: `ws://127.0.0.1:${server.addr.port}/ws-api/v3`,
    sockets,
    held,
    get subscribes() {
      return subscribes;
    },
    async close() {
      for (const s of sockets) if (s.readyState === WebSocket.OPEN) s.close();
      await server.shutdown();
    },
  };
}

for (
  const [name, fail] of [
    ["closes", (ws: WebSocket) => ws.close(1011, "dropped")],
    [
      "refuses it",
      (ws: WebSocket, id: unknown) =>
        ws.send(JSON.stringify({ id, status: 400, error: { code: -1000, msg: "unknown" } })),
    ],
  ] as const
) {
  Deno.test(`first subscribe handed over: the new socket ${name}, the old one answers`, async () => {
    const p = peer(fail);
    const api = await spot.connectWsApi({
      url: p.url,
      credentials: {
        apiKey: "k",
        signer: await spot.createSigner({ type: "HMAC", secretKey: "s" }),
      },
      reconnect: { initialDelayMs: 10 },
    });
    api.on("error", () => {});
    try {
      const pending = spot.userDataStreamSubscribeSignature(api).then(
        (s) => ({ ok: true, id: s.subscriptionId }),
        (e) => ({ ok: false, error: String(e).slice(0, 120) }),
      );
      while (p.subscribes < 1) await new Promise((r) => setTimeout(r, 2));
      const renewed = api.renew().catch(() => {});
      while (p.subscribes < 2) await new Promise((r) => setTimeout(r, 2));
      await new Promise((r) => setTimeout(r, 50));
      p.held[0](); // the old socket acknowledges the caller's subscribe
      const outcome = await pending;
      await renewed;
      assert.deepEqual(outcome, { ok: true, id: 0 });
    } finally {
      await api.close();
      await p.close();
    }
  });
}

Deno.test("first subscribe handed over: the old socket closes unanswered, the new one answers", async () => {
  let second: (() => void) | undefined;
  const p = peer((ws, id) => {
    second = () => ws.send(ok(id, { subscriptionId: 0 }));
  });
  const api = await spot.connectWsApi({
    url: p.url,
    credentials: { apiKey: "k", signer: await spot.createSigner({ type: "HMAC", secretKey: "s" }) },
    reconnect: { initialDelayMs: 10 },
  });
  api.on("error", () => {});
  try {
    const pending = spot.userDataStreamSubscribeSignature(api).then(
      (s) => ({ ok: true, id: s.subscriptionId }),
      (e) => ({ ok: false, error: String(e).slice(0, 120) }),
    );
    while (p.subscribes < 1) await new Promise((r) => setTimeout(r, 2));
    const renewed = api.renew().catch(() => {});
    while (p.subscribes < 2) await new Promise((r) => setTimeout(r, 2));
    p.sockets[0].close(1011, "old socket dropped"); // the first subscribe is never answered
    await new Promise((r) => setTimeout(r, 50));
    second!(); // the new socket's subscribe is made
    const outcome = await pending;
    await renewed;
    assert.deepEqual(outcome, { ok: true, id: 0 });
  } finally {
    await api.close();
    await p.close();
  }
});
