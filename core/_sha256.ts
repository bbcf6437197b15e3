// Private: HMAC-SHA256 (RFC 2104, FIPS 180-4), synchronous, for the HMAC signer.
//
// Why not `crypto.subtle.sign`: it is asynchronous, and a request signed per request then
// waits for a later turn of the event loop; under load a signature cost about 10 µs there,
// several times this. The key's two padded blocks are hashed once, when the signer is made;
// a signature then hashes the payload's blocks and one more. Checked against FIPS 180-4's and
// RFC 4231's vectors, the docs' signatures, and `crypto.subtle` on random inputs
// (tests/core/sha256_test.ts).

/** The round constants of SHA-256 (FIPS 180-4 §4.2.2). */
const K = new Int32Array([
  0x428a2f98,
  0x71374491,
  0xb5c0fbcf,
  0xe9b5dba5,
  0x3956c25b,
  0x59f111f1,
  0x923f82a4,
  0xab1c5ed5,
  0xd807aa98,
  0x12835b01,
  0x243185be,
  0x550c7dc3,
  0x72be5d74,
  0x80deb1fe,
  0x9bdc06a7,
  0xc19bf174,
  0xe49b69c1,
  0xefbe4786,
  0x0fc19dc6,
  0x240ca1cc,
  0x2de92c6f,
  0x4a7484aa,
  0x5cb0a9dc,
  0x76f988da,
  0x983e5152,
  0xa831c66d,
  0xb00327c8,
  0xbf597fc7,
  0xc6e00bf3,
  0xd5a79147,
  0x06ca6351,
  0x14292967,
  0x27b70a85,
  0x2e1b2138,
  0x4d2c6dfc,
  0x53380d13,
  0x650a7354,
  0x766a0abb,
  0x81c2c92e,
  0x92722c85,
  0xa2bfe8a1,
  0xa81a664b,
  0xc24b8b70,
  0xc76c51a3,
  0xd192e819,
  0xd6990624,
  0xf40e3585,
  0x106aa070,
  0x19a4c116,
  0x1e376c08,
  0x2748774c,
  0x34b0bcb5,
  0x391c0cb3,
  0x4ed8aa4a,
  0x5b9cca4f,
  0x682e6ff3,
  0x748f82ee,
  0x78a5636f,
  0x84c87814,
  0x8cc70208,
  0x90befffa,
  0xa4506ceb,
  0xbef9a3f7,
  0xc67178f2,
]);

/** The initial hash value (FIPS 180-4 §5.3.3). */
const H0 = new Int32Array([
  0x6a09e667,
  0xbb67ae85,
  0x3c6ef372,
  0xa54ff53a,
  0x510e527f,
  0x9b05688c,
  0x1f83d9ab,
  0x5be0cd19,
]);

/** The message schedule, reused (the hashing is synchronous). */
const W = new Int32Array(64);

/** Hashes the 64-byte blocks of `bytes` from `at` to `end` into the state `h`. */
function blocks(h: Int32Array, bytes: Uint8Array, at: number, end: number): void {
  const w = W;
  let h0 = h[0], h1 = h[1], h2 = h[2], h3 = h[3], h4 = h[4], h5 = h[5], h6 = h[6], h7 = h[7];
  for (; at < end; at += 64) {
    for (let i = 0; i < 16; i++) {
      const j = at + i * 4;
      w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15];
      const y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, k = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (k + S1 + ch + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + k) | 0;
  }
  h[0] = h0;
  h[1] = h1;
  h[2] = h2;
  h[3] = h3;
  h[4] = h4;
  h[5] = h5;
  h[6] = h6;
  h[7] = h7;
}

/**
 * Pads the message in `buf` (`length` bytes from 0, after `prefix` bytes already hashed) and
 * hashes what is left into `h`. `buf` has room for the padding (up to 72 bytes more).
 */
function finish(h: Int32Array, buf: Uint8Array, length: number, prefix: number): void {
  const whole = length & ~63;
  blocks(h, buf, 0, whole);
  let end = length + 1;
  buf[length] = 0x80;
  const total = whole + (((length - whole) + 8) < 64 ? 64 : 128);
  buf.fill(0, end, total);
  // The length in bits, big-endian, in the last 8 bytes (below 2^53: the top word from a
  // division).
  const bits = (prefix + length) * 8;
  const high = Math.floor(bits / 0x100000000);
  end = total - 8;
  buf[end] = high >>> 24;
  buf[end + 1] = high >>> 16;
  buf[end + 2] = high >>> 8;
  buf[end + 3] = high;
  buf[end + 4] = bits >>> 24;
  buf[end + 5] = bits >>> 16;
  buf[end + 6] = bits >>> 8;
  buf[end + 7] = bits;
  blocks(h, buf, whole, total);
}

/** SHA-256 of `bytes` (the key of more than 64 bytes, and the tests). */
export function sha256(bytes: Uint8Array): Uint8Array {
  const h = H0.slice();
  const buf = new Uint8Array(bytes.length + 72);
  buf.set(bytes);
  finish(h, buf, bytes.length, 0);
  return digestBytes(h);
}

function digestBytes(h: Int32Array): Uint8Array {
  const out = new Uint8Array(32);
  putWords(h, out);
  return out;
}

/** Writes the 8 state words big-endian into the first 32 bytes of `out`. */
function putWords(h: Int32Array, out: Uint8Array): void {
  for (let i = 0; i < 8; i++) {
    const v = h[i];
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = v >>> 16;
    out[i * 4 + 2] = v >>> 8;
    out[i * 4 + 3] = v;
  }
}

/** Two lower-case hex digits per byte value. */
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

const encoder = new TextEncoder();

/**
 * An HMAC-SHA256 of one key: `sign(message)` gives the lower-case hex of the MAC of the
 * message's UTF-8 bytes.
 */
export class HmacSha256 {
  readonly #inner: Int32Array;
  readonly #outer: Int32Array;
  #buf = new Uint8Array(1024);
  readonly #state = new Int32Array(8);
  readonly #outerBlock = new Uint8Array(128);

  /** @param key The secret key's bytes. */
  constructor(key: Uint8Array) {
    const k = new Uint8Array(64);
    k.set(key.length > 64 ? sha256(key) : key);
    const pad = new Uint8Array(64);
    this.#inner = H0.slice();
    for (let i = 0; i < 64; i++) pad[i] = k[i] ^ 0x36;
    blocks(this.#inner, pad, 0, 64);
    this.#outer = H0.slice();
    for (let i = 0; i < 64; i++) pad[i] = k[i] ^ 0x5c;
    blocks(this.#outer, pad, 0, 64);
    k.fill(0);
    pad.fill(0);
  }

  /** The MAC of `message` (its UTF-8 bytes), as lower-case hex. */
  sign(message: string): string {
    // At most 3 bytes per UTF-16 unit, and the padding.
    let buf = this.#buf;
    if (buf.length < message.length * 3 + 72) {
      buf = this.#buf = new Uint8Array(message.length * 3 + 72);
    }
    const length = encoder.encodeInto(message, buf).written;
    const h = this.#state;
    h.set(this.#inner);
    finish(h, buf, length, 64);
    const block = this.#outerBlock;
    putWords(h, block);
    h.set(this.#outer);
    finish(h, block, 32, 64);
    let hex = "";
    for (let i = 0; i < 8; i++) {
      const v = h[i];
      hex += HEX[v >>> 24] + HEX[(v >>> 16) & 0xff] + HEX[(v >>> 8) & 0xff] + HEX[v & 0xff];
    }
    return hex;
  }
}
