// Private: the Binance error answers of the fake's WebSocket API, each written once with the
// code and message of Binance's errors.md. Handlers throw them; the server turns them into
// `{"status":…,"error":{"code":…,"msg":…}}`.

/** A Binance error answer. */
export interface Failure {
  status: number;
  code: number;
  msg: string;
}

/** A failure (status 400 unless given). */
export function failure(code: number, msg: string, status = 400): Failure {
  return { status, code, msg };
}

/** Throws a failure. */
export function fail(code: number, msg: string, status = 400): never {
  throw failure(code, msg, status);
}

/** -1100: a value of the wrong form; `range` is the legal pattern Binance quotes. */
export function illegalChars(name: string, range: string): never {
  fail(-1100, `Illegal characters found in parameter '${name}'; legal range is '${range}'.`);
}

/** -1101: the same value twice in a list. */
export function duplicateValues(): never {
  fail(-1101, "Duplicate values for a parameter detected.");
}

/** -1101: a list longer than allowed. */
export function tooManyValues(expected: number, received: number): never {
  fail(-1101, `Too many parameters; expected '${expected}' and received '${received}'.`);
}

/** -1102: a mandatory param missing, empty or null. */
export function mandatory(name: string): never {
  fail(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
}

/** -1102: neither of two params that need one of them. */
export function neitherSent(a: string, b: string): never {
  fail(-1102, `Param '${a}' or '${b}' must be sent, but both were empty/null!`);
}

/** -1103: a param the method does not take. */
export function unknownParam(): never {
  fail(-1103, "An unknown parameter was sent.");
}

/** -1106: a param sent where the other params make it meaningless. */
export function notRequired(name: string): never {
  fail(-1106, `Parameter '${name}' sent when not required.`);
}

/** -1128: params that cannot go together. */
export function badCombo(): never {
  fail(-1128, "Combination of optional parameters invalid.");
}

/** -1130: a value out of its range or of the wrong form. */
export function invalidData(name: string): never {
  fail(-1130, `Data sent for parameter '${name}' is not valid.`);
}
