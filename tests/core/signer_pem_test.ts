import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { createSigner } from "../../mod.ts";

// A PKCS#8 PEM whose base64 body lost a few characters (a truncated copy-paste), or got a
// stray "=" inside: createSigner() documents a TypeError "Cannot import the private key…".
Deno.test("createSigner() refuses a PEM with broken base64 with its typed TypeError", async () => {
  const pem = generateKeyPairSync("ed25519").privateKey.export({
    format: "pem",
    type: "pkcs8",
  }) as string;
  const [head, body, tail] = pem.trim().split("\n"); // Ed25519: one 64-char line
  const truncated = [head, body.slice(0, 61), tail].join("\n"); // 61 chars: 61 % 4 === 1
  const strayPad = [head, body.slice(0, 20) + "=" + body.slice(21), tail].join("\n");
  for (const privateKey of [truncated, strayPad]) {
    await assert.rejects(
      createSigner({ type: "Ed25519", privateKey }),
      (e: unknown) => {
        assert.ok(e instanceof TypeError, `got ${(e as Error).name}: ${(e as Error).message}`);
        assert.match((e as Error).message, /^Cannot import the private key/);
        return true;
      },
    );
  }
});
