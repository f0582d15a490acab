import { createHash } from 'node:crypto';
import {
  buildCanonicalRequest,
  buildStringToSign,
  canonicalHeaders,
  canonicalQueryString,
  canonicalUri,
  credentialScope,
  splitRawUrl,
} from '../../../src/s3/auth/canonical-request';
import { collectHeaders } from '../../../src/s3/auth/header-map';
import { deriveSigningKey, signHex, signaturesEqual } from '../../../src/s3/auth/sigv4-crypto';
import suite from './vectors/aws-sig-v4-test-suite.json';
import { makeRequest } from './helpers';
import { parseQuery } from '../../../src/request/request-query';

const sha256 = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');
const { config } = suite;

describe('AWS SigV4 test suite vectors', () => {
  const scope = credentialScope(config.date, config.region, config.service);
  const key = deriveSigningKey(config.secretAccessKey, config.date, config.region, config.service);

  it.each(suite.headerCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // The stored vector is self-consistent (guards against a mistyped vector).
    expect(c.stringToSign.split('\n')[3]).toBe(sha256(c.canonicalRequest));

    const req = makeRequest({ method: c.method, rawUrl: c.rawUrl, headers: c.headers as Array<[string, string]> });
    const headers = collectHeaders(req.headers, req.rawHeaders);
    const signedHeaders = c.canonicalRequest.split('\n').slice(-2, -1)[0];
    const { rawPath, rawQuery } = splitRawUrl(c.rawUrl);
    const canonicalRequest = buildCanonicalRequest({
      method: c.method,
      canonicalUri: canonicalUri(rawPath),
      canonicalQuery: canonicalQueryString(parseQuery(rawQuery).params),
      canonicalHeaders: canonicalHeaders(headers, signedHeaders.split(';')),
      signedHeaders,
      payloadHash: sha256(c.body),
    });
    expect(canonicalRequest).toBe(c.canonicalRequest);
    const stringToSign = buildStringToSign(config.amzDate, scope, canonicalRequest);
    expect(stringToSign).toBe(c.stringToSign);
    expect(signHex(key, stringToSign)).toBe(c.signature);
  });

  it('get-vanilla-utf8-query also matches when the query arrives percent-encoded', () => {
    const c = suite.headerCases.find((x) => x.name === 'get-vanilla-utf8-query');
    expect(c).toBeDefined();
    expect(canonicalQueryString(parseQuery('%E1%88%B4=bar').params)).toBe('%E1%88%B4=bar');
    expect(canonicalQueryString(parseQuery('%e1%88%b4=bar').params)).toBe('%E1%88%B4=bar');
  });

  it('get-header-key-duplicate needs rawHeaders: Node folds repeats into "a, b"', () => {
    const c = suite.headerCases.find((x) => x.name === 'get-header-key-duplicate');
    if (!c) throw new Error('vector missing');
    const req = makeRequest({ method: c.method, rawUrl: c.rawUrl, headers: c.headers as Array<[string, string]>, withRawHeaders: false });
    const folded = canonicalHeaders(collectHeaders(req.headers), ['my-header1']);
    expect(folded).toBe('my-header1:value2, value2, value1\n');
    const withRaw = makeRequest({ method: c.method, rawUrl: c.rawUrl, headers: c.headers as Array<[string, string]> });
    const raw = canonicalHeaders(collectHeaders(withRaw.headers, withRaw.rawHeaders), ['my-header1']);
    expect(raw).toBe('my-header1:value2,value2,value1\n');
  });

  it.each(suite.presignedCases.map((c) => [c.name, c] as const))('presigned: %s', (_name, c) => {
    const req = makeRequest({ method: c.method, rawUrl: c.rawUrl, headers: c.headers as Array<[string, string]> });
    const { rawPath, rawQuery } = splitRawUrl(c.rawUrl);
    const canonicalQuery = canonicalQueryString(parseQuery(rawQuery).params, 'X-Amz-Signature');
    expect(canonicalQuery).toBe(c.canonicalQuery);
    const canonicalRequest = buildCanonicalRequest({
      method: c.method,
      canonicalUri: canonicalUri(rawPath),
      canonicalQuery,
      canonicalHeaders: canonicalHeaders(collectHeaders(req.headers, req.rawHeaders), ['host']),
      signedHeaders: 'host',
      payloadHash: c.payloadHash,
    });
    expect(signHex(key, buildStringToSign(config.amzDate, scope, canonicalRequest))).toBe(c.signature);
  });
});

describe('S3 canonical URI', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['/bucket/key', '/bucket/key'],
    // S3 does not normalise: dot segments and empty segments are part of the key.
    ['/bucket/./a/../b//c', '/bucket/./a/../b//c'],
    // Decoded then encoded once (never double-encoded), with upper-case hex.
    ['/bucket/a%20b', '/bucket/a%20b'],
    ['/bucket/a%2fb', '/bucket/a%2Fb'],
    ['/bucket/a%2Fb', '/bucket/a%2Fb'],
    ['/bucket/test$file.text', '/bucket/test%24file.text'],
    ['/bucket/a!b(c)*', '/bucket/a%21b%28c%29%2A'],
    ['/bucket/a+b', '/bucket/a%2Bb'],
    ['/bucket/%E2%82%AC', '/bucket/%E2%82%AC'],
    ['/bucket/\u20ac', '/bucket/%E2%82%AC'],
    ['/bucket/%ff%FE', '/bucket/%FF%FE'],
    ['/bucket/100%', '/bucket/100%25'],
    ['/bucket/-._~', '/bucket/-._~'],
  ])('%s → %s', (raw, expected) => {
    expect(canonicalUri(splitRawUrl(raw).rawPath)).toBe(expected);
  });

  it('takes the path from an absolute-form request target', () => {
    expect(splitRawUrl('http://host:9000/b/k?x=1')).toEqual({ rawPath: '/b/k', rawQuery: 'x=1' });
  });
});

describe('canonical query string', () => {
  it.each([
    ['', ''],
    ['lifecycle', 'lifecycle='],
    ['prefix=J&max-keys=2', 'max-keys=2&prefix=J'],
    ['b=2&a=2&a=1', 'a=1&a=2&b=2'],
    ['prefix=a%2Fb&delimiter=%2F', 'delimiter=%2F&prefix=a%2Fb'],
    ['prefix=a b', 'prefix=a%20b'],
    ['prefix=a+b', 'prefix=a%2Bb'],
    ['x=%7e&y=~', 'x=~&y=~'],
    ['a=1&&b=2', 'a=1&b=2'],
    ['key=a=b', 'key=a%3Db'],
    // Sorted by the encoded name: 'A' (0x41) before '_' (0x5F) before 'a' (0x61).
    ['a=1&_=2&A=3', 'A=3&_=2&a=1'],
  ])('%s → %s', (raw, expected) => {
    expect(canonicalQueryString(parseQuery(raw).params)).toBe(expected);
  });

  it('drops only X-Amz-Signature for presigned URLs', () => {
    expect(canonicalQueryString(parseQuery('X-Amz-Signature=abc&X-Amz-Date=1&x-amz-signature=k').params, 'X-Amz-Signature')).toBe(
      'X-Amz-Date=1&x-amz-signature=k',
    );
  });
});

describe('canonical headers', () => {
  it('lower-cases names, trims values and collapses inner whitespace', () => {
    const headers = collectHeaders({}, ['X-Amz-Meta-A', '  a   b \t c  ', 'Host', 'h']);
    expect(canonicalHeaders(headers, ['host', 'x-amz-meta-a'])).toBe('host:h\nx-amz-meta-a:a b c\n');
  });
});

describe('signature comparison', () => {
  it('is equal only for identical strings, whatever their length', () => {
    expect(signaturesEqual('ab', 'ab')).toBe(true);
    expect(signaturesEqual('ab', 'ac')).toBe(false);
    expect(signaturesEqual('ab', 'abc')).toBe(false);
    expect(signaturesEqual('ab', '')).toBe(false);
  });

  it('caches signing keys without mixing secrets, dates or regions', () => {
    const a = deriveSigningKey('secret-a', '20240101', 'us-east-1');
    expect(deriveSigningKey('secret-a', '20240101', 'us-east-1')).toBe(a);
    expect(deriveSigningKey('secret-b', '20240101', 'us-east-1').equals(a)).toBe(false);
    expect(deriveSigningKey('secret-a', '20240102', 'us-east-1').equals(a)).toBe(false);
    expect(deriveSigningKey('secret-a', '20240101', 'eu-west-1').equals(a)).toBe(false);
  });
});
