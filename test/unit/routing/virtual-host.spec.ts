import { parseRequestTarget } from '../../../src/s3/http/parse-request-target';
import { virtualHostBucket } from '../../../src/s3/http/virtual-host';

describe('virtualHostBucket (--virtual-domain)', () => {
  it.each([
    ['photos.s3.example.com', 'photos'],
    ['photos.s3.example.com:7070', 'photos'],
    ['PHOTOS.S3.Example.COM', 'photos'],
    ['my.dotted.bucket.s3.example.com:80', 'my.dotted.bucket'],
  ])('reads the bucket of %s', (host, bucket) => {
    expect(virtualHostBucket(host, 's3.example.com')).toBe(bucket);
  });

  it.each([['s3.example.com'], ['s3.example.com:7070'], ['127.0.0.1:7070'], ['[::1]:7070'], ['photoss3.example.com'], ['.s3.example.com'], ['other.org']])(
    'leaves %s to path-style addressing',
    (host) => {
      expect(virtualHostBucket(host, 's3.example.com')).toBeUndefined();
    },
  );

  it('leaves a request without Host to path-style addressing', () => {
    expect(virtualHostBucket(undefined, 's3.example.com')).toBeUndefined();
  });
});

describe('parseRequestTarget with the bucket from the Host', () => {
  it('reads the whole path as the key', () => {
    expect(parseRequestTarget('/dir/a%20b.txt?versionId=1', 'photos')).toMatchObject({
      resource: { level: 'object', bucket: 'photos', key: 'dir/a b.txt' },
      hostBucket: 'photos',
    });
  });

  it('reads "/" as the bucket itself', () => {
    expect(parseRequestTarget('/?list-type=2', 'photos').resource).toEqual({ level: 'bucket', bucket: 'photos' });
  });
});
