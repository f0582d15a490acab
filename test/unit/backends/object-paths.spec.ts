import { bucketDir, resolveObjectPath } from '../../../src/backends/posix/paths';
import { S3Error } from '../../../src/s3/errors/s3-error';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof S3Error ? error.code : String(error);
  }
  return undefined;
}

describe('resolveObjectPath', () => {
  it.each([
    ['a', 'a', false],
    ['a/b/c.txt', 'a/b/c.txt', false],
    ['dir/', 'dir', true],
    ['a/b/', 'a/b', true],
    ['x..y/.z/..w', 'x..y/.z/..w', false],
  ])('%s lies at %s beneath its bucket', (key, relativePath, isDirectoryObject) => {
    const path = resolveObjectPath('/root', 'bucket', key);
    expect(path).toEqual({ bucket: 'bucket', key, bucketDir: '/root/bucket', path: `/root/bucket/${relativePath}`, relativePath, isDirectoryObject });
  });

  it.each(['', '/', '//', 'a//b', '/a', 'a/./b', 'a/../b', '.', '..', './a', 'a/..', 'a//', '.sgwtmp', '.sgwtmp/x', '.sgwtmp/'])(
    'refuses %j with InvalidArgument',
    (key) => {
      expect(codeOf(() => resolveObjectPath('/root', 'bucket', key))).toBe('InvalidArgument');
    },
  );

  it('keeps a key that only starts like the temporary directory', () => {
    expect(resolveObjectPath('/root', 'bucket', '.sgwtmpx/y').relativePath).toBe('.sgwtmpx/y');
  });

  it('counts segment and key limits in UTF-8 bytes, not characters', () => {
    expect(resolveObjectPath('/root', 'bucket', 'é'.repeat(127)).key).toHaveLength(127);
    expect(codeOf(() => resolveObjectPath('/root', 'bucket', 'é'.repeat(128)))).toBe('KeyTooLongError');
    expect(codeOf(() => resolveObjectPath('/root', 'bucket', `a/${'b'.repeat(256)}`))).toBe('KeyTooLongError');
    expect(codeOf(() => resolveObjectPath('/root', 'bucket', `${'é/'.repeat(342)}x`))).toBe('KeyTooLongError');
    expect(resolveObjectPath('/root', 'bucket', `${'ab/'.repeat(341)}x`).key).toHaveLength(1024);
  });
});

describe('bucketDir', () => {
  it('joins each root with each bucket, also when asked again', () => {
    expect(bucketDir('/root', 'one')).toBe('/root/one');
    expect(bucketDir('/root/', 'one')).toBe('/root/one');
    expect(bucketDir('/other', 'one')).toBe('/other/one');
    expect(bucketDir('/root', 'one')).toBe('/root/one');
  });

  it.each(['', 'a/b', '.hidden', 'nul\0'])('refuses %j', (bucket) => {
    expect(codeOf(() => bucketDir('/root', bucket))).toBe('InvalidBucketName');
  });
});
