import { parseQuery } from '../../../src/request/request-query';
import type { AccessRequest } from '../../../src/s3/access/access-request';
import { requestConditions } from '../../../src/s3/access/request-conditions';

const request = (overrides: Partial<AccessRequest> = {}): AccessRequest => ({
  operation: 'ListObjectsV2',
  resource: { level: 'bucket', bucket: 'photos' },
  account: { access: 'ALICE', secret: 's', role: 'user' },
  authMethod: 'v4-header',
  sourceIp: '::ffff:10.1.2.3',
  secureTransport: true,
  headers: { 'x-amz-acl': 'public-read', 'x-amz-tagging': 'Team=blue&Env=prod', 'user-agent': 'aws-cli/2' },
  query: parseQuery('list-type=2&prefix=home%2Fbob%2F&delimiter=%2F&max-keys=50'),
  ...overrides,
});

describe('the condition keys of a request', () => {
  const clock = () => Date.parse('2026-12-03T06:00:00.000Z');

  it('answers each key from the request it describes', () => {
    const keys = requestConditions(request(), clock, { Classification: 'public' });
    expect(keys.values('aws:sourceip')).toEqual(['10.1.2.3']);
    expect(keys.values('aws:securetransport')).toEqual(['true']);
    expect(keys.values('aws:currenttime')).toEqual(['2026-12-03T06:00:00.000Z']);
    expect(keys.values('aws:epochtime')).toEqual([String(Date.parse('2026-12-03T06:00:00.000Z') / 1000)]);
    expect(keys.values('aws:username')).toEqual(['ALICE']);
    expect(keys.values('aws:principaltype')).toEqual(['User']);
    expect(keys.values('aws:useragent')).toEqual(['aws-cli/2']);
    expect(keys.values('s3:prefix')).toEqual(['home/bob/']);
    expect(keys.values('s3:delimiter')).toEqual(['/']);
    expect(keys.values('s3:max-keys')).toEqual(['50']);
    expect(keys.values('s3:x-amz-acl')).toEqual(['public-read']);
    expect(keys.values('s3:authtype')).toEqual(['REST-HEADER']);
    expect(keys.values('s3:existingobjecttag/Classification')).toEqual(['public']);
    expect(keys.values('s3:requestobjecttag/Team')).toEqual(['blue']);
  });

  it('leaves out what an anonymous request without those parts lacks', () => {
    const keys = requestConditions(request({ account: undefined, authMethod: 'anonymous', headers: {}, query: parseQuery('') }), clock);
    expect(keys.values('aws:username')).toBeUndefined();
    expect(keys.values('aws:principaltype')).toEqual(['Anonymous']);
    expect(keys.values('s3:prefix')).toBeUndefined();
    expect(keys.values('s3:x-amz-acl')).toBeUndefined();
    expect(keys.values('s3:authtype')).toBeUndefined();
    expect(keys.values('s3:signatureversion')).toBeUndefined();
    expect(keys.values('s3:existingobjecttag/Classification')).toBeUndefined();
  });

  it('reads the clock once, when a condition first asks for the time', () => {
    const clockCalls = jest.fn(clock);
    const keys = requestConditions(request(), clockCalls);
    expect(clockCalls).not.toHaveBeenCalled();
    keys.values('aws:currenttime');
    keys.values('aws:epochtime');
    keys.values('aws:currenttime');
    expect(clockCalls).toHaveBeenCalledTimes(1);
  });
});
