// Private: the bench side of a sender worker's two steps. `prepare` has the worker encode a
// run's frames into one buffer (not timed: it answers `{ prepared: true }` when done), `send`
// has it write that buffer in one write, which is when a run's timing starts.

/** The two steps of a sender worker. */
export interface Sender {
  /** Has the worker encode the frames `what` describes; resolves once they are ready. */
  prepare(what: Record<string, unknown>): Promise<void>;
  /** Has the worker write the prepared frames. */
  send(): void;
}

/** The sender steps of `worker` (its `onmessage` is taken for the answers). */
export function sender(worker: Worker): Sender {
  let prepared: (() => void) | undefined;
  worker.onmessage = (e) => {
    if ((e.data as { prepared?: boolean }).prepared) prepared?.();
  };
  return {
    prepare(what) {
      const { promise, resolve } = Promise.withResolvers<void>();
      prepared = resolve;
      worker.postMessage({ op: "prepare", ...what });
      return promise;
    },
    send() {
      worker.postMessage({ op: "send" });
    },
  };
}
