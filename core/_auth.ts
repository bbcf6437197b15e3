// Private: what SIGNED requests get before they leave: the API key, the server-synced
// timestamp, the default recvWindow and the signature. (The session comes here next.)
import { ValidationError } from "./errors.ts";
import { buildSignaturePayload } from "./signing.ts";
import type { WsApiCredentials } from "./types.ts";

/** Signs the requests of one connection. */
export class RequestSigner {
  readonly #credentials: WsApiCredentials | undefined;
  readonly #recvWindow: number | undefined;

  constructor(credentials: WsApiCredentials | undefined, recvWindow: number | undefined) {
    this.#credentials = credentials;
    this.#recvWindow = recvWindow;
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
   * Returns the params with `apiKey`, `timestamp` (unless given), `recvWindow` (the
   * connection's, unless given) and `signature` over all of them.
   */
  async sign(
    method: string,
    params: Record<string, unknown>,
    serverNow: number,
  ): Promise<Record<string, unknown>> {
    this.assertCanSign(method);
    const credentials = this.#credentials!;
    const signed: Record<string, unknown> = { ...params, apiKey: credentials.apiKey };
    signed.timestamp ??= Math.round(serverNow);
    if (signed.recvWindow === undefined && this.#recvWindow !== undefined) {
      signed.recvWindow = this.#recvWindow;
    }
    delete signed.signature;
    signed.signature = await credentials.signer.sign(buildSignaturePayload(signed));
    return signed;
  }
}
