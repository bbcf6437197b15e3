// Private: what SIGNED requests get before they leave: the server-synced `timestamp` (ms, or
// µs with `timeUnit: "MICROSECOND"`), the default `recvWindow` (always ms), and `apiKey` and
// `signature` over all of them, unless a logged-on session authenticates the request. Also
// what an authentication error tells the user to check. The session itself is `_session.ts`.
import { redactApiKey, ValidationError } from "./errors.ts";
import { buildSignaturePayload, type KeyType } from "./signing.ts";
import { SIGN_NOW, signsNow } from "./_sign_now.ts";
import type { WsApiCredentials } from "./types.ts";

/**
 * The methods whose tables say `apiKey` and `signature` cannot be omitted, even on a
 * logged-on session.
 */
export const ALWAYS_SIGNED: ReadonlySet<string> = new Set([
  "session.logon",
  "userDataStream.subscribe.signature",
]);

/** Binance's default `recvWindow`, in ms. */
export const DEFAULT_RECV_WINDOW_MS = 5000;

/** Signs the requests of one connection. */
export class RequestSigner {
  readonly #credentials: WsApiCredentials | undefined;
  readonly #recvWindow: number | undefined;
  readonly #micro: boolean;

  /**
   * @param credentials The API key and signer, if any.
   * @param recvWindow The connection's `recvWindow` (ms), if any.
   * @param micro Whether `timestamp` is sent in microseconds (`timeUnit: "MICROSECOND"`).
   */
  constructor(
    credentials: WsApiCredentials | undefined,
    recvWindow: number | undefined,
    micro = false,
  ) {
    this.#credentials = credentials;
    this.#recvWindow = recvWindow;
    this.#micro = micro;
  }

  /** The type of the connection's key, if it has credentials. */
  get keyType(): KeyType | undefined {
    return this.#credentials?.signer.keyType;
  }

  /**
   * Checks that a SIGNED method can be sent at all.
   *
   * @throws {ValidationError} when the connection has no credentials (nothing is sent).
   */
  assertCanSign(method: string): void {
    if (!this.#credentials) {
      throw new ValidationError(method, [{
        param: "",
        message: 'is a SIGNED method; pass "credentials" to connectWsApi()',
      }]);
    }
  }

  /**
   * Returns the params with `timestamp` (unless given) and `recvWindow` (the connection's,
   * unless given), and, unless `onSession` allows leaving them out, `apiKey` and `signature`
   * over all of them, in one copy of the params. Synchronous when nothing is signed (a session
   * request) or the signer signs at once (the HMAC signer of `createSigner`); a promise
   * otherwise.
   *
   * @param method The method (`session.logon` and `userDataStream.subscribe.signature` are
   * always signed).
   * @param params The params as the caller gave them.
   * @param serverNowMs The server clock, in ms.
   * @param onSession Whether the request goes on a logged-on session.
   */
  sign(
    method: string,
    params: Record<string, unknown>,
    serverNowMs: number,
    onSession = false,
  ): Record<string, unknown> | Promise<Record<string, unknown>> {
    this.assertCanSign(method);
    const credentials = this.#credentials!;
    const signed: Record<string, unknown> = { ...params };
    // Rare: a caller's own `signature` is dropped (`delete` slows every later access, so only
    // then).
    if (Object.hasOwn(signed, "signature")) delete signed.signature;
    signed.timestamp ??= this.#micro ? Math.round(serverNowMs * 1000) : Math.round(serverNowMs);
    if (signed.recvWindow === undefined && this.#recvWindow !== undefined) {
      signed.recvWindow = this.#recvWindow;
    }
    if (onSession && !ALWAYS_SIGNED.has(method) && params.apiKey === undefined) return signed;
    signed.apiKey = credentials.apiKey;
    const signer = credentials.signer;
    if (signsNow(signer)) {
      signed.signature = signer[SIGN_NOW](buildSignaturePayload(signed));
      return signed;
    }
    return signer.sign(buildSignaturePayload(signed)).then((signature) => {
      signed.signature = signature;
      return signed;
    });
  }

  /**
   * What to check after an authentication error, naming the API key only redacted, and never
   * the secret or the signature. `undefined` for other codes.
   */
  advice(code: number): string | undefined {
    const key = this.#credentials ? `"${redactApiKey(this.#credentials.apiKey)}"` : "(none)";
    const type = this.keyType ?? "none";
    switch (code) {
      case -1021:
        return "Check the local clock (it is re-measured against the server's on -1021) and " +
          'that "recvWindow" leaves room for the network delay.';
      case -1022:
        return `Check that the signer's key is the one registered for API key ${key}: ` +
          `its type ("${type}") and, for HMAC, the secret key; for RSA or Ed25519, the ` +
          "private key matching the public key registered with Binance.";
      case -2014:
        return `Check API key ${key}: Binance does not read it as an API key (copy it again ` +
          "from API Management, with no spaces).";
      case -2015:
        return `Check that API key ${key} exists on this endpoint (testnet and production keys ` +
          "differ), that it has the permission the method needs (TRADE needs spot trading " +
          "enabled), and that this machine's IP address is on the key's whitelist.";
      default:
        return undefined;
    }
  }
}

/**
 * The server time (ms) after which a signed request can no longer enter the matching
 * engine: its `timestamp` (in µs when above 10^14, as with `timeUnit: "MICROSECOND"`,
 * converted to ms) plus its `recvWindow` (always ms; default 5000). `undefined` without a
 * numeric timestamp.
 *
 * @param params The params as sent.
 */
export function windowEndMs(params: Readonly<Record<string, unknown>>): number | undefined {
  const timestamp = Number(params.timestamp);
  if (!Number.isFinite(timestamp)) return undefined;
  const recvWindow = params.recvWindow === undefined
    ? DEFAULT_RECV_WINDOW_MS
    : Number(params.recvWindow);
  return (timestamp > 1e14 ? timestamp / 1000 : timestamp) + recvWindow;
}
