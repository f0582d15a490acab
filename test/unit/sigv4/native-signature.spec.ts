import { randomBytes } from 'node:crypto';
import { loadNativeAddon } from '../../../src/native/native-addon';
import type { NativeSigV4 } from '../../../src/native/native-sigv4.types';
import { S3Error } from '../../../src/s3/errors/s3-error';
import { canonicalHeaders, credentialScope, splitRawUrl } from '../../../src/s3/auth/canonical-request';
import { parseQuery } from '../../../src/request/request-query';
import { collectHeaders } from '../../../src/s3/auth/header-map';
import { type SignedRequest, requestSignature, verifySignature } from '../../../src/s3/auth/request-signature';
import { deriveSigningKey } from '../../../src/s3/auth/sigv4-crypto';
import suite from './vectors/aws-sig-v4-test-suite.json';
import { makeRequest } from './helpers';

// The addon is built by `npm ci`; these tests hold its signing to canonical-request.ts, byte for byte.
const addon = loadNativeAddon();

function signed(rawUrl: string, excluded?: string): SignedRequest {
  const { rawPath, rawQuery } = splitRawUrl(rawUrl);
  return {
    method: 'GET',
    rawPath,
    rawQuery,
    query: parseQuery(rawQuery).params,
    excluded,
    canonicalHeaders: 'host:127.0.0.1:9000\nx-amz-date:20261202T120000Z\n',
    signedHeaders: 'host;x-amz-date',
    payloadHash: 'UNSIGNED-PAYLOAD',
    amzDate: '20261202T120000Z',
    scope: credentialScope('20261202', 'us-east-1'),
  };
}

const KEY = deriveSigningKey('native-test-secret', '20261202', 'us-east-1');

describe('native SigV4 signing', () => {
  it('signs the AWS test suite requests as AWS does', () => {
    const { config } = suite;
    const key = deriveSigningKey(config.secretAccessKey, config.date, config.region, config.service);
    for (const c of suite.headerCases) {
      const req = makeRequest({ method: c.method, rawUrl: c.rawUrl, headers: c.headers as Array<[string, string]> });
      const signedHeaders = c.canonicalRequest.split('\n').slice(-2, -1)[0];
      const { rawPath, rawQuery } = splitRawUrl(c.rawUrl);
      const request: SignedRequest = {
        method: c.method,
        rawPath,
        rawQuery,
        query: parseQuery(rawQuery).params,
        canonicalHeaders: canonicalHeaders(collectHeaders(req.headers, req.rawHeaders), signedHeaders.split(';')),
        signedHeaders,
        payloadHash: c.canonicalRequest.split('\n').at(-1) ?? '',
        amzDate: config.amzDate,
        scope: credentialScope(config.date, config.region, config.service),
      };
      expect({ name: c.name, signature: requestSignature(request, key, addon) }).toEqual({ name: c.name, signature: c.signature });
    }
  });

  // Each case: the reference (canonical-request.ts, no addon) and the addon must agree.
  const cases: Array<{ name: string; rawUrl: string; excluded?: string }> = [
    { name: 'a plain path', rawUrl: '/bucket/key' },
    { name: 'the bucket alone', rawUrl: '/bucket' },
    { name: 'the root', rawUrl: '/' },
    { name: 'an empty path', rawUrl: '?list-type=2' },
    { name: 'encoded slashes inside a segment stay encoded', rawUrl: '/bucket/a%2Fb%2fc' },
    { name: 'reserved characters get encoded', rawUrl: "/bucket/a!b'c(d)e*f+g h" },
    { name: 'needless encodings get decoded', rawUrl: '/bucket/%41%62%7E%2D' },
    { name: 'lower-case escapes get upper-cased', rawUrl: '/bucket/%e1%88%b4' },
    { name: 'a stray % stays a literal %', rawUrl: '/bucket/100%/x%4/y%zz/%' },
    { name: 'characters beyond ASCII as UTF-8', rawUrl: '/bucket/é/日本/😀' },
    { name: 'invalid UTF-8 escapes as bytes', rawUrl: '/bucket/%FF%FE' },
    { name: 'dot segments and doubled slashes are kept', rawUrl: '/bucket/./a/../b//c/' },
    { name: 'an unsorted query', rawUrl: '/b/k?z=1&a=2&m=3' },
    { name: 'repeated names sorted by value', rawUrl: '/b/k?a=3&a=1&a=2' },
    { name: 'names without = and empty parts', rawUrl: '/b/k?acl&&tagging&versionId=' },
    { name: 'query values that need encoding', rawUrl: '/b/k?prefix=a b&delimiter=%2F&start-after=%e2%82%ac&x=a+b' },
    { name: 'a name sorted by its encoded form', rawUrl: '/b/k?%7E=1&~a=2&A=3&%41B=4' },
    { name: 'presigned: the signature left out', rawUrl: '/b/k?X-Amz-Signature=abc&X-Amz-Date=20261202T120000Z', excluded: 'X-Amz-Signature' },
    { name: 'presigned: an encoded name of the signature left out too', rawUrl: '/b/k?X-Amz-%53ignature=abc&b=1', excluded: 'X-Amz-Signature' },
    { name: 'presigned: another case of the name is kept', rawUrl: '/b/k?x-amz-signature=abc&b=1', excluded: 'X-Amz-Signature' },
    { name: 'absolute-form request target', rawUrl: 'http://host:9000/b/k?a=1' },
    { name: 'more parameters than the stack holds', rawUrl: `/b/k?${Array.from({ length: 70 }, (_, i) => `p${(i * 37) % 70}=${i}`).join('&')}` },
    { name: 'a target longer than the stack buffer', rawUrl: `/b/${'k%20'.repeat(1200)}?v=${'x'.repeat(3000)}` },
  ];

  it.each(cases)('$name', ({ rawUrl, excluded }) => {
    const request = signed(rawUrl, excluded);
    expect(requestSignature(request, KEY, addon)).toBe(requestSignature(request, KEY, null));
  });

  it('agrees with the reference on paths around the length of its stack buffer (2,048 bytes), characters cut or not', () => {
    for (let bytes = 2036; bytes <= 2052; bytes++) {
      for (const [unit, size] of [['a', 1], ['é', 2], ['€', 3], ['😀', 4]] as const) {
        const rawUrl = `/b/${'x'.repeat((bytes - 3) % size)}${unit.repeat(Math.floor((bytes - 3) / size))}`;
        const request = signed(rawUrl);
        expect({ bytes, unit, signature: requestSignature(request, KEY, addon) }).toEqual({ bytes, unit, signature: requestSignature(request, KEY, null) });
      }
    }
  });

  it('agrees with the reference on random request targets', () => {
    const alphabet = ['a', 'Z', '9', '-', '_', '.', '~', '/', '%', '%2F', '%2f', '%41', '%e9', '%zz', ' ', '+', '=', '&', '!', '*', 'é', '€', '&X-Amz-Signature=s'];
    for (let i = 0; i < 500; i++) {
      const bytes = randomBytes(40);
      let url = '/';
      for (const byte of bytes.subarray(0, 20)) url += alphabet[byte % alphabet.length];
      url += '?';
      for (const byte of bytes.subarray(20)) url += alphabet[byte % alphabet.length];
      const request = signed(url, i % 2 === 0 ? 'X-Amz-Signature' : undefined);
      expect({ url, signature: requestSignature(request, KEY, addon) }).toEqual({ url, signature: requestSignature(request, KEY, null) });
    }
  });

  it('refuses arguments of the wrong kinds, naming what it takes', () => {
    const call = addon.sigv4Signature as unknown as (...args: unknown[]) => string;
    // The addon's errors come from Node's realm, not the test's: matched by code and message.
    const invalid = expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE', message: expect.stringContaining('a Buffer and six strings') });
    expect(() => call('not a buffer', 'GET', '/', '', '', '', '')).toThrow(invalid);
    expect(() => call(KEY, 'GET', '/', 42, '', '', '')).toThrow(invalid);
    expect(() => call(KEY, 'GET')).toThrow(invalid);
  });
});

describe('verifySignature', () => {
  const request = signed('/bucket/key?X-Amz-Signature=x&a=1', 'X-Amz-Signature');
  const valid = requestSignature(request, KEY, null);

  it('accepts the right signature and resolves it', () => {
    expect(verifySignature(request, KEY, valid, 'AK', addon)).toBe(valid);
    expect(verifySignature(request, KEY, valid, 'AK', null)).toBe(valid);
  });

  it('refuses a wrong one with the canonical request and string to sign of the reference', () => {
    const wrong = valid.replace(/^./, valid[0] === '0' ? '1' : '0');
    let error: unknown;
    try {
      verifySignature(request, KEY, wrong, 'AK', addon);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(S3Error);
    expect((error as S3Error).code).toBe('SignatureDoesNotMatch');
    expect(JSON.stringify(error)).toContain('GET\\n/bucket/key\\na=1\\nhost:127.0.0.1:9000');
  });

  it('never refuses a valid request because the addon disagreed', () => {
    const broken: NativeSigV4 = { sigv4Signature: () => '0'.repeat(64) };
    expect(verifySignature(request, KEY, valid, 'AK', broken)).toBe(valid);
  });
});
