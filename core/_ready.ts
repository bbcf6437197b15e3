// Private: requests made while no socket is open wait here for the next one, within their
// deadline and signal.
import { ConnectionClosedError, RequestTimeoutError } from "./errors.ts";

/** The wait of requests for an open socket. */
export class Readiness {
  #ready: PromiseWithResolvers<void> | undefined;

  /** Releases every waiting request (a socket opened, or the connection closed). */
  wake(): void {
    const ready = this.#ready;
    this.#ready = undefined;
    ready?.resolve();
  }

  /**
   * Waits for {@linkcode Readiness.wake}.
   *
   * @throws {RequestTimeoutError} (`outcome: "notSent"`) when `remainingMs` runs out first.
   * @throws {ConnectionClosedError} (`outcome: "notSent"`) when `lifecycle` aborts (the
   * connection closed).
   * @throws the reason of `signal` when it aborts first.
   */
  async wait(
    method: string,
    remainingMs: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    lifecycle: AbortSignal,
  ): Promise<void> {
    const notSent = () => new RequestTimeoutError({ method, timeoutMs, outcome: "notSent" });
    if (remainingMs <= 0) throw notSent();
    this.#ready ??= Promise.withResolvers<void>();
    const timeout = AbortSignal.timeout(remainingMs);
    const signals = signal ? [lifecycle, timeout, signal] : [lifecycle, timeout];
    const waitSignal = AbortSignal.any(signals);
    const { promise, reject } = Promise.withResolvers<never>();
    const onAbort = () =>
      reject(
        signal?.aborted
          ? signal.reason
          : lifecycle.aborted
          ? new ConnectionClosedError({ method, outcome: "notSent" })
          : notSent(),
      );
    // `AbortSignal.any` of a signal aborted already is aborted at once: no event comes.
    if (waitSignal.aborted) onAbort();
    else waitSignal.addEventListener("abort", onAbort, { once: true });
    try {
      await Promise.race([this.#ready.promise, promise]);
    } finally {
      waitSignal.removeEventListener("abort", onAbort);
    }
  }
}
