// Private: the fake exchange's check of SIGNED requests, written from web-socket-api.md
// ("Request security", "SIGNED request security", "Timing security") with node:crypto only.
// Independent of the client: it rebuilds the payload and verifies the signature itself.
//
// Order of the checks (the docs fix none; this is the fake's):
//   timestamp present (-1102) → recvWindow valid (-1130) → timing window (-1021) →
//   apiKey present (-1102) → apiKey format (-2014) → known key (-2015) →
//   signature present (-1102) → signature valid (-1022).

import {
  createHmac,
  createPublicKey,
  type KeyObject,
  timingSafeEqual,
  verify as verifySignature,
} from "node:crypto";
import { fail, invalidData, mandatory } from "../_handlers/failure.ts";

/** The key types Binance accepts. */
export type KeyType = "HMAC" | "RSA" | "Ed25519";

/** A key registered for an API key: an HMAC secret, or an RSA / Ed25519 public key (PEM). */
export type AccountKey =
  | { type: "HMAC"; secretKey: string }
  | { type: "RSA" | "Ed25519"; publicKey: string };

/** An API key and its key (or keys: the default account has one of each type). */
export interface KeyedAccount {
  apiKey: string;
  key: AccountKey | readonly AccountKey[];
}

/** Who a signed request is from. */
export interface Signed {
  apiKey: string;
  keyType: KeyType;
}

/** What the fake calls a well-formed API key (-2014 otherwise): 1–100 of A-Z a-z 0-9 _ -. */
const API_KEY_FORMAT = /^[A-Za-z0-9_-]{1,100}$/;

/** The params a signed request carries for its security, stripped before the handler reads. */
export const SECURITY_PARAMS: readonly string[] = [
  "apiKey",
  "timestamp",
  "recvWindow",
  "signature",
];

function payloadValue(value: unknown): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * The signature payload, as the docs build it: every param except `signature`, sorted by
 * name, `name=value` joined by `&`, no percent-encoding (UTF-8 as is).
 */
export function signaturePayload(params: Readonly<Record<string, unknown>>): string {
  return Object.keys(params)
    .filter((name) => name !== "signature")
    .sort()
    .map((name) => `${name}=${payloadValue(params[name])}`)
    .join("&");
}

/** A timestamp in ms: values above 10^14 are taken as µs (the docs accept both). */
export function timestampMs(timestamp: number): number {
  return timestamp > 1e14 ? timestamp / 1000 : timestamp;
}

/** `recvWindow` in ms as sent (default 5000); -1130 when above 60000, not positive or over 3 decimals. */
export function recvWindowMs(params: Readonly<Record<string, unknown>>): number {
  const raw = params.recvWindow;
  if (raw === undefined) return 5000;
  const text = String(raw);
  const value = Number(text);
  if (!/^\d+(\.\d{1,3})?$/.test(text) || value <= 0 || value > 60_000) {
    invalidData("recvWindow");
  }
  return value;
}

/**
 * Timing security at receipt: `timestamp < serverTime + 1 s` and
 * `serverTime - timestamp <= recvWindow` (serverTime in ms, timestamp in ms or µs).
 *
 * @throws {Failure} -1102 without `timestamp`, -1130 for a bad `recvWindow`, -1021 outside.
 */
export function checkTiming(params: Readonly<Record<string, unknown>>, serverNowMs: number): void {
  const raw = params.timestamp;
  if (raw === undefined || raw === null || raw === "") mandatory("timestamp");
  const timestamp = Number(raw);
  if (!Number.isInteger(timestamp) || timestamp <= 0) mandatory("timestamp");
  recvWindowMs(params);
  if (timestampMs(timestamp) >= serverNowMs + 1000) {
    fail(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
  }
  checkWindow(params, serverNowMs);
}

/**
 * The recvWindow check alone (`serverTime - timestamp <= recvWindow`), as Binance repeats it
 * just before the matching engine (CHANGELOG 2025-05-22).
 *
 * @throws {Failure} -1021 when the window has passed.
 */
export function checkWindow(params: Readonly<Record<string, unknown>>, serverNowMs: number): void {
  const ts = timestampMs(Number(params.timestamp));
  if (serverNowMs - ts > recvWindowMs(params)) {
    fail(-1021, "Timestamp for this request is outside of the recvWindow.");
  }
}

interface Registered {
  type: KeyType;
  secret?: Uint8Array;
  publicKey?: KeyObject;
}

const encoder = new TextEncoder();

function register(key: AccountKey): Registered {
  if (key.type === "HMAC") return { type: "HMAC", secret: encoder.encode(key.secretKey) };
  const publicKey = createPublicKey({ key: key.publicKey, format: "pem" });
  const actual = publicKey.asymmetricKeyType;
  if (actual !== (key.type === "RSA" ? "rsa" : "ed25519")) {
    throw new TypeError(
      `Cannot register the account key: "type" is "${key.type}" but the PEM holds "${actual}"`,
    );
  }
  return { type: key.type, publicKey };
}

function matches(key: Registered, payload: Uint8Array, signature: string): boolean {
  try {
    if (key.type === "HMAC") {
      // HMAC signatures are case-insensitive hex.
      if (!/^[0-9a-fA-F]{64}$/.test(signature)) return false;
      const expected = createHmac("sha256", key.secret!).update(payload).digest();
      return timingSafeEqual(expected, Uint8Array.fromHex(signature.toLowerCase()));
    }
    // RSA and Ed25519 signatures are case-sensitive base64.
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
    const bytes = Uint8Array.fromBase64(signature);
    return key.type === "Ed25519"
      ? verifySignature(null, payload, key.publicKey!, bytes)
      : verifySignature("sha256", payload, key.publicKey!, bytes);
  } catch {
    return false;
  }
}

/** The signature verifier of the fake: API keys and their keys. */
export interface Verifier {
  /** Whether the API key is registered. */
  has(apiKey: string): boolean;
  /**
   * Checks the key and signature of a request that carries them (timing is separate).
   *
   * @returns Who signed it, with the key type that verified.
   * @throws {Failure} -1102, -2014, -2015 or -1022.
   */
  verify(params: Readonly<Record<string, unknown>>): Signed;
}

/** A verifier over the given accounts. */
export function createVerifier(accounts: readonly KeyedAccount[]): Verifier {
  const keys = new Map<string, Registered[]>();
  for (const account of accounts) {
    const list = Array.isArray(account.key) ? account.key : [account.key as AccountKey];
    keys.set(account.apiKey, list.map(register));
  }
  return {
    has: (apiKey) => keys.has(apiKey),
    verify(params) {
      const apiKey = params.apiKey;
      if (apiKey === undefined || apiKey === null || apiKey === "") mandatory("apiKey");
      if (typeof apiKey !== "string" || !API_KEY_FORMAT.test(apiKey)) {
        fail(-2014, "API-key format invalid.");
      }
      const registered = keys.get(apiKey);
      if (!registered) fail(-2015, "Invalid API-key, IP, or permissions for action.");
      const signature = params.signature;
      if (signature === undefined || signature === null || signature === "") {
        mandatory("signature");
      }
      const payload = encoder.encode(signaturePayload(params));
      const key = registered.find((k) => matches(k, payload, String(signature)));
      if (!key) fail(-1022, "Signature for this request is not valid.");
      return { apiKey, keyType: key.type };
    },
  };
}
