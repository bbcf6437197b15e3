// Private: the hint from a subscription to the socket that feeds it, that a `for await` loop
// has an update waiting in its buffer (it was not waiting when the update came).
//
// A read hands over every frame it holds in one pass; with no backlog that is the cheapest
// way (a thousand loops each woken once, the WS API's answers settled together). When a loop
// falls behind within a pass, the socket lets the queued microtasks run before the next
// frame, so the loop keeps up as with one message per task, and its buffer stays small.

/** Set by a subscription that buffered an update for its iterator; reset by the socket. */
export const backlog: { waiting: boolean } = { waiting: false };
