import type { LegalHoldStatus, ObjectLock, ObjectRetention } from '../../backend-lock.types';

/**
 * VersityGW's attributes of a version's lock (backend/posix/posix.go's objectRetentionKey and
 * objectLegalHoldKey), on the object or on an older version's file, so a tree locked by one
 * gateway stays locked under the other.
 */
export const OBJECT_LOCK_XATTR = {
  /** JSON of AWS SDK's types.ObjectLockRetention as Go writes it: `{"Mode":"GOVERNANCE","RetainUntilDate":"<RFC 3339>"}`. */
  retention: 'user.object-retention',
  /** One byte: 1 ON, 0 OFF. */
  legalHold: 'user.object-legal-hold',
} as const;

const LEGAL_HOLD_BYTE: Readonly<Record<LegalHoldStatus, number>> = { ON: 1, OFF: 0 };

export function encodeRetention(retention: ObjectRetention): Buffer {
  return Buffer.from(JSON.stringify({ Mode: retention.mode, RetainUntilDate: retention.retainUntilDate.toISOString() }));
}

/**
 * Go writes nanoseconds (RFC 3339 with up to nine fractional digits); a Date keeps milliseconds.
 * Undefined for what is no retention (no mode, no date: VersityGW's removed or never-set one).
 */
export function decodeRetention(raw: string): ObjectRetention | undefined {
  let stored: { Mode?: unknown; RetainUntilDate?: unknown };
  try {
    stored = JSON.parse(raw) as typeof stored;
  } catch {
    return undefined;
  }
  const { Mode: mode, RetainUntilDate: date } = stored ?? {};
  if ((mode !== 'GOVERNANCE' && mode !== 'COMPLIANCE') || typeof date !== 'string') return undefined;
  const retainUntilDate = new Date(date.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(retainUntilDate.getTime()) ? undefined : { mode, retainUntilDate };
}

export function encodeLegalHold(status: LegalHoldStatus): Buffer {
  return Buffer.from([LEGAL_HOLD_BYTE[status]]);
}

/** From the attribute's bytes (or their UTF-8 reading, as attribute lists come): 1 ON, anything else OFF. */
export function decodeLegalHold(raw: Buffer | string): LegalHoldStatus {
  const first = typeof raw === 'string' ? raw.charCodeAt(0) : raw[0];
  return first === LEGAL_HOLD_BYTE.ON ? 'ON' : 'OFF';
}

/** The lock of a version from its two attributes as read (undefined: absent); undefined when it has neither. */
export function decodeObjectLock(retention: string | undefined, legalHold: Buffer | string | undefined): ObjectLock | undefined {
  const decoded = retention === undefined ? undefined : decodeRetention(retention);
  if (decoded === undefined && legalHold === undefined) return undefined;
  return { ...(decoded === undefined ? {} : { retention: decoded }), ...(legalHold === undefined ? {} : { legalHold: decodeLegalHold(legalHold) }) };
}
