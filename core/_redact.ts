// Private: what of a credential a message or a quoted frame may show.

/** The first and last 4 characters of an API key (none of a short one). */
export function shortApiKey(apiKey: string): string {
  return apiKey.length <= 12 ? "…" : `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}`;
}

/** `"apiKey":"…"` and `"signature":"…"` in a frame's text. */
const SECRET_FIELD = /"(apiKey|signature)"\s*:\s*"([^"]*)"/g;

/**
 * A frame's text with every `"apiKey"` shortened and every `"signature"` removed. Redact
 * before cutting a text: a cut could split a field out of the pattern's reach.
 */
export function redactFrame(frame: string): string {
  if (!frame.includes('"apiKey"') && !frame.includes('"signature"')) return frame;
  return frame.replace(
    SECRET_FIELD,
    (_m, name: string, value: string) =>
      `"${name}":"${name === "apiKey" ? shortApiKey(value) : "…"}"`,
  );
}
