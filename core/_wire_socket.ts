// Private: what the connections use of a WebSocket, met by the platform's `WebSocket` and by
// `TcpWebSocket` (core/_tcp_socket.ts) alike.

/** `readyState` values, as `WebSocket` numbers them. */
export const WireState = { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 } as const;

/** A message: a text frame's string (a binary frame's bytes are reported, never read). */
export interface WireMessageEvent {
  readonly data: unknown;
}

/** Why opening or keeping the socket failed (`close` follows). */
export interface WireErrorEvent {
  readonly message?: string;
  readonly error?: unknown;
}

/** The socket closed: the close frame's code and reason (1006: no close frame). */
export interface WireCloseEvent {
  readonly code: number;
  readonly reason: string;
  readonly wasClean?: boolean;
}

/** The part of `WebSocket` the connections use. */
export interface WireSocket {
  readonly readyState: number;
  onopen: (() => void) | null;
  onmessage: ((event: WireMessageEvent) => void) | null;
  onerror: ((event: WireErrorEvent) => void) | null;
  onclose: ((event: WireCloseEvent) => void) | null;
  send(text: string): void;
  close(code?: number, reason?: string): void;
}
