import type { ObjectLock, ObjectRetention } from '../../backend-lock.types';
import type { ObjectLockConfiguration } from '../../backend.types';
import { missingLockConfiguration, objectLocked } from '../../common/object-lock-errors';

/*
 * The rules of object lock, as AWS applies them (and VersityGW's auth/object_lock.go), on plain
 * values: the storage reads a version's lock, these decide, the storage acts.
 */

/** A retention holds until its date has passed. */
export function retentionActive(retention: ObjectRetention | undefined, now: Date): retention is ObjectRetention {
  return retention !== undefined && retention.retainUntilDate.getTime() > now.getTime();
}

/**
 * Whether a version may be deleted (or replaced in place): never under a legal hold or an active
 * COMPLIANCE retention, under an active GOVERNANCE one only with the bypass.
 */
export function assertDeletable(lock: ObjectLock | undefined, bypassGovernance: boolean, now: Date): void {
  if (lock === undefined) return;
  if (lock.legalHold === 'ON') throw objectLocked();
  const { retention } = lock;
  if (!retentionActive(retention, now)) return;
  if (retention.mode === 'COMPLIANCE' || !bypassGovernance) throw objectLocked();
}

/**
 * Whether PutObjectRetention may replace `current` with `next` (undefined: remove it). An expired
 * retention or none can be set to anything; an active one may always be kept or extended in its
 * mode; anything else (shortened, removed, its mode changed) only a GOVERNANCE one, with the bypass.
 * COMPLIANCE cannot be shortened by anyone, root included.
 */
export function assertRetentionChange(current: ObjectRetention | undefined, next: ObjectRetention | undefined, bypassGovernance: boolean, now: Date): void {
  if (!retentionActive(current, now)) return;
  const extends_ = next !== undefined && next.mode === current.mode && next.retainUntilDate.getTime() >= current.retainUntilDate.getTime();
  if (extends_) return;
  if (current.mode === 'COMPLIANCE' || !bypassGovernance) throw objectLocked();
}

/** The retention the bucket's default gives a version made at `now`: its days, or its calendar years, later. */
export function defaultRetentionAt(config: ObjectLockConfiguration | undefined, now: Date): ObjectRetention | undefined {
  const rule = config?.enabled ? config.defaultRetention : undefined;
  if (rule === undefined) return undefined;
  const until = new Date(now.getTime());
  if (rule.years !== undefined) until.setUTCFullYear(until.getUTCFullYear() + rule.years);
  if (rule.days !== undefined) until.setTime(until.getTime() + rule.days * 86_400_000);
  return { mode: rule.mode, retainUntilDate: until };
}

/**
 * The lock a new version gets: what the request asked for (its retention instead of the bucket's
 * default), the bucket's default retention otherwise; nothing in a bucket without object lock,
 * where asking for a lock is InvalidRequest.
 */
export function lockOfNewVersion(requested: ObjectLock | undefined, config: ObjectLockConfiguration | undefined, now: Date): ObjectLock | undefined {
  const asked = requested !== undefined && (requested.retention !== undefined || requested.legalHold !== undefined);
  if (!config?.enabled) {
    if (asked) throw missingLockConfiguration('write');
    return undefined;
  }
  const retention = requested?.retention ?? defaultRetentionAt(config, now);
  const legalHold = requested?.legalHold;
  if (retention === undefined && legalHold === undefined) return undefined;
  return { ...(retention === undefined ? {} : { retention }), ...(legalHold === undefined ? {} : { legalHold }) };
}
