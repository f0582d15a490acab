import * as crypto from 'node:crypto';
import { createHash, createHmac } from 'node:crypto';
import { SIGV4_SERVICE, SIGV4_TERMINATOR } from './sigv4.constants';

/** crypto.hash (Node 20.12+): a one-shot digest without a Hash object, a third of the cost of createHash. */
const oneShotHash = (crypto as { hash?: OneShotHash }).hash;

interface OneShotHash {
  (algorithm: string, data: string | Buffer, encoding: 'hex'): string;
  (algorithm: string, data: string | Buffer, encoding: 'buffer'): Buffer;
}

export function sha256Hex(data: string | Buffer): string {
  return oneShotHash ? oneShotHash('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex');
}

export function hmacSha256(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/**
 * Four HMACs per request add up under load, and the key only changes with the day, so keys are
 * kept per (secret, date, region). Bounded so a flood of made-up regions cannot grow memory.
 */
const SIGNING_KEY_CACHE_LIMIT = 512;
const signingKeyCache = new Map<string, Buffer>();

/** The key the last request used: nearly every request signs with the same one as the one before. */
let lastUsed: { secret: string; date: string; region: string; service: string; key: Buffer } | undefined;

export function deriveSigningKey(secret: string, date: string, region: string, service = SIGV4_SERVICE): Buffer {
  const last = lastUsed;
  if (last !== undefined && last.secret === secret && last.date === date && last.region === region && last.service === service) return last.key;
  const key = cachedSigningKey(secret, date, region, service);
  lastUsed = { secret, date, region, service, key };
  return key;
}

function cachedSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${date}\n${region}\n${service}\n${secret}`;
  const cached = signingKeyCache.get(cacheKey);
  if (cached) {
    // Re-insert so the map's insertion order doubles as least-recently-used order.
    signingKeyCache.delete(cacheKey);
    signingKeyCache.set(cacheKey, cached);
    return cached;
  }
  const kDate = hmacSha256(`AWS4${secret}`, date);
  const kRegion = hmacSha256(kDate, region);
  const kService = hmacSha256(kRegion, service);
  const kSigning = hmacSha256(kService, SIGV4_TERMINATOR);
  if (signingKeyCache.size >= SIGNING_KEY_CACHE_LIMIT) {
    const oldest = signingKeyCache.keys().next().value;
    if (oldest !== undefined) signingKeyCache.delete(oldest);
  }
  signingKeyCache.set(cacheKey, kSigning);
  return kSigning;
}

const HMAC_BLOCK_BYTES = 64;

/** A signing key's HMAC pads (RFC 2104), XORed once: key ⊕ ipad ready for the message, and key ⊕ opad with room for the inner digest. */
interface HmacPads {
  inner: Buffer;
  outer: Buffer;
}

/** Signing keys come from the cache above, so their pads are kept beside them for as long as they live. */
const padsOfKey = new WeakMap<Buffer, HmacPads>();

function padsOf(key: Buffer): HmacPads {
  let pads = padsOfKey.get(key);
  if (pads === undefined) {
    const inner = Buffer.alloc(HMAC_BLOCK_BYTES, 0x36);
    const outer = Buffer.alloc(HMAC_BLOCK_BYTES + 32, 0x5c);
    for (let i = 0; i < key.length; i++) {
      inner[i] ^= key[i];
      outer[i] ^= key[i];
    }
    pads = { inner, outer };
    padsOfKey.set(key, pads);
  }
  return pads;
}

/**
 * HMAC-SHA256 of every request's string to sign, as two one-shot hashes over the key's cached
 * pads: createHmac builds a keyed object per call, which cost several times more per request.
 */
export function signHex(signingKey: Buffer, stringToSign: string): string {
  if (!oneShotHash || signingKey.length > HMAC_BLOCK_BYTES) return hmacSha256(signingKey, stringToSign).toString('hex');
  const { inner, outer } = padsOf(signingKey);
  const message = Buffer.allocUnsafe(HMAC_BLOCK_BYTES + Buffer.byteLength(stringToSign, 'utf8'));
  inner.copy(message, 0);
  message.write(stringToSign, HMAC_BLOCK_BYTES, 'utf8');
  const innerDigest = oneShotHash('sha256', message, 'buffer');
  // One outer buffer per key: the event loop runs one request's signing at a time.
  innerDigest.copy(outer, HMAC_BLOCK_BYTES);
  return oneShotHash('sha256', outer, 'hex');
}

/**
 * Compares a computed hex signature with the client's in constant time, so response timing
 * cannot be used to guess a valid signature byte by byte: every character is compared whatever
 * the first difference, and a length mismatch still spends the comparison.
 */
export function signaturesEqual(expectedHex: string, providedHex: string): boolean {
  const sameLength = expectedHex.length === providedHex.length;
  const against = sameLength ? providedHex : expectedHex;
  let diff = sameLength ? 0 : 1;
  for (let i = 0; i < expectedHex.length; i++) diff |= expectedHex.charCodeAt(i) ^ against.charCodeAt(i);
  return diff === 0;
}
