import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A signed-in console: who, and until when (epoch ms). */
export interface ConsoleSession {
  /** The token's nonce: what names the session when it is signed out (signed-out-sessions.ts). */
  id: string;
  access: string;
  expiresAt: number;
  /** What the page must send back in the CSRF header with every request of this session. */
  csrfToken: string;
}

/** Why a token was not accepted: the console asks for the secret again either way, and says which. */
export type SessionRefusal = 'invalid' | 'expired';

const VERSION = 'v1';
const NONCE_BYTES = 16;

/**
 * Console session tokens, stateless: `v1.<access, base64url>.<expiry ms>.<nonce>.<mac>`, the MAC an
 * HMAC-SHA256 under a key derived from the account's own secret. Nothing is kept in the gateway,
 * so every worker of --workers and every gateway sharing the IAM store accepts the token a sign-in
 * on any of them issued; changing the account's secret, demoting or deleting it ends its sessions
 * at once; and the token in the HttpOnly cookie reveals nothing of the secret. The CSRF token is a
 * second MAC over the nonce, under the same key: the page holds it in memory and no other origin
 * can read it, so a forged cross-site request (which would carry the cookie if SameSite failed)
 * cannot carry it.
 */
export function issueSession(access: string, secret: string, ttlMs: number, now = Date.now()): ConsoleSession & { token: string } {
  const expiresAt = now + ttlMs;
  const nonce = randomBytes(NONCE_BYTES).toString('base64url');
  const body = `${VERSION}.${Buffer.from(access).toString('base64url')}.${expiresAt}.${nonce}`;
  const key = sessionKey(secret);
  return { token: `${body}.${mac(key, body)}`, id: nonce, access, expiresAt, csrfToken: mac(key, `csrf.${nonce}`) };
}

/** The access key a token claims, unverified: which account's secret to check its MAC with. */
export function claimedAccess(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) return undefined;
  return Buffer.from(parts[1], 'base64url').toString('utf8');
}

/** The session of a token, once its MAC checks under `secret` (the claimed account's) and it has not expired. */
export function verifySession(token: string, secret: string, now = Date.now()): ConsoleSession | SessionRefusal {
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION || !/^\d{1,15}$/.test(parts[2])) return 'invalid';
  const [, accessPart, expiry, nonce, given] = parts;
  const key = sessionKey(secret);
  if (!sameText(given, mac(key, `${VERSION}.${accessPart}.${expiry}.${nonce}`))) return 'invalid';
  const expiresAt = Number(expiry);
  if (expiresAt <= now) return 'expired';
  return { id: nonce, access: Buffer.from(accessPart, 'base64url').toString('utf8'), expiresAt, csrfToken: mac(key, `csrf.${nonce}`) };
}

/** Constant-time equality of two texts (a MAC compared with `===` leaks how much of it matched). */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// A key of its own for the console, so a session MAC never equals anything SigV4 computes with the secret.
function sessionKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('tracegw console session').digest();
}

function mac(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}
