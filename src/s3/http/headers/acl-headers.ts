import type { IncomingHttpHeaders } from 'node:http';
import type { AclPermission } from '../../../backends/backend';
import type { AclRequest, GranteeSpec, GrantSpec } from '../../../operations/access/acl-request';
import { S3Error, invalidArgument } from '../../errors/s3-error';
import { headerValue } from './header-value';

const GRANT_HEADERS: ReadonlyArray<readonly [string, AclPermission]> = [
  ['x-amz-grant-full-control', 'FULL_CONTROL'],
  ['x-amz-grant-read', 'READ'],
  ['x-amz-grant-read-acp', 'READ_ACP'],
  ['x-amz-grant-write', 'WRITE'],
  ['x-amz-grant-write-acp', 'WRITE_ACP'],
];

/** One `type="value"` of a grant header (`id="..."`, `uri="..."`, `emailAddress="..."`), quotes optional. */
const GRANTEE = /^\s*(id|uri|emailAddress)\s*=\s*"?([^",]*)"?\s*$/i;

function granteesOf(header: string, value: string): GranteeSpec[] {
  return value.split(',').map((part): GranteeSpec => {
    const match = GRANTEE.exec(part);
    if (!match || match[2] === '') throw invalidArgument('Argument format not recognized', header, value);
    const kind = match[1].toLowerCase();
    if (kind === 'id') return { kind: 'id', id: match[2] };
    if (kind === 'uri') return { kind: 'uri', uri: match[2] };
    return { kind: 'email', email: match[2] };
  });
}

/**
 * x-amz-acl or x-amz-grant-* as the ACL the request asks for; undefined when it names none. Both
 * at once is refused, as AWS refuses it.
 */
export function readAclHeaders(headers: IncomingHttpHeaders): AclRequest | undefined {
  const canned = headerValue(headers, 'x-amz-acl');
  const grants: GrantSpec[] = [];
  for (const [header, permission] of GRANT_HEADERS) {
    const value = headerValue(headers, header);
    if (value !== undefined) grants.push(...granteesOf(header, value).map((grantee) => ({ grantee, permission })));
  }
  if (canned !== undefined && grants.length > 0) throw new S3Error('InvalidRequest', 'Specifying both Canned ACLs and Header Grants is not allowed');
  if (canned !== undefined) return { kind: 'canned', canned };
  return grants.length > 0 ? { kind: 'grants', grants } : undefined;
}
