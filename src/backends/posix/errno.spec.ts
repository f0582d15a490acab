import { S3Error } from '../../s3/errors/s3-error';
import { toS3Error } from './errno';

const errno = (code: string): Error => Object.assign(new Error(code), { code });

describe('toS3Error', () => {
  it.each([
    ['ENOENT', 'read', 'NoSuchKey'],
    ['ENOENT', 'write', 'NoSuchBucket'],
    ['ENOENT', 'bucket', 'NoSuchBucket'],
    ['ENOTDIR', 'read', 'NoSuchKey'],
    ['ENOTDIR', 'write', 'ObjectParentIsFile'],
    ['EISDIR', 'write', 'ExistingObjectIsDirectory'],
    ['ENAMETOOLONG', 'write', 'KeyTooLongError'],
    ['EACCES', 'read', 'AccessDenied'],
    ['EPERM', 'write', 'AccessDenied'],
    ['EDQUOT', 'write', 'QuotaExceeded'],
    ['ENOSPC', 'write', 'ServiceUnavailable'],
    ['EROFS', 'write', 'MethodNotAllowed'],
    ['EIO', 'read', 'InternalError'],
  ] as const)('%s on %s → %s', (code, op, expected) => {
    const ctx = op === 'bucket' ? { op, bucket: 'b' } : { op, key: 'k' };
    expect(toS3Error(errno(code), ctx).code).toBe(expected);
  });

  it('keeps the original error as the cause of InternalError', () => {
    const original = new TypeError('boom');
    const mapped = toS3Error(original, { op: 'read', key: 'k' });
    expect(mapped.code).toBe('InternalError');
    expect(mapped.cause).toBe(original);
  });

  it('passes S3Errors through unchanged', () => {
    const err = new S3Error('BadDigest');
    expect(toS3Error(err, { op: 'write', key: 'k' })).toBe(err);
  });
});
