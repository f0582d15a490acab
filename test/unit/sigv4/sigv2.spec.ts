import { authenticateRequest } from '../../../src/s3/auth/authenticate-request';
import type { AuthOptions } from '../../../src/s3/auth/auth.types';
import { canonicalizedResource } from '../../../src/s3/auth/sigv2-string-to-sign';
import { HeaderList, expectS3Error, lookupFor, makeRequest } from './helpers';

// The examples of AWS's "Signing and authenticating REST requests" (Signature Version 2) page.
const ACCESS = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const lookup = lookupFor({ access: ACCESS, secret: SECRET });
const at = (iso: string): AuthOptions => ({ region: 'us-east-1', now: () => new Date(iso) });

function headerRequest(method: string, rawUrl: string, signature: string, headers: HeaderList, hostBucket?: string) {
  return { ...makeRequest({ method, rawUrl, headers: [...headers, ['Authorization', `AWS ${ACCESS}:${signature}`]] }), hostBucket };
}

describe('SigV2 header authentication: the AWS documentation examples', () => {
  it('GET Object, path-style', () => {
    const req = headerRequest('GET', '/johnsmith/photos/puppy.jpg', 'bWq2s1WEIj+Ydj0vQ697zp+IXMU=', [['Date', 'Tue, 27 Mar 2007 19:36:42 +0000']]);
    const result = authenticateRequest(req, lookup, at('2007-03-27T19:40:00Z'));
    expect(result.method).toBe('v2-header');
    expect(result.account?.access).toBe(ACCESS);
  });

  it('PUT Object with a Content-Type', () => {
    const req = headerRequest('PUT', '/johnsmith/photos/puppy.jpg', 'MyyxeRY7whkBe+bq8fHCL/2kKUg=', [
      ['Content-Type', 'image/jpeg'],
      ['Content-Length', '0'],
      ['Date', 'Tue, 27 Mar 2007 21:15:45 +0000'],
    ]);
    expect(authenticateRequest(req, lookup, at('2007-03-27T21:15:45Z')).method).toBe('v2-header');
  });

  it('List, virtual-hosted: the resource starts with the Host bucket; unsigned parameters are left out', () => {
    const req = headerRequest('GET', '/?prefix=photos&max-keys=50&marker=puppy', 'htDYFYduRNen8P9ZfE/s9SuKy0U=', [['Date', 'Tue, 27 Mar 2007 19:42:41 +0000']], 'johnsmith');
    expect(authenticateRequest(req, lookup, at('2007-03-27T19:42:41Z')).account?.access).toBe(ACCESS);
  });

  it('signs the ?acl sub-resource', () => {
    const req = headerRequest('GET', '/?acl', 'c2WLPFtWHVgbEmeEG93a4cG37dM=', [['Date', 'Tue, 27 Mar 2007 19:44:46 +0000']], 'johnsmith');
    expect(authenticateRequest(req, lookup, at('2007-03-27T19:44:46Z')).method).toBe('v2-header');
  });

  it('Upload: Content-MD5, x-amz-* headers sorted, repeats joined with commas, a bucket name with dots', () => {
    const req = headerRequest('PUT', '/static.johnsmith.net/db-backup.dat.gz', 'ilyl83RwaSoYIEdixDQcA4OnAnc=', [
      ['Date', 'Tue, 27 Mar 2007 21:06:08 +0000'],
      ['x-amz-acl', 'public-read'],
      ['content-type', 'application/x-download'],
      ['Content-MD5', '4gJE4saaMU4BqNR0kLY+lw=='],
      ['X-Amz-Meta-ReviewedBy', 'joe@johnsmith.net'],
      ['X-Amz-Meta-ReviewedBy', 'jane@johnsmith.net'],
      ['X-Amz-Meta-FileChecksum', '0x02661779'],
      ['X-Amz-Meta-ChecksumAlgorithm', 'crc32'],
    ]);
    expect(authenticateRequest(req, lookup, at('2007-03-27T21:06:08Z')).account?.access).toBe(ACCESS);
  });
});

describe('SigV2 header authentication: refusals', () => {
  const date: HeaderList = [['Date', 'Tue, 27 Mar 2007 19:36:42 +0000']];

  it('answers SignatureDoesNotMatch with the string to sign, the signature provided and its bytes', () => {
    const req = headerRequest('GET', '/johnsmith/photos/kitten.jpg', 'bWq2s1WEIj+Ydj0vQ697zp+IXMU=', date);
    const error = expectS3Error(() => authenticateRequest(req, lookup, at('2007-03-27T19:40:00Z')), 'SignatureDoesNotMatch');
    expect(error.extra).toEqual({
      AWSAccessKeyId: ACCESS,
      StringToSign: 'GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/johnsmith/photos/kitten.jpg',
      SignatureProvided: 'bWq2s1WEIj+Ydj0vQ697zp+IXMU=',
      StringToSignBytes: expect.stringMatching(/^47 45 54 0a 0a 0a 54 75 65/),
    });
  });

  it('answers RequestTimeTooSkewed past 15 minutes', () => {
    const req = headerRequest('GET', '/johnsmith/photos/puppy.jpg', 'bWq2s1WEIj+Ydj0vQ697zp+IXMU=', date);
    const error = expectS3Error(() => authenticateRequest(req, lookup, at('2007-03-27T19:52:00Z')), 'RequestTimeTooSkewed');
    expect(error.extra).toMatchObject({ RequestTime: 'Tue, 27 Mar 2007 19:36:42 +0000', ServerTime: '2007-03-27T19:52:00Z', MaxAllowedSkewMilliseconds: 900000 });
  });

  it('needs a Date or x-amz-date', () => {
    expectS3Error(() => authenticateRequest(headerRequest('GET', '/b/k', 'x', []), lookup, at('2007-03-27T19:40:00Z')), 'AccessDenied', /valid Date or x-amz-date/);
  });

  it('names an unknown access key', () => {
    const req = makeRequest({ method: 'GET', rawUrl: '/b/k', headers: [...date, ['Authorization', 'AWS NOBODY:abc=']] });
    const error = expectS3Error(() => authenticateRequest(req, lookup, at('2007-03-27T19:40:00Z')), 'InvalidAccessKeyId');
    expect(error.extra).toEqual({ AWSAccessKeyId: 'NOBODY' });
  });

  it('refuses a header without key:signature', () => {
    const req = makeRequest({ method: 'GET', rawUrl: '/b/k', headers: [...date, ['Authorization', 'AWS onlykey']] });
    expectS3Error(() => authenticateRequest(req, lookup, at('2007-03-27T19:40:00Z')), 'InvalidArgument', /Expected AwsAccessKeyId:signature/);
  });

  it('refuses a header beside a presigned query', () => {
    const req = headerRequest('GET', '/b/k?AWSAccessKeyId=AK&Signature=x&Expires=1', 'x', date);
    expectS3Error(() => authenticateRequest(req, lookup, at('2007-03-27T19:40:00Z')), 'InvalidArgument', /Only one auth mechanism allowed/);
  });
});

describe('SigV2 presigned URLs', () => {
  const url = (query: string) => makeRequest({ method: 'GET', rawUrl: `/johnsmith/photos/puppy.jpg?${query}`, headers: [] });
  const documented = `AWSAccessKeyId=${ACCESS}&Expires=1175139620&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D`;

  it('accepts the documented URL before it expires', () => {
    const result = authenticateRequest(url(documented), lookup, at('2007-03-29T03:40:00Z'));
    expect(result.method).toBe('v2-query');
    expect(result.account?.access).toBe(ACCESS);
  });

  it('answers "Request has expired" after Expires', () => {
    const error = expectS3Error(() => authenticateRequest(url(documented), lookup, at('2007-03-29T03:40:21Z')), 'AccessDenied', 'Request has expired');
    expect(error.extra).toEqual({ Expires: '2007-03-29T03:40:20Z', ServerTime: '2007-03-29T03:40:21Z' });
  });

  it.each([
    ['no Signature', `AWSAccessKeyId=${ACCESS}&Expires=1175139620`],
    ['no AWSAccessKeyId', 'Expires=1175139620&Signature=abc'],
    ['no Expires', `AWSAccessKeyId=${ACCESS}&Signature=abc`],
  ])('refuses a URL with %s', (_what, query) => {
    expectS3Error(() => authenticateRequest(url(query), lookup, at('2007-03-29T03:40:00Z')), 'AccessDenied', /requires the Signature, Expires and AWSAccessKeyId/);
  });

  it('refuses an Expires that is not epoch seconds', () => {
    expectS3Error(() => authenticateRequest(url(`AWSAccessKeyId=${ACCESS}&Expires=tomorrow&Signature=abc`), lookup, at('2007-03-29T03:40:00Z')), 'AccessDenied', /seconds since epoch/);
  });
});

describe('SigV2 canonicalized resource', () => {
  it('keeps signed sub-resources sorted and decoded, the name alone when the value is empty', () => {
    expect(canonicalizedResource({ rawPath: '/b/k', rawQuery: 'uploadId=a%2Fb&partNumber=2&foo=bar' })).toBe('/b/k?partNumber=2&uploadId=a/b');
    expect(canonicalizedResource({ rawPath: '/b', rawQuery: 'uploads' })).toBe('/b?uploads');
    expect(canonicalizedResource({ rawPath: '/b/k', rawQuery: 'uploads=' })).toBe('/b/k?uploads');
    expect(canonicalizedResource({ rawPath: '/', rawQuery: 'versioning', hostBucket: 'my.bucket' })).toBe('/my.bucket/?versioning');
  });
});
