import type { AuthMethod } from '../auth/auth.types';
import type { TagSet } from '../../backends/backend';
import type { AccessRequest } from './access-request';
import type { ConditionContext } from './policy/condition-context';
import { unmapIpv4 } from './policy/condition-operators';

/** s3:authType and s3:signatureversion of each way a request is signed, as AWS names them. */
const AUTH_TYPES: Readonly<Record<AuthMethod, { type: string; version: string } | undefined>> = {
  'v4-header': { type: 'REST-HEADER', version: 'AWS4-HMAC-SHA256' },
  'v4-streaming': { type: 'REST-HEADER', version: 'AWS4-HMAC-SHA256' },
  'v4-query': { type: 'REST-QUERY-STRING', version: 'AWS4-HMAC-SHA256' },
  'v4-post': { type: 'POST', version: 'AWS4-HMAC-SHA256' },
  'v2-header': { type: 'REST-HEADER', version: 'AWS' },
  'v2-query': { type: 'REST-QUERY-STRING', version: 'AWS' },
  'v2-post': { type: 'POST', version: 'AWS' },
  // The console's session reaches admin reads only, never an access check.
  'console-session': undefined,
  anonymous: undefined,
};
const EXISTING_TAG = 's3:existingobjecttag/';
const REQUEST_TAG = 's3:requestobjecttag/';

/** Header-valued s3: keys: the key without `s3:` is the header's name. */
const HEADER_KEYS: ReadonlySet<string> = new Set([
  'x-amz-acl',
  'x-amz-grant-read',
  'x-amz-grant-write',
  'x-amz-grant-read-acp',
  'x-amz-grant-write-acp',
  'x-amz-grant-full-control',
  'x-amz-copy-source',
  'x-amz-metadata-directive',
  'x-amz-content-sha256',
  'x-amz-server-side-encryption',
  'x-amz-storage-class',
]);
const QUERY_KEYS: ReadonlySet<string> = new Set(['prefix', 'delimiter', 'max-keys']);

function one(value: string | string[] | undefined): readonly string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

/**
 * The condition keys of one request, each worked out only when a condition asks for it: most
 * requests meet no condition at all. `clock`: the time in ms (injectable for tests). `objectTags`: the target object's tags when a condition reads
 * them (read before the evaluation, since that is the one key needing storage).
 */
export function requestConditions(request: AccessRequest, clock: () => number = Date.now, objectTags?: TagSet): ConditionContext {
  // The time is read when a condition first asks for it, once per request.
  let currentTime: readonly string[] | undefined;
  let epochTime: readonly string[] | undefined;
  let nowMs = -1;
  const now = (): number => (nowMs < 0 ? (nowMs = clock()) : nowMs);
  return {
    values(key: string): readonly string[] | undefined {
      switch (key) {
        case 'aws:sourceip':
          return [unmapIpv4(request.sourceIp)];
        case 'aws:securetransport':
          return [String(request.secureTransport)];
        case 'aws:currenttime':
          return (currentTime ??= [new Date(now()).toISOString()]);
        case 'aws:epochtime':
          return (epochTime ??= [String(Math.floor(now() / 1000))]);
        case 'aws:username':
        case 'aws:userid':
          return request.account === undefined ? undefined : [request.account.access];
        case 'aws:principaltype':
          return [request.account === undefined ? 'Anonymous' : 'User'];
        case 'aws:referer':
          return one(request.headers.referer);
        case 'aws:useragent':
          return one(request.headers['user-agent']);
        case 's3:authtype': {
          const type = AUTH_TYPES[request.authMethod];
          return type === undefined ? undefined : [type.type];
        }
        case 's3:signatureversion': {
          const type = AUTH_TYPES[request.authMethod];
          return type === undefined ? undefined : [type.version];
        }
        case 's3:versionid': {
          const id = request.query.get('versionId');
          return id === null ? undefined : [id];
        }
      }
      if (key.startsWith('s3:')) {
        const name = key.slice(3);
        if (HEADER_KEYS.has(name)) return one(request.headers[name]);
        if (QUERY_KEYS.has(name)) {
          const value = request.query.get(name);
          return value === null ? undefined : [value];
        }
      }
      if (key.startsWith(EXISTING_TAG)) {
        const value = objectTags?.[key.slice(EXISTING_TAG.length)];
        return value === undefined ? undefined : [value];
      }
      if (key.startsWith(REQUEST_TAG)) {
        const tagging = one(request.headers['x-amz-tagging'])?.[0];
        const value = tagging === undefined ? null : new URLSearchParams(tagging).get(key.slice(REQUEST_TAG.length));
        return value === null ? undefined : [value];
      }
      return undefined;
    },
  };
}
