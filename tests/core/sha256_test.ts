// core/_sha256.ts: SHA-256 against FIPS 180-4's examples, HMAC-SHA256 against RFC 4231's
// cases with text data, and both against crypto.subtle on every length around the padding
// boundaries, with ASCII and non-ASCII text and keys of every size class.
import assert from "node:assert/strict";
import { HmacSha256, sha256 } from "../../core/_sha256.ts";

const te = new TextEncoder();

Deno.test("sha256: the FIPS 180-4 examples", () => {
  const cases: [string, string][] = [
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ],
    [
      "a".repeat(1_000_000),
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
    ],
  ];
  for (const [text, want] of cases) assert.equal(sha256(te.encode(text)).toHex(), want);
});

Deno.test("HMAC-SHA256: RFC 4231 test cases 1, 2, 6 and 7", () => {
  const big = new Uint8Array(131).fill(0xaa);
  const cases: [Uint8Array, string, string][] = [
    [
      new Uint8Array(20).fill(0x0b),
      "Hi There",
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    ],
    [
      te.encode("Jefe"),
      "what do ya want for nothing?",
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    ],
    [
      big,
      "Test Using Larger Than Block-Size Key - Hash Key First",
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ],
    [
      big,
      "This is a test using a larger than block-size key and a larger than block-size data. " +
      "The key needs to be hashed before being used by the HMAC algorithm.",
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    ],
  ];
  for (const [key, data, want] of cases) assert.equal(new HmacSha256(key).sign(data), want);
});

Deno.test("HMAC-SHA256: equals crypto.subtle for every length 0..300 and every key size class", async () => {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (const keyLength of [1, 32, 63, 64, 65, 200]) {
    const key = Uint8Array.from({ length: keyLength }, () => Math.floor(next() * 256));
    const subtleKey = await crypto.subtle.importKey(
      "raw",
      key,
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    // One instance for all lengths: its buffers are reused, and a long message grows them.
    const mac = new HmacSha256(key);
    for (let n = 0; n <= 300; n++) {
      let text = "";
      for (let i = 0; i < n; i++) {
        const r = next();
        text += r < 0.9
          ? String.fromCharCode(32 + Math.floor(next() * 95))
          : r < 0.95
          ? "\u00e9"
          : r < 0.98
          ? "\u20ac"
          : "\u{1F600}";
      }
      const want = new Uint8Array(await crypto.subtle.sign("HMAC", subtleKey, te.encode(text)));
      assert.equal(mac.sign(text), want.toHex(), `key ${keyLength} bytes, text ${n} units`);
    }
  }
});
