// Private: signers whose signature can be had at once, without a promise (the HMAC signer of
// `createSigner`, see core/_sha256.ts). A request signed each then goes out in the same turn
// as its call; any other `Signer` is awaited.

/** The method of a signer that signs at once; module-private (not in the public API). */
export const SIGN_NOW: unique symbol = Symbol("signNow");

/** A signer that signs at once. */
export interface SignsNow {
  /**
   * Signs `payload` at once.
   *
   * @param payload The payload text.
   * @returns The signature, encoded as the signer's `sign` encodes it.
   */
  [SIGN_NOW](payload: string): string;
}

/** Whether `signer` signs at once. */
export function signsNow(signer: object): signer is SignsNow {
  return typeof (signer as Partial<SignsNow>)[SIGN_NOW] === "function";
}
