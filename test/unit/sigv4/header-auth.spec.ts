import { authenticateRequest } from '../../../src/s3/auth/authenticate-request';
import type { AuthOptions } from '../../../src/s3/auth/auth.types';
import doc from './vectors/s3-doc-examples.json';
import { HeaderList, expectS3Error, lookupFor, makeRequest, readAll, readExpectingError, expectS3ErrorValue } from './helpers';

const { config } = doc;
const lookup = lookupFor({ access: config.accessKeyId, secret: config.secretAccessKey });
const at = (iso: string): AuthOptions => ({ region: config.region, now: () => new Date(iso) });
const opts = at(config.now);

type DocCase = (typeof doc.headerCases)[number];
const byName = (name: string): DocCase => {
  const c = doc.headerCases.find((x) => x.name.startsWith(name));
  if (!c) throw new Error(`no vector ${name}`);
  return c;
};
const headersOf = (c: DocCase): HeaderList => c.headers.map(([n, v]) => [n, v] as [string, string]);
const withHeader = (headers: HeaderList, name: string, value: string | undefined): HeaderList => {
  const rest = headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
  return value === undefined ? rest : [...rest, [name, value]];
};
const authorizationOf = (c: DocCase): string => {
  const found = c.headers.find(([n]) => n === 'Authorization');
  if (!found) throw new Error('no Authorization');
  return found[1];
};
const requestOf = (c: DocCase, headers = headersOf(c), rawUrl = c.rawUrl, method = c.method) =>
  makeRequest({ method, rawUrl, headers, body: c.body });

describe('header authentication: the S3 documentation examples', () => {
  it.each(doc.headerCases.map((c) => [c.name, c] as const))('%s is accepted', async (_name, c) => {
    const result = authenticateRequest(requestOf(c), lookup, opts);
    expect(result.method).toBe('v4-header');
    expect(result.account?.access).toBe(config.accessKeyId);
    expect((await readAll(result.body)).toString()).toBe(c.body);
  });

  it('reports the canonical request and string to sign it computed when the signature is wrong', () => {
    const c = byName('GET Object');
    const bad = authorizationOf(c).replace(/Signature=.*/, `Signature=${'0'.repeat(64)}`);
    const err = expectS3Error(() => authenticateRequest(requestOf(c, withHeader(headersOf(c), 'Authorization', bad)), lookup, opts), 'SignatureDoesNotMatch');
    expect(err.status).toBe(403);
    expect(err.extra.CanonicalRequest).toBe(c.canonicalRequest);
    expect(err.extra.StringToSign).toBe(c.stringToSign);
  });

  it.each([
    ['the method', (c: DocCase) => requestOf(c, headersOf(c), c.rawUrl, 'HEAD')],
    ['the path', (c: DocCase) => requestOf(c, headersOf(c), '/test.txu')],
    ['the query', (c: DocCase) => requestOf(c, headersOf(c), '/test.txt?x=1')],
    ['a signed header', (c: DocCase) => requestOf(c, withHeader(headersOf(c), 'Range', 'bytes=0-10'))],
    ['the host', (c: DocCase) => requestOf(c, withHeader(headersOf(c), 'Host', 'other.example.com'))],
  ])('rejects a request whose %s changed after signing', (_what, build) => {
    expectS3Error(() => authenticateRequest(build(byName('GET Object')), lookup, opts), 'SignatureDoesNotMatch');
  });

  it('rejects a wrong secret', () => {
    const wrong = lookupFor({ access: config.accessKeyId, secret: 'not-the-secret' });
    expectS3Error(() => authenticateRequest(requestOf(byName('GET Object')), wrong, opts), 'SignatureDoesNotMatch');
  });

  it('rejects an unknown access key', () => {
    const err = expectS3Error(() => authenticateRequest(requestOf(byName('GET Object')), lookupFor(), opts), 'InvalidAccessKeyId');
    expect(err.status).toBe(403);
  });

  it('accepts up to 15 minutes of clock skew either way, not more', () => {
    const c = byName('GET Object');
    for (const iso of ['2013-05-24T00:15:00Z', '2013-05-23T23:45:00Z']) {
      expect(authenticateRequest(requestOf(c), lookup, at(iso)).method).toBe('v4-header');
    }
    for (const iso of ['2013-05-24T00:15:01Z', '2013-05-23T23:44:59Z']) {
      const err = expectS3Error(() => authenticateRequest(requestOf(c), lookup, at(iso)), 'RequestTimeTooSkewed');
      expect(err.status).toBe(403);
      expect(err.extra.RequestTime).toBe('20130524T000000Z');
      expect(err.extra.MaxAllowedSkewMilliseconds).toBe(900000);
    }
  });

  it('names the expected region as AWS does', () => {
    const err = expectS3Error(
      () => authenticateRequest(requestOf(byName('GET Object')), lookup, { ...opts, region: 'eu-west-1' }),
      'AuthorizationHeaderMalformed',
      "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
    );
    expect(err.extra.Region).toBe('eu-west-1');
  });

  it('requires x-amz-content-sha256', () => {
    const c = byName('GET Object');
    expectS3Error(
      () => authenticateRequest(requestOf(c, withHeader(headersOf(c), 'x-amz-content-sha256', undefined)), lookup, opts),
      'InvalidRequest',
      'Missing required header for this request: x-amz-content-sha256',
    );
  });

  it('rejects an x-amz-content-sha256 that is neither a mode nor a hash', () => {
    const c = byName('GET Object');
    const err = expectS3Error(
      () => authenticateRequest(requestOf(c, withHeader(headersOf(c), 'x-amz-content-sha256', 'abc')), lookup, opts),
      'InvalidArgument',
    );
    expect(err.extra.ArgumentName).toBe('x-amz-content-sha256');
  });

  it('rejects x-amz-* headers that are present but not signed', () => {
    const c = byName('GET Object');
    const err = expectS3Error(
      () => authenticateRequest(requestOf(c, [...headersOf(c), ['x-amz-acl', 'public-read']]), lookup, opts),
      'AccessDenied',
      'There were headers present in the request which were not signed',
    );
    expect(err.extra.HeadersNotSigned).toBe('x-amz-acl');
  });

  it('requires a valid X-Amz-Date or Date', () => {
    const c = byName('GET Object');
    expectS3Error(
      () => authenticateRequest(requestOf(c, withHeader(headersOf(c), 'x-amz-date', undefined)), lookup, opts),
      'AccessDenied',
      'AWS authentication requires a valid Date or x-amz-date header',
    );
    expectS3Error(
      () => authenticateRequest(requestOf(c, withHeader(headersOf(c), 'x-amz-date', '20130524T250000Z')), lookup, opts),
      'AccessDenied',
    );
  });

  it('requires the credential date to be the request date', () => {
    const c = byName('GET Object');
    const auth = authorizationOf(c).replace('/20130524/', '/20130523/');
    expectS3Error(
      () => authenticateRequest(requestOf(c, withHeader(headersOf(c), 'Authorization', auth)), lookup, opts),
      'AuthorizationHeaderMalformed',
      /Invalid credential date/,
    );
  });

  const good = authorizationOf(byName('GET Object'));
  it.each([
    ['no space after the scheme', 'AWS4-HMAC-SHA256', 'InvalidArgument', /one and only one ' ' \(space\) required/],
    ['another scheme', 'Bearer abc', 'InvalidArgument', 'Unsupported Authorization Type'],
    ['SigV4a', 'AWS4-ECDSA-P256-SHA256 Credential=x', 'InvalidArgument', 'Unsupported Authorization Type'],
    ['a missing component', good.replace(/,SignedHeaders=[^,]*/, ''), 'AuthorizationHeaderMalformed', /requires three components/],
    ['a component without "="', good.replace('Signature=', 'Signature'), 'AuthorizationHeaderMalformed', /component "Signature[0-9a-f]+" is malformed/],
    ['a repeated component', `${good},Signature=abc`, 'AuthorizationHeaderMalformed', /is malformed/],
    ['an unknown component', `${good},Foo=bar`, 'AuthorizationHeaderMalformed', /is malformed/],
    ['a short credential', good.replace('/us-east-1/s3/aws4_request', '/us-east-1/s3'), 'AuthorizationHeaderMalformed', /Credential is mal-formed/],
    ['a bad credential date', good.replace('/20130524/', '/2013-05-24/'), 'AuthorizationHeaderMalformed', /incorrect date format "2013-05-24"/],
    ['another service', good.replace('/s3/', '/ec2/'), 'AuthorizationHeaderMalformed', 'The authorization header is malformed; incorrect service "ec2". This endpoint belongs to "s3".'],
    ['another terminator', good.replace('aws4_request', 'aws5_request'), 'AuthorizationHeaderMalformed', /incorrect terminal "aws5_request"/],
    ['an empty signed header name', good.replace('SignedHeaders=host;', 'SignedHeaders=host;;'), 'AuthorizationHeaderMalformed', /SignedHeaders=/],
  ] as const)('rejects an Authorization header with %s', (_what, value, code, message) => {
    const c = byName('GET Object');
    expectS3Error(() => authenticateRequest(requestOf(c, withHeader(headersOf(c), 'Authorization', value)), lookup, opts), code, message);
  });

  it('accepts components in any order and with or without spaces after commas', () => {
    const c = byName('GET Object');
    const m = /Credential=([^,]+),SignedHeaders=([^,]+),Signature=(\w+)/.exec(authorizationOf(c));
    if (!m) throw new Error('unexpected vector');
    const reordered = `AWS4-HMAC-SHA256 Signature=${m[3]}, Credential=${m[1]}, SignedHeaders=${m[2]}`;
    expect(authenticateRequest(requestOf(c, withHeader(headersOf(c), 'Authorization', reordered)), lookup, opts).method).toBe('v4-header');
  });

  it('refuses a request that uses both an Authorization header and a presigned query', () => {
    const c = byName('GET Object');
    expectS3Error(
      () => authenticateRequest(requestOf(c, headersOf(c), '/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256'), lookup, opts),
      'InvalidArgument',
      /Only one auth mechanism allowed/,
    );
  });

  it('verifies the body against x-amz-content-sha256 while it streams, failing before end', async () => {
    const c = byName('PUT Object');
    const req = makeRequest({ method: c.method, rawUrl: c.rawUrl, headers: headersOf(c), body: 'Welcome to Amazon S4.' });
    const result = authenticateRequest(req, lookup, opts);
    expect(result.payload).toEqual({ kind: 'sha256', hex: '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072' });
    const { error, ended } = await readExpectingError(result.body);
    expect(ended).toBe(false);
    const err = expectS3ErrorValue(error, 'XAmzContentSHA256Mismatch');
    expect(err.status).toBe(400);
  });

  it('reports IncompleteBody when the body is shorter than Content-Length', async () => {
    const c = byName('PUT Object');
    const req = makeRequest({ method: c.method, rawUrl: c.rawUrl, headers: headersOf(c), body: 'Welcome to Amazon' });
    const { error, ended } = await readExpectingError(authenticateRequest(req, lookup, opts).body);
    expect(ended).toBe(false);
    expectS3ErrorValue(error, 'IncompleteBody');
  });
});

describe('anonymous requests', () => {
  it('have no account and pass the body through', async () => {
    const req = makeRequest({ method: 'PUT', rawUrl: '/b/k', headers: [['Host', 'h']], body: 'data' });
    const result = authenticateRequest(req, lookup, opts);
    expect(result.method).toBe('anonymous');
    expect(result.account).toBeUndefined();
    expect(result.payload).toEqual({ kind: 'unsigned' });
    expect(result.body).toBe(req.body);
    expect((await readAll(result.body)).toString()).toBe('data');
  });

  it('cannot claim signed chunks', () => {
    const req = makeRequest({ method: 'PUT', rawUrl: '/b/k', headers: [['x-amz-content-sha256', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'], ['x-amz-decoded-content-length', '0']] });
    expectS3Error(() => authenticateRequest(req, lookup, opts), 'InvalidRequest', /Anonymous requests don't support/);
  });

  it('refuses Signature Version 2 query authentication with --disable-sigv2', () => {
    const req = makeRequest({ method: 'GET', rawUrl: '/b/k?AWSAccessKeyId=AK&Expires=1&Signature=abc', headers: [] });
    expectS3Error(() => authenticateRequest(req, lookup, { ...opts, sigV2: false }), 'InvalidRequest', /not supported/);
  });

  it('refuses a Signature Version 2 header with --disable-sigv2', () => {
    const req = makeRequest({ method: 'GET', rawUrl: '/b/k', headers: [['Authorization', 'AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=']] });
    expectS3Error(() => authenticateRequest(req, lookup, { ...opts, sigV2: false }), 'InvalidRequest', /Please use AWS4-HMAC-SHA256/);
  });
});
