/**
 * RFC 3986 encoding as SigV4 wants it: every byte but the unreserved set (A-Z a-z 0-9 - _ . ~)
 * becomes %XX with upper-case hex. Works on bytes, not code points, so keys that are not valid
 * UTF-8 still get the canonical form the client computed.
 */
const ENCODED_BYTE: readonly string[] = Array.from({ length: 256 }, (_, b) => {
  const c = String.fromCharCode(b);
  return /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
});

/** Strings made of unreserved characters only: they decode and encode to themselves. */
const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;

/**
 * The canonical (SigV4) form of a raw, still percent-encoded URL component. Most components of
 * real requests (bucket names, plain keys, most query values) are unreserved characters only and
 * are their own canonical form: no bytes are decoded for those.
 */
export function canonicalComponent(raw: string): string {
  return UNRESERVED_ONLY.test(raw) ? raw : uriEncodeBytes(percentDecode(raw), false);
}

/**
 * A raw URL component's decoded text, for lookups such as X-Amz-Credential (the signature covers
 * the canonical form, canonicalComponent). V8's decodeURIComponent where the component is valid
 * UTF-8 percent-encoding; otherwise the lenient byte decoding (a stray '%' stays, invalid UTF-8
 * becomes U+FFFD), which is what it gives anyway for valid input, only slower.
 */
export function decodeComponent(raw: string): string {
  if (UNRESERVED_ONLY.test(raw)) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return percentDecode(raw).toString('utf8');
  }
}

export function uriEncodeBytes(bytes: Uint8Array, keepSlash: boolean): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out += keepSlash && b === 0x2f ? '/' : ENCODED_BYTE[b];
  }
  return out;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/**
 * Percent-decodes to bytes. A '%' not followed by two hex digits stays a literal '%', as a
 * lenient server does; '+' stays '+' (RFC 3986, not form encoding: SDKs send spaces as %20).
 * Characters beyond ASCII (only possible when a caller hands in an already-decoded string)
 * count as their UTF-8 bytes.
 */
export function percentDecode(s: string): Buffer {
  if (!/[%\u0080-\uffff]/.test(s)) return Buffer.from(s, 'latin1');
  // Decoding never grows ASCII; a char beyond it takes at most 3 bytes (a surrogate pair 4 for 2).
  const out = Buffer.allocUnsafe(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === 0x25 && i + 2 < s.length) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        out[n++] = (hi << 4) | lo;
        i += 2;
        continue;
      }
      out[n++] = code;
    } else if (code < 0x80) {
      out[n++] = code;
    } else {
      // Take the whole code point (surrogate pairs included) and emit its UTF-8 bytes.
      const cp = s.codePointAt(i) ?? code;
      const ch = String.fromCodePoint(cp);
      n += out.write(ch, n, 'utf8');
      i += ch.length - 1;
    }
  }
  return out.subarray(0, n);
}
