// Private: what of a credential a message or a quoted frame may show.

/** The first and last 4 characters of an API key (none of a short one). */
export function shortApiKey(apiKey: string): string {
  return apiKey.length <= 12 ? "…" : `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}`;
}

/**
 * `"apiKey":"…"` and `"signature":"…"` in a frame's text, at any depth of quoting: a frame
 * quoted in a JSON string writes them `\"apiKey\":\"…\"` (group 1: the quotes' backslashes).
 * The value runs to its closing quote (one with exactly those backslashes; an escaped quote
 * has more), or to the end of a cut text.
 */
// Linear on any text: the quotes' backslashes are at most 31 (5 depths of quoting), and a
// backslash run inside the value is taken whole, never retried shorter (`(?=(\\+))\5`, atomic);
// unbounded, a long run of backslashes took quadratic time (minutes for 1 MB).
const SECRET_FIELD =
  /(\\{0,31})"(apiKey|signature)\1"(\s*:\s*)\1"((?:[^"\\]|(?=(\\+))\5(?=[^"\\])|\1\\+")*)(\1")?/g;

/**
 * A frame's text with every `"apiKey"` shortened and every `"signature"` removed. Redact
 * before cutting a text: a cut could split a field out of the pattern's reach.
 */
export function redactFrame(frame: string): string {
  if (!frame.includes("apiKey") && !frame.includes("signature")) return frame;
  return frame.replace(
    SECRET_FIELD,
    (
      _m,
      q: string,
      name: string,
      colon: string,
      value: string,
      _run: string | undefined,
      end: string | undefined,
    ) =>
      `${q}"${name}${q}"${colon}${q}"${name === "apiKey" ? shortApiKey(value) : "…"}${end ?? ""}`,
  );
}
