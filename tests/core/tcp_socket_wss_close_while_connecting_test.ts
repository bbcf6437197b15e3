// close() while the TCP connect of a wss: socket is under way (a host that drops the SYN: here
// a listener whose accept queue is full) must end that connect now, as it does for ws:, not
// leave it pending for the system's connect timeout (minutes).
import assert from "node:assert/strict";
import { openSocket, SocketHandle } from "../../core/_socket.ts";
import { ConnectionOpenError } from "../../mod.ts";

async function fullListener() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  const conns: Deno.Conn[] = [];
  // Fill the accept queue (never accepted): the next SYN gets no answer.
  for (let i = 0; i < 2048; i++) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ac = new AbortController();
    const got = await Promise.race([
      Deno.connect({ hostname: "127.0.0.1", port, signal: ac.signal }),
      new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), 200))),
    ]).catch(() => undefined);
    clearTimeout(timer);
    if (got === undefined) {
      ac.abort();
      await new Promise((r) => setTimeout(r, 10));
      break;
    }
    conns.push(got);
  }
  return {
    port,
    [Symbol.dispose]() {
      for (const c of conns) c.close();
      listener.close();
    },
  };
}

for (const scheme of ["ws", "wss"]) {
  Deno.test(`tcp socket: close() during the TCP connect of a ${scheme}: socket ends it at once`, async () => {
    using full = await fullListener();
    let handle: SocketHandle | undefined;
    const error = await openSocket(
      `${scheme}://127.0.0.1:${full.port}/ws-api/v3`,
      (ws) => (handle = new SocketHandle(ws)),
      300,
    ).catch((e) => e);
    assert.ok(error instanceof ConnectionOpenError, String(error));
    // The timeout closed the socket: its connect must give up now.
    const closed = await handle!.closedWithin(1_000);
    assert.ok(closed, `the ${scheme}: connect was still pending 1 s after close()`);
  });
}
