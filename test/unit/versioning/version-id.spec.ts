import { checkVersionId, newVersionId, versionIdTime } from '../../../src/backends/posix/versioning/version-id';
import { S3Error } from '../../../src/s3/errors/s3-error';

describe('version ids (ULIDs, as VersityGW makes them)', () => {
  it('are 26 Crockford base32 characters that carry the time they were made at', () => {
    const at = Date.UTC(2026, 11, 3, 6, 0, 0);
    const id = newVersionId(at);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(versionIdTime(id)).toBe(at);
  });

  it('sort in the order they were made, also within one millisecond', () => {
    const at = Date.UTC(2030, 0, 1);
    const ids = Array.from({ length: 1000 }, () => newVersionId(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('accepts `null` and ULIDs, and refuses anything else with InvalidArgument', () => {
    expect(checkVersionId('null')).toBe('null');
    expect(checkVersionId('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe('01ARZ3NDEKTSV4RRFFQ69G5FAV');
    for (const bad of ['', 'NULL', '01ARZ3NDEKTSV4RRFFQ69G5FA', '01ARZ3NDEKTSV4RRFFQ69G5FAVX', '01ARZ3NDEKTSV4RRFFQ69G5FAU', '../../etc']) {
      let caught: unknown;
      try {
        checkVersionId(bad);
      } catch (err) {
        caught = err;
      }
      expect([bad, S3Error.is(caught, 'InvalidArgument')]).toEqual([bad, true]);
    }
  });
});
