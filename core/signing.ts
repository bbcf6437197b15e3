/**
 * Signing of SIGNED requests: HMAC-SHA256, RSA (PKCS#1 v1.5, SHA-256) and Ed25519.
 *
 * Keys are imported once into non-extractable WebCrypto `CryptoKey`s; the secret text is
 * not kept. A {@linkcode Signer} never prints, logs or throws its key, and no error
 * message of this module contains key material or a signature.
 *
 * @module
 */

import { createPrivateKey, type KeyObject } from "node:crypto";
import { stringifyJson } from "./_json.ts";
import { HmacSha256 } from "./_sha256.ts";
import { SIGN_NOW, type SignsNow } from "./_sign_now.ts";

/** The three key types Binance accepts. Always explicit: never guessed from a PEM. */
export type KeyType = "HMAC" | "RSA" | "Ed25519";

/** Signs request payloads with one key. Create one with {@linkcode createSigner}. */
export interface Signer {
  /** The key type, which fixes the algorithm and the output encoding. */
  readonly keyType: KeyType;
  /**
   * Signs a payload built by {@linkcode buildSignaturePayload}.
   *
   * @param payload The payload text; its UTF-8 bytes are signed.
   * @returns Lower-case hex for HMAC, base64 for RSA and Ed25519.
   */
  sign(payload: string): Promise<string>;
}

/** An HMAC secret key. HMAC keys are deprecated by Binance; prefer Ed25519. */
export interface HmacKey {
  /** The key type. */
  type: "HMAC";
  /** The secret key, as shown when the API key was created. */
  secretKey: string;
}

/** An RSA (2048 or 4096 bit) or Ed25519 private key in PEM. */
export interface PrivateKeyPem {
  /** The key type. */
  type: "RSA" | "Ed25519";
  /**
   * The private key in PEM: PKCS#8 (`BEGIN PRIVATE KEY`), encrypted PKCS#8
   * (`BEGIN ENCRYPTED PRIVATE KEY`, with `passphrase`) or, for RSA, PKCS#1
   * (`BEGIN RSA PRIVATE KEY`).
   */
  privateKey: string;
  /** The passphrase of an encrypted PEM. */
  passphrase?: string;
}

/** A signing key of any of the three types. */
export type SigningKey = HmacKey | PrivateKeyPem;

const encoder = new TextEncoder();

/**
 * HMAC-SHA256 in this module (core/_sha256.ts): synchronous, so a request signed each is sent
 * in the turn it was made. The secret itself is not kept, only the two hash states of its
 * padded blocks.
 */
class HmacSigner implements Signer, SignsNow {
  readonly keyType: KeyType = "HMAC";
  readonly #mac: HmacSha256;

  constructor(secret: Uint8Array) {
    this.#mac = new HmacSha256(secret);
  }

  sign(payload: string): Promise<string> {
    try {
      return Promise.resolve(this.#mac.sign(payload));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  [SIGN_NOW](payload: string): string {
    return this.#mac.sign(payload);
  }

  toJSON(): string {
    return "[Signer HMAC]";
  }

  [Symbol.for("Deno.customInspect")](): string {
    return 'Signer { keyType: "HMAC" }';
  }
}

class WebCryptoSigner implements Signer {
  readonly keyType: KeyType;
  readonly #key: CryptoKey;

  constructor(keyType: KeyType, key: CryptoKey) {
    this.keyType = keyType;
    this.#key = key;
  }

  async sign(payload: string): Promise<string> {
    const bytes = encoder.encode(payload);
    const algorithm = this.keyType === "RSA" ? "RSASSA-PKCS1-v1_5" : "Ed25519";
    const signature = new Uint8Array(await crypto.subtle.sign(algorithm, this.#key, bytes));
    return signature.toBase64();
  }

  toJSON(): string {
    return `[Signer ${this.keyType}]`;
  }

  [Symbol.for("Deno.customInspect")](): string {
    return `Signer { keyType: "${this.keyType}" }`;
  }
}

function pemBody(pem: string, label: string): Uint8Array<ArrayBuffer> {
  const match = pem.match(
    new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`),
  );
  if (!match) {
    throw new TypeError(`Cannot import the private key: expected a "${label}" PEM block`);
  }
  try {
    return Uint8Array.fromBase64(match[1].replace(/\s+/g, ""));
  } catch {
    // The decoder's message may quote the input: none of the key's text goes into ours.
    throw new TypeError(`Cannot import the private key: the "${label}" PEM block is not base64`);
  }
}

function pemLabel(pem: string): string | undefined {
  return pem.match(/-----BEGIN ([A-Z0-9 ]+)-----/)?.[1];
}

function importAlgorithm(type: "RSA" | "Ed25519"): RsaHashedImportParams | Algorithm {
  return type === "RSA" ? { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } : { name: "Ed25519" };
}

async function importPkcs8(
  der: Uint8Array<ArrayBuffer>,
  type: "RSA" | "Ed25519",
): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey("pkcs8", der, importAlgorithm(type), false, ["sign"]);
  } catch {
    throw new TypeError(
      `Cannot import the private key: it is not a valid ${type} PKCS#8 key (check "type")`,
    );
  } finally {
    der.fill(0);
  }
}

function viaNodeCrypto(key: PrivateKeyPem): Uint8Array<ArrayBuffer> {
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey({
      key: key.privateKey,
      format: "pem",
      passphrase: key.passphrase,
    });
  } catch {
    throw new TypeError(
      key.passphrase === undefined
        ? 'Cannot import the private key: the PEM is encrypted or malformed (pass "passphrase")'
        : "Cannot import the private key: wrong passphrase or malformed PEM",
    );
  }
  const actual = keyObject.asymmetricKeyType;
  const expected = key.type === "RSA" ? "rsa" : "ed25519";
  if (actual !== expected) {
    throw new TypeError(
      `Cannot import the private key: "type" is "${key.type}" but the PEM holds a "${actual}" key`,
    );
  }
  return new Uint8Array(keyObject.export({ format: "der", type: "pkcs8" }));
}

/**
 * Imports a key and returns a {@linkcode Signer} for it.
 *
 * @param key The key, with its type given explicitly.
 * @returns A signer: for RSA and Ed25519 it holds a non-extractable `CryptoKey`; for HMAC
 * the hash states of the secret's padded blocks (HMAC-SHA256 is computed in this module, at
 * once, so a request signed each goes out without waiting for a later turn).
 * @throws {TypeError} when the key is empty, malformed, encrypted without a passphrase, or
 * not of the given type. The message never contains key material.
 *
 * @example Sign a payload with an HMAC key (Binance's documented example)
 * ```ts
 * import { buildSignaturePayload, createSigner } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const signer = await createSigner({
 *   type: "HMAC",
 *   secretKey: "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
 * });
 * const payload = buildSignaturePayload({
 *   symbol: "BTCUSDT", side: "SELL", type: "LIMIT", timeInForce: "GTC",
 *   quantity: "0.01000000", price: "52000.00", recvWindow: 100, timestamp: 1645423376532,
 *   apiKey: "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
 * });
 * assert.equal(
 *   await signer.sign(payload),
 *   "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24",
 * );
 * ```
 */
export async function createSigner(key: SigningKey): Promise<Signer> {
  if (key.type === "HMAC") {
    if (typeof key.secretKey !== "string" || key.secretKey.length === 0) {
      throw new TypeError('Cannot import the HMAC key: "secretKey" is empty');
    }
    const secret = encoder.encode(key.secretKey);
    const signer = new HmacSigner(secret);
    secret.fill(0);
    return signer;
  }
  if (key.type !== "RSA" && key.type !== "Ed25519") {
    throw new TypeError(
      `Cannot import the key: "type" must be "HMAC", "RSA" or "Ed25519", got "${
        String((key as { type: unknown }).type)
      }"`,
    );
  }
  if (typeof key.privateKey !== "string" || key.privateKey.trim() === "") {
    throw new TypeError('Cannot import the private key: "privateKey" is empty');
  }
  const label = pemLabel(key.privateKey);
  const der = label === "PRIVATE KEY" && key.passphrase === undefined
    ? pemBody(key.privateKey, "PRIVATE KEY")
    : label === "ENCRYPTED PRIVATE KEY" || label === "RSA PRIVATE KEY" || label === "PRIVATE KEY"
    ? viaNodeCrypto(key)
    : undefined;
  if (der === undefined) {
    throw new TypeError(
      'Cannot import the private key: expected a PEM with "BEGIN PRIVATE KEY", ' +
        '"BEGIN ENCRYPTED PRIVATE KEY" or "BEGIN RSA PRIVATE KEY"',
    );
  }
  return new WebCryptoSigner(key.type, await importPkcs8(der, key.type));
}

function payloadValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "bigint":
    case "boolean":
      return String(value);
    default:
      // As the request is written (`bigint`s at any depth as their digits).
      return stringifyJson(value);
  }
}

/**
 * Builds the text Binance signs: every parameter except `signature`, sorted by name,
 * written `name=value` and joined by `&`, with no percent-encoding (non-ASCII stays as
 * is and is signed as UTF-8). Parameters whose value is `undefined` are left out.
 *
 * @param params The request parameters, including `apiKey` and `timestamp`.
 * @returns The payload text.
 *
 * @example Usage
 * ```ts
 * import { buildSignaturePayload } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   buildSignaturePayload({ timestamp: 1, symbol: "１２３", apiKey: "k", recvWindow: 100 }),
 *   "apiKey=k&recvWindow=100&symbol=１２３&timestamp=1",
 * );
 * ```
 */
export function buildSignaturePayload(params: Readonly<Record<string, unknown>>): string {
  // Every signed request: the pairs in one call (a load by a varying name is a slow lookup),
  // sorted by name in place (insertion: a dozen names; the same UTF-16 order as `sort()`).
  const pairs = Object.entries(params);
  for (let j = 1; j < pairs.length; j++) {
    const pair = pairs[j];
    let k = j - 1;
    for (; k >= 0 && pairs[k][0] > pair[0]; k--) pairs[k + 1] = pairs[k];
    pairs[k + 1] = pair;
  }
  let payload = "";
  for (let i = 0; i < pairs.length; i++) {
    const name = pairs[i][0];
    const value = pairs[i][1];
    if (name === "signature" || value === undefined) continue;
    payload += (payload.length === 0 ? "" : "&") + name + "=" +
      (typeof value === "string" ? value : payloadValue(value));
  }
  return payload;
}
