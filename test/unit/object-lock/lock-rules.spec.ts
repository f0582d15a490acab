import type { ObjectLock, ObjectRetention } from '../../../src/backends/backend-lock.types';
import { assertDeletable, assertRetentionChange, defaultRetentionAt, lockOfNewVersion } from '../../../src/backends/posix/object-lock/lock-rules';
import { decodeObjectLock, decodeRetention, encodeRetention } from '../../../src/backends/posix/object-lock/object-lock-layout';
import { S3Error } from '../../../src/s3/errors/s3-error';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number): Date => new Date(NOW.getTime() + days * DAY);
const gov = (days: number): ObjectRetention => ({ mode: 'GOVERNANCE', retainUntilDate: at(days) });
const comp = (days: number): ObjectRetention => ({ mode: 'COMPLIANCE', retainUntilDate: at(days) });

/** 'ok', or the refusal's code and message. */
const outcome = (run: () => unknown): string => {
  try {
    run();
    return 'ok';
  } catch (err) {
    return S3Error.is(err) ? `${err.code}: ${err.message}` : String(err);
  }
};
const LOCKED = 'AccessDenied: Access Denied because object protected by object lock.';

describe('object lock rules (AWS semantics)', () => {
  it.each<[string, ObjectLock | undefined, boolean, string]>([
    ['no lock', undefined, false, 'ok'],
    ['legal hold OFF', { legalHold: 'OFF' }, false, 'ok'],
    ['legal hold ON', { legalHold: 'ON' }, false, LOCKED],
    ['legal hold ON, bypassed', { legalHold: 'ON' }, true, LOCKED],
    ['GOVERNANCE active', { retention: gov(1) }, false, LOCKED],
    ['GOVERNANCE active, bypassed', { retention: gov(1) }, true, 'ok'],
    ['GOVERNANCE expired', { retention: gov(-1) }, false, 'ok'],
    ['COMPLIANCE active', { retention: comp(1) }, false, LOCKED],
    ['COMPLIANCE active, bypassed (root too)', { retention: comp(1) }, true, LOCKED],
    ['COMPLIANCE expired', { retention: comp(-1) }, false, 'ok'],
    ['GOVERNANCE bypassed but legal hold ON', { retention: gov(1), legalHold: 'ON' }, true, LOCKED],
  ])('deleting a version: %s', (_name, lock, bypass, expected) => {
    expect(outcome(() => assertDeletable(lock, bypass, NOW))).toBe(expected);
  });

  it.each<[string, ObjectRetention | undefined, ObjectRetention | undefined, boolean, string]>([
    ['set where none is', undefined, comp(1), false, 'ok'],
    ['replace an expired one by anything', comp(-1), gov(1), false, 'ok'],
    ['remove an expired one', comp(-1), undefined, false, 'ok'],
    ['extend GOVERNANCE', gov(1), gov(2), false, 'ok'],
    ['keep GOVERNANCE as it is', gov(1), gov(1), false, 'ok'],
    ['shorten GOVERNANCE', gov(2), gov(1), false, LOCKED],
    ['shorten GOVERNANCE, bypassed', gov(2), gov(1), true, 'ok'],
    ['remove GOVERNANCE', gov(2), undefined, false, LOCKED],
    ['remove GOVERNANCE, bypassed', gov(2), undefined, true, 'ok'],
    ['GOVERNANCE to COMPLIANCE, bypassed', gov(2), comp(3), true, 'ok'],
    ['GOVERNANCE to COMPLIANCE', gov(2), comp(3), false, LOCKED],
    ['extend COMPLIANCE', comp(1), comp(5), false, 'ok'],
    ['shorten COMPLIANCE, bypassed', comp(5), comp(1), true, LOCKED],
    ['remove COMPLIANCE, bypassed', comp(5), undefined, true, LOCKED],
    ['COMPLIANCE to GOVERNANCE, bypassed', comp(5), gov(9), true, LOCKED],
  ])('PutObjectRetention: %s', (_name, current, next, bypass, expected) => {
    expect(outcome(() => assertRetentionChange(current, next, bypass, NOW))).toBe(expected);
  });

  it('computes the default retention in days, or in calendar years', () => {
    expect(defaultRetentionAt({ enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 3 } }, NOW)).toEqual(gov(3));
    expect(defaultRetentionAt({ enabled: true, defaultRetention: { mode: 'COMPLIANCE', years: 1 } }, NOW)).toEqual({ mode: 'COMPLIANCE', retainUntilDate: new Date('2027-06-15T12:00:00.000Z') });
    expect(defaultRetentionAt({ enabled: true }, NOW)).toBeUndefined();
    expect(defaultRetentionAt(undefined, NOW)).toBeUndefined();
  });

  it.each<[string, ObjectLock | undefined, Parameters<typeof lockOfNewVersion>[1], string]>([
    ['nothing asked, no object lock', undefined, undefined, 'undefined'],
    ['a lock asked of a bucket without object lock', { legalHold: 'ON' }, undefined, 'InvalidRequest: Bucket is missing ObjectLockConfiguration'],
    ['a lock asked of a bucket whose object lock is off', { retention: gov(1) }, { enabled: false }, 'InvalidRequest: Bucket is missing ObjectLockConfiguration'],
    ['nothing asked, no default', undefined, { enabled: true }, 'undefined'],
    ['nothing asked: the default', undefined, { enabled: true, defaultRetention: { mode: 'COMPLIANCE', days: 1 } }, JSON.stringify({ retention: comp(1) })],
    ['the request\'s retention beats the default', { retention: gov(7) }, { enabled: true, defaultRetention: { mode: 'COMPLIANCE', days: 1 } }, JSON.stringify({ retention: gov(7) })],
    ['a legal hold alone keeps the default retention', { legalHold: 'ON' }, { enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 2 } }, JSON.stringify({ retention: gov(2), legalHold: 'ON' })],
  ])('a new version\'s lock: %s', (_name, requested, config, expected) => {
    let got: string;
    try {
      got = JSON.stringify(lockOfNewVersion(requested, config, NOW)) ?? 'undefined';
    } catch (err) {
      got = S3Error.is(err) ? `${err.code}: ${err.message}` : String(err);
    }
    expect(got).toBe(expected);
  });
});

describe("VersityGW's attributes of a version's lock", () => {
  it('writes the retention as Go encodes types.ObjectLockRetention, and reads back Go\'s nanoseconds', () => {
    expect(encodeRetention(gov(1)).toString()).toBe(`{"Mode":"GOVERNANCE","RetainUntilDate":"${at(1).toISOString()}"}`);
    expect(decodeRetention('{"Mode":"COMPLIANCE","RetainUntilDate":"2099-01-02T03:04:05.123456789Z"}')).toEqual({ mode: 'COMPLIANCE', retainUntilDate: new Date('2099-01-02T03:04:05.123Z') });
    expect(decodeRetention('{"Mode":"GOVERNANCE","RetainUntilDate":"2099-01-02T03:04:05+02:00"}')?.retainUntilDate.toISOString()).toBe('2099-01-02T01:04:05.000Z');
  });

  it.each<[string, string | undefined, Buffer | undefined, string]>([
    ['neither attribute', undefined, undefined, 'undefined'],
    ['a removed retention (VersityGW: no mode, no date)', '{"Mode":"","RetainUntilDate":null}', undefined, 'undefined'],
    ['not JSON', 'garbage', undefined, 'undefined'],
    ['legal hold byte 1', undefined, Buffer.from([1]), '{"legalHold":"ON"}'],
    ['legal hold byte 0', undefined, Buffer.from([0]), '{"legalHold":"OFF"}'],
  ])('decodes %s', (_name, retention, legalHold, expected) => {
    expect(JSON.stringify(decodeObjectLock(retention, legalHold)) ?? 'undefined').toBe(expected);
  });
});
