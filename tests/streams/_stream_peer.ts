// A scripted market-stream peer: every socket is exposed; the test decides the answers.
export interface PeerSocket {
  n: number;
  ws: WebSocket;
  received: { id: number; method: string; params?: unknown[] }[];
  send(obj: unknown): void;
}

export interface StreamPeer extends AsyncDisposable {
  url: string;
  sockets: PeerSocket[];
  refusing: boolean;
  /** Decides the answer to a control message; return undefined to not answer. */
  answer: (s: PeerSocket, msg: { id: number; method: string; params?: unknown[] }) => unknown;
  close(): Promise<void>;
}

export function startStreamPeer(): StreamPeer {
  const closed: Promise<void>[] = [];
  const peer: StreamPeer = {
    url: "",
    sockets: [],
    refusing: false,
    answer: (_s, msg) => ({ result: null, id: msg.id }),
    close: async () => {},
    [Symbol.asyncDispose]: async () => {},
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    if (peer.refusing) return new Response("refused", { status: 503 });
    const { socket, response } = Deno.upgradeWebSocket(req);
    const s: PeerSocket = {
      n: peer.sockets.length + 1,
      ws: socket,
      received: [],
      send(obj) {
        if (socket.readyState === WebSocket.OPEN) {
          socket.send(typeof obj === "string" ? obj : JSON.stringify(obj));
        }
      },
    };
    peer.sockets.push(s);
    const { promise, resolve } = Promise.withResolvers<void>();
    closed.push(promise);
    socket.onclose = () => resolve();
    socket.onmessage = (ev) => {
      const msg = JSON.parse(String(ev.data));
      s.received.push(msg);
      const out = peer.answer(s, msg);
      if (out !== undefined) s.send(out);
    };
    return response;
  });
  peer.url = `ws://127.0.0.1:${server.addr.port}`;
  peer.close = async () => {
    for (const s of peer.sockets) {
      try {
        s.ws.close();
      } catch { /* */ }
    }
    await Promise.all(closed);
    await server.shutdown();
  };
  peer[Symbol.asyncDispose] = peer.close;
  return peer;
}

export const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function bookTicker(u: number) {
  return {
    stream: "btcusdt@bookTicker",
    data: { u, s: "BTCUSDT", b: "1.00", B: "1.00", a: "2.00", A: "1.00" },
  };
}
export function trade(stream: string, t: number) {
  const s = stream.split("@")[0].toUpperCase();
  return {
    stream,
    data: { e: "trade", E: 1, s, t, p: "1.0", q: "1.0", T: 1, m: true, M: true },
  };
}
