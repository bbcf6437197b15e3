// Frames that arrive in the same read as the 101 answer (a combined-stream URL with
// `?streams=`: Binance pushes at once) must reach the handler that the opener of the socket
// sets once `openSocket` resolves, as with Deno's `WebSocket` (messages come in later tasks).
import assert from "node:assert/strict";
import { openSocket, SocketHandle } from "../../core/_socket.ts";
import { acceptOf, frame, peer, te } from "./_tcp_peer.ts";

Deno.test("tcp socket: a frame sent together with the 101 reaches the handler set after the open", async () => {
  const data = '{"stream":"btcusdt@trade","data":{"e":"trade","t":1}}';
  await using p = peer(async (conn, reader) => {
    await reader.next(); // the close frame
    await conn.write(frame(0x8, new Uint8Array([0x03, 0xe8])));
  }, (key) =>
    new Uint8Array([
      ...te.encode(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
          `Sec-WebSocket-Accept: ${acceptOf(key)}\r\n\r\n`,
      ),
      ...frame(0x1, data),
    ]));
  const socket = await openSocket(p.url, (ws) => new SocketHandle(ws), 2000);
  const messages: unknown[] = [];
  socket.ws.onmessage = (e) => messages.push(e.data);
  socket.ws.onclose = () => socket.markClosed();
  // A moment for the frame to be handed over, then the close handshake.
  await new Promise((r) => setTimeout(r, 50));
  socket.close(1000, "done");
  await socket.closed;
  assert.deepEqual(messages, [data], "the frame that came with the 101 was dropped");
});
