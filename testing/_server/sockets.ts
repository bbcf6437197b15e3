// Private: what the fake exchange's WebSocket API and stream servers do alike with a
// connection: check the request before the upgrade, track the socket while open, cap its
// lifetime, close it, close them all.

/** A server-side connection of the fake exchange. */
export interface Tracked {
  ws: WebSocket;
  openedAt: number;
  lifetimeTimer?: ReturnType<typeof setTimeout>;
}

/** Closes a connection (once), with a close code and reason. */
export function closeTracked(conn: Tracked, code: number, reason: string): void {
  clearTimeout(conn.lifetimeTimer);
  try {
    if (conn.ws.readyState < WebSocket.CLOSING) conn.ws.close(code, reason);
  } catch { /* already closed */ }
}

/** Closes the connection `lifetimeMs` after it opened (again from now if re-armed). */
export function armLifetime(conn: Tracked, lifetimeMs: number): void {
  clearTimeout(conn.lifetimeTimer);
  conn.lifetimeTimer = setTimeout(
    () => closeTracked(conn, 1000, "Connection lifetime reached"),
    Math.max(0, conn.openedAt + lifetimeMs - Date.now()),
  );
}

/** Keeps `conn` in `conns` while it is open, with its lifetime armed; text frames go to `onText`. */
export function track<C extends Tracked>(
  conns: Set<C>,
  conn: C,
  lifetimeMs: () => number,
  onText: (text: string) => void,
): void {
  conn.ws.onopen = () => {
    conns.add(conn);
    armLifetime(conn, lifetimeMs());
  };
  conn.ws.onmessage = (e) => {
    if (typeof e.data === "string") onText(e.data);
  };
  conn.ws.onclose = () => {
    clearTimeout(conn.lifetimeTimer);
    conns.delete(conn);
  };
  conn.ws.onerror = () => {};
}

/** Closes every connection (code 1001) and resolves once all have closed. */
export function closeAll(conns: Iterable<Tracked>): Promise<void> {
  return Promise.all([...conns].map((c) =>
    new Promise<void>((resolve) => {
      if (c.ws.readyState === WebSocket.CLOSED) return resolve();
      c.ws.addEventListener("close", () => resolve(), { once: true });
      closeTracked(c, 1001, "Server closing");
    })
  )).then(() => {});
}

/**
 * The socket's idle timeout for `Deno.upgradeWebSocket`, in seconds: Deno pings after half of
 * it without a frame, and closes the socket at its end without a pong. So a ping every 20 s,
 * and a connection that answers none is gone 40 s in ("within a minute", as the docs say).
 */
export const PING_TIMEOUT_S = 40;

/**
 * Checks what every WebSocket endpoint of the fake checks before the upgrade: the
 * `timeUnit` query parameter (-1194 when invalid) and the upgrade header (426).
 *
 * @returns A refusal, or whether times are in microseconds.
 */
export function preflight(
  req: Request,
  url: URL,
  timeUnits: RegExp,
): Response | { micro: boolean } {
  const timeUnit = url.searchParams.get("timeUnit");
  if (timeUnit !== null && !timeUnits.test(timeUnit)) {
    return Response.json({
      code: -1194,
      msg: "Invalid value for time unit; expected either MICROSECOND or MILLISECOND.",
    }, { status: 400 });
  }
  if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
    return new Response("Upgrade Required", { status: 426 });
  }
  return { micro: timeUnit !== null && /^microsecond$/i.test(timeUnit) };
}
