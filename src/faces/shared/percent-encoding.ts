/**
 * RFC 3986 encoding as the Alibaba signers use it (CLIENTS.md 5): encodeURIComponent plus
 * `! ' ( ) *`; `~` stays.
 */
const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;
const NEEDS_DECODING = /[%+]/;

export function pct(value: string): string {
  // Most values (ids, regions, versions) need no escaping: skip the encoder (a signature hot path).
  if (UNRESERVED.test(value)) return value;
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Percent-decodes one query component; `+` is a space (ALIBABA.md 1.7). Malformed -> undefined. */
export function decodeComponent(value: string): string | undefined {
  if (!NEEDS_DECODING.test(value)) return value;
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/**
 * Parses `a=1&b=2` into ordered decoded pairs. A malformed escape makes the whole string
 * invalid (returns undefined) rather than being silently passed through.
 */
export function parsePairs(text: string): [string, string][] | undefined {
  const out: [string, string][] = [];
  if (!text) return out;
  for (const part of text.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    const value = decodeComponent(eq < 0 ? "" : part.slice(eq + 1));
    if (name === undefined || value === undefined) return undefined;
    out.push([name, value]);
  }
  return out;
}
