import { CorsPolicy } from '../../../src/cors/cors-policy';
import { type CorsRule, corsRulesOf } from '../../../src/cors/cors-rule';
import { S3Error } from '../../../src/s3/errors/s3-error';

const rule = (overrides: Partial<CorsRule>): CorsRule => ({ allowedOrigins: ['https://app.example.com'], allowedMethods: ['GET'], allowedHeaders: [], exposeHeaders: [], ...overrides });

describe('CorsPolicy: which rule a request matches, first match wins', () => {
  const policy = new CorsPolicy([
    rule({ id: 'exact', allowedMethods: ['GET', 'PUT'], allowedHeaders: ['Content-Type', 'x-amz-*'], exposeHeaders: ['ETag'], maxAgeSeconds: 60 }),
    rule({ id: 'prefix', allowedOrigins: ['https://*.example.org'], allowedMethods: ['GET'] }),
    rule({ id: 'suffix', allowedOrigins: ['http://localhost:*'], allowedMethods: ['POST'], allowedHeaders: ['*'] }),
    rule({ id: 'any', allowedOrigins: ['*'], allowedMethods: ['HEAD'] }),
  ]);

  it.each([
    ['the exact origin and a listed method', 'https://app.example.com', 'PUT', [], 'https://app.example.com'],
    ['a listed header in another case', 'https://app.example.com', 'PUT', ['CONTENT-TYPE'], 'https://app.example.com'],
    ['a header under a wildcard', 'https://app.example.com', 'GET', ['x-amz-meta-colour'], 'https://app.example.com'],
    ['a subdomain under *.', 'https://docs.example.org', 'GET', [], 'https://docs.example.org'],
    ['a port under :*, any header under *', 'http://localhost:3000', 'POST', ['anything', 'else'], 'http://localhost:3000'],
    ['any origin for an any-origin rule', 'https://elsewhere.test', 'HEAD', [], '*'],
  ])('allows %s', (_label, origin, method, headers, allowOrigin) => {
    expect(policy.preflight(origin, method as 'GET', headers)?.allowOrigin).toBe(allowOrigin);
  });

  it.each([
    ['an origin no rule names', 'https://evil.test', 'GET', []],
    ['an origin that only ends like an allowed one', 'https://evil-app.example.com', 'GET', []],
    ['the bare domain of a *. origin', 'https://example.org', 'GET', []],
    ['a method the matching origin is not allowed', 'https://app.example.com', 'DELETE', []],
    ['one header that no allowed header matches', 'https://app.example.com', 'PUT', ['content-type', 'authorization']],
    ['an origin in another case (origins are case-sensitive)', 'https://APP.example.com', 'GET', []],
  ])('refuses %s', (_label, origin, method, headers) => {
    expect(policy.preflight(origin, method as 'GET', headers)).toBeUndefined();
  });

  it("answers the first matching rule's headers: methods, expose, max age, credentials, the asked headers lower-cased", () => {
    expect(policy.preflight('https://app.example.com', 'GET', ['Content-Type', 'X-Amz-Date'])).toEqual({
      allowOrigin: 'https://app.example.com',
      allowCredentials: true,
      allowMethods: 'GET, PUT',
      allowHeaders: 'content-type, x-amz-date',
      exposeHeaders: 'ETag',
      maxAgeSeconds: 60,
    });
    expect(policy.preflight('https://elsewhere.test', 'HEAD', [])).toEqual({ allowOrigin: '*', allowCredentials: false, allowMethods: 'HEAD' });
  });

  it("matches an actual request by its own method, without Allow-Headers", () => {
    expect(policy.forRequest('https://docs.example.org', 'GET')).toEqual({ allowOrigin: 'https://docs.example.org', allowCredentials: true, allowMethods: 'GET' });
    expect(policy.forRequest('https://docs.example.org', 'PUT')).toBeUndefined();
  });
});

describe('corsRulesOf: PutBucketCors documents as AWS checks them', () => {
  const codeOf = (document: Record<string, unknown> | undefined): string | undefined => {
    try {
      corsRulesOf(document);
    } catch (error) {
      return S3Error.is(error) ? error.code : String(error);
    }
    return undefined;
  };
  const ruleDoc = (fields: Record<string, unknown>) => ({ CORSConfiguration: { CORSRule: fields } });

  it('reads repeated and single elements, ID and MaxAgeSeconds', () => {
    expect(corsRulesOf({ CORSConfiguration: { CORSRule: [{ AllowedOrigin: '*', AllowedMethod: ['GET', 'PUT'], ID: 'r1', MaxAgeSeconds: '30', ExposeHeader: 'ETag' }] } })).toEqual([
      { id: 'r1', allowedOrigins: ['*'], allowedMethods: ['GET', 'PUT'], allowedHeaders: [], exposeHeaders: ['ETag'], maxAgeSeconds: 30 },
    ]);
  });

  it.each([
    ['no document', undefined, 'MalformedXML'],
    ['another root', { Tagging: {} }, 'MalformedXML'],
    ['no rule', { CORSConfiguration: '' }, 'MalformedXML'],
    ['a rule without a method', ruleDoc({ AllowedOrigin: '*' }), 'MalformedXML'],
    ['a MaxAgeSeconds that is no number', ruleDoc({ AllowedOrigin: '*', AllowedMethod: 'GET', MaxAgeSeconds: 'soon' }), 'MalformedXML'],
    ['an ID over 255 characters', ruleDoc({ AllowedOrigin: '*', AllowedMethod: 'GET', ID: 'x'.repeat(256) }), 'MalformedXML'],
    ['a lower-case method', ruleDoc({ AllowedOrigin: '*', AllowedMethod: 'get' }), 'InvalidRequest'],
    ['two wildcards in an allowed header', ruleDoc({ AllowedOrigin: '*', AllowedMethod: 'GET', AllowedHeader: '*-*' }), 'InvalidRequest'],
    ['a wildcard in an expose header', ruleDoc({ AllowedOrigin: '*', AllowedMethod: 'GET', ExposeHeader: 'x-*' }), 'InvalidRequest'],
    ['101 rules', { CORSConfiguration: { CORSRule: Array.from({ length: 101 }, () => ({ AllowedOrigin: '*', AllowedMethod: 'GET' })) } }, 'InvalidRequest'],
  ])('refuses %s', (_label, document, code) => {
    expect(codeOf(document as Record<string, unknown> | undefined)).toBe(code);
  });
});
