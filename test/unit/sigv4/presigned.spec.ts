import { authenticateRequest } from '../../../src/s3/auth/authenticate-request';
import type { AuthOptions } from '../../../src/s3/auth/auth.types';
import doc from './vectors/s3-doc-examples.json';
import { expectS3Error, lookupFor, makeRequest, readAll } from './helpers';

const { config, presigned } = doc;
const lookup = lookupFor({ access: config.accessKeyId, secret: config.secretAccessKey });
const at = (iso: string): AuthOptions => ({ region: config.region, now: () => new Date(iso) });
const headers = presigned.headers.map(([n, v]) => [n, v] as [string, string]);
const request = (rawUrl = presigned.rawUrl, extraHeaders: Array<[string, string]> = []) =>
  makeRequest({ method: presigned.method, rawUrl, headers: [...headers, ...extraHeaders] });
const withParam = (name: string, value: string | undefined): string => {
  const [path, query] = presigned.rawUrl.split('?');
  const kept = query.split('&').filter((p) => !p.startsWith(`${name}=`));
  if (value !== undefined) kept.push(`${name}=${value}`);
  return `${path}?${kept.join('&')}`;
};

describe('presigned URLs: the S3 documentation example', () => {
  it('is accepted for its whole lifetime, as UNSIGNED-PAYLOAD', async () => {
    for (const iso of ['2013-05-24T00:00:00Z', '2013-05-24T12:00:00Z', '2013-05-25T00:00:00Z']) {
      const result = authenticateRequest(request(), lookup, at(iso));
      expect(result.method).toBe('v4-query');
      expect(result.account?.access).toBe(config.accessKeyId);
      expect(result.payload).toEqual({ kind: 'unsigned' });
      expect(await readAll(result.body)).toHaveLength(0);
    }
  });

  it('has expired one second after X-Amz-Date + X-Amz-Expires', () => {
    const err = expectS3Error(() => authenticateRequest(request(), lookup, at('2013-05-25T00:00:01Z')), 'AccessDenied', 'Request has expired');
    expect(err.status).toBe(403);
    expect(err.extra['X-Amz-Expires']).toBe('86400');
  });

  it('is not valid yet when dated beyond the allowed skew', () => {
    expect(authenticateRequest(request(), lookup, at('2013-05-23T23:45:00Z')).method).toBe('v4-query');
    expectS3Error(() => authenticateRequest(request(), lookup, at('2013-05-23T23:44:59Z')), 'AccessDenied', 'Request is not valid yet');
  });

  it.each([
    ['a tampered signature', withParam('X-Amz-Signature', 'a'.repeat(64))],
    ['a longer lifetime than signed', withParam('X-Amz-Expires', '86401')],
    ['an added query parameter', `${presigned.rawUrl}&versionId=1`],
    ['another key', presigned.rawUrl.replace('/test.txt', '/test.txu')],
  ])('rejects %s', (_what, url) => {
    expectS3Error(() => authenticateRequest(request(url), lookup, at(config.now)), 'SignatureDoesNotMatch');
  });

  it('rejects an expiry beyond seven days before anything else', () => {
    expectS3Error(
      () => authenticateRequest(request(withParam('X-Amz-Expires', '604801')), lookup, at(config.now)),
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
  });

  it.each([
    ['X-Amz-Expires', '-1', 'X-Amz-Expires must be non-negative'],
    ['X-Amz-Expires', 'soon', 'X-Amz-Expires should be a number'],
    ['X-Amz-Expires', undefined, /requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires/],
    ['X-Amz-SignedHeaders', undefined, /requires the X-Amz-Algorithm/],
    ['X-Amz-Date', '2013-05-24', /ISO8601 Long Format/],
    ['X-Amz-Date', '20130525T000000Z', /Invalid credential date "20130524"/],
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA1', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"'],
    ['X-Amz-Credential', 'AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3', /Error parsing the X-Amz-Credential parameter; the Credential is mal-formed/],
    ['X-Amz-Credential', 'AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-west-2%2Fs3%2Faws4_request', "Error parsing the X-Amz-Credential parameter; the region 'us-west-2' is wrong; expecting 'us-east-1'"],
  ])('rejects %s=%s', (name, value, message) => {
    expectS3Error(() => authenticateRequest(request(withParam(name, value)), lookup, at(config.now)), 'AuthorizationQueryParametersError', message);
  });

  it('rejects an unknown access key', () => {
    expectS3Error(() => authenticateRequest(request(), lookupFor(), at(config.now)), 'InvalidAccessKeyId');
  });

  it('rejects unsigned x-amz-* headers sent along', () => {
    expectS3Error(() => authenticateRequest(request(presigned.rawUrl, [['x-amz-acl', 'public-read']]), lookup, at(config.now)), 'AccessDenied', /not signed/);
  });
});
