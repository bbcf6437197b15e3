import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { buildSignaturePayload, createSigner } from "../../mod.ts";

interface Vector {
  id?: string;
  method?: string;
  algorithm: string;
  secretKey: string | null;
  params?: Record<string, string>;
  request?: { params: Record<string, unknown> };
  payload: string;
  signature: string;
  verifiedLocally: boolean;
}
const vectors = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/signing-vectors.json", import.meta.url)),
) as { docVectors: Vector[]; methodExampleVectors: Vector[] };

/** The documented params exactly as the docs' JSON requests send them (numbers as numbers). */
function docParams(v: Vector): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(v.params!)) {
    out[k] = k === "recvWindow" || k === "timestamp" ? Number(value) : value;
  }
  return out;
}

for (const v of vectors.docVectors) {
  Deno.test(`buildSignaturePayload() reproduces the docs' ${v.id} payload`, () => {
    assert.equal(buildSignaturePayload(docParams(v)), v.payload);
  });
}

for (const id of ["hmac-ascii", "hmac-non-ascii"]) {
  Deno.test(`createSigner() HMAC reproduces the docs' ${id} signature`, async () => {
    const v = vectors.docVectors.find((d) => d.id === id)!;
    const signer = await createSigner({ type: "HMAC", secretKey: v.secretKey! });
    assert.equal(await signer.sign(buildSignaturePayload(docParams(v))), v.signature);
  });
}

Deno.test("createSigner() HMAC reproduces every verifiable per-method example signature", async () => {
  const checked = vectors.methodExampleVectors.filter((v) =>
    v.verifiedLocally && v.algorithm === "HMAC-SHA256"
  );
  assert.ok(checked.length >= 10, `only ${checked.length} vectors`);
  for (const v of checked) {
    const signer = await createSigner({ type: "HMAC", secretKey: v.secretKey! });
    const payload = buildSignaturePayload(v.request!.params);
    assert.equal(payload, v.payload, v.method);
    assert.equal(await signer.sign(payload), v.signature, v.method);
  }
});

Deno.test("buildSignaturePayload() leaves out signature and undefined, keeps booleans and arrays literal", () => {
  assert.equal(
    buildSignaturePayload({
      signature: "x",
      b: true,
      a: ["BTCUSDT", "BNBBTC"],
      c: undefined,
      d: 12345678901234567890n,
    }),
    'a=["BTCUSDT","BNBBTC"]&b=true&d=12345678901234567890',
  );
});

Deno.test("buildSignaturePayload() does not percent-encode", () => {
  assert.equal(buildSignaturePayload({ x: "a b&c=ü" }), "x=a b&c=ü");
});

function keyPair(type: "rsa" | "ed25519") {
  return type === "rsa"
    ? generateKeyPairSync("rsa", { modulusLength: 2048 })
    : generateKeyPairSync("ed25519");
}

for (const [type, name] of [["rsa", "RSA"], ["ed25519", "Ed25519"]] as const) {
  Deno.test(`createSigner() ${name} signatures verify with the public key (PKCS#8 PEM)`, async () => {
    const { privateKey, publicKey } = keyPair(type);
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }) as string;
    const signer = await createSigner({ type: name, privateKey: pem });
    const v = vectors.docVectors.find((d) => d.id === `${type}-non-ascii`)!;
    const payload = buildSignaturePayload(docParams(v));
    assert.equal(payload, v.payload);
    const signature = await signer.sign(payload);
    assert.match(signature, /^[A-Za-z0-9+/]+=*$/);
    const { verify } = await import("node:crypto");
    assert.ok(
      verify(
        type === "rsa" ? "sha256" : null,
        new TextEncoder().encode(payload),
        publicKey,
        Buffer.from(signature, "base64"),
      ),
    );
    // Same length as the docs' example signature for the same key size.
    if (type === "ed25519") assert.equal(signature.length, v.signature.length);
    else assert.equal(signature.length, v.signature.length);
  });

  Deno.test(`createSigner() ${name} imports an encrypted PKCS#8 PEM with its passphrase`, async () => {
    const { privateKey, publicKey } = keyPair(type);
    const pem = privateKey.export({
      format: "pem",
      type: "pkcs8",
      cipher: "aes-256-cbc",
      passphrase: "s3cret",
    }) as string;
    assert.match(pem, /BEGIN ENCRYPTED PRIVATE KEY/);
    await assert.rejects(
      createSigner({ type: name, privateKey: pem }),
      (e: Error) =>
        e instanceof TypeError && /passphrase/.test(e.message) && !e.message.includes(pem),
    );
    await assert.rejects(
      createSigner({ type: name, privateKey: pem, passphrase: "wrong" }),
      TypeError,
    );
    const signer = await createSigner({ type: name, privateKey: pem, passphrase: "s3cret" });
    const { verify } = await import("node:crypto");
    const sig = await signer.sign("a=1");
    assert.ok(
      verify(
        type === "rsa" ? "sha256" : null,
        Buffer.from("a=1"),
        publicKey,
        Buffer.from(sig, "base64"),
      ),
    );
  });
}

Deno.test("createSigner() RSA imports a PKCS#1 PEM", async () => {
  const { privateKey, publicKey } = keyPair("rsa");
  const pem = privateKey.export({ format: "pem", type: "pkcs1" }) as string;
  assert.match(pem, /BEGIN RSA PRIVATE KEY/);
  const signer = await createSigner({ type: "RSA", privateKey: pem });
  const sig = await signer.sign("symbol=BTCUSDT");
  const { verify } = await import("node:crypto");
  assert.ok(verify("sha256", Buffer.from("symbol=BTCUSDT"), publicKey, Buffer.from(sig, "base64")));
});

Deno.test("createSigner() refuses a key of the wrong type without guessing", async () => {
  const ed = keyPair("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }) as string;
  const rsa = keyPair("rsa").privateKey.export({ format: "pem", type: "pkcs8" }) as string;
  await assert.rejects(createSigner({ type: "RSA", privateKey: ed }), TypeError);
  await assert.rejects(createSigner({ type: "Ed25519", privateKey: rsa }), TypeError);
  await assert.rejects(createSigner({ type: "Ed25519", privateKey: "not a pem" }), TypeError);
  await assert.rejects(createSigner({ type: "HMAC", secretKey: "" }), TypeError);
});

Deno.test("a Signer never reveals its key", async () => {
  const secretKey = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
  const signer = await createSigner({ type: "HMAC", secretKey });
  assert.ok(!Deno.inspect(signer, { depth: 10, showHidden: true }).includes(secretKey));
  assert.ok(!JSON.stringify(signer).includes(secretKey));
  assert.ok(!String(signer).includes(secretKey));
});
