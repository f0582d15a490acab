import * as crypto from 'node:crypto';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SIGV4_SERVICE, SIGV4_TERMINATOR } from './sigv4.constants';

/** crypto.hash (Node 20.12+): a one-shot digest without a Hash object, a third of the cost of createHash. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: 'hex') => string }).hash;

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

export function deriveSigningKey(secret: string, date: string, region: string, service = SIGV4_SERVICE): Buffer {
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

export function signHex(signingKey: Buffer, stringToSign: string): string {
  return hmacSha256(signingKey, stringToSign).toString('hex');
}

/**
 * Compares a computed hex signature with the client's in constant time, so response timing
 * cannot be used to guess a valid signature byte by byte.
 */
export function signaturesEqual(expectedHex: string, providedHex: string): boolean {
  const expected = Buffer.from(expectedHex, 'utf8');
  const provided = Buffer.from(providedHex, 'utf8');
  if (expected.length !== provided.length) {
    // Still spend a comparison so a length mismatch is not distinguishable by timing.
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, provided);
}
