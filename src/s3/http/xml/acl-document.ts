import type { AccessControlList, AclGrantee, AclPermission } from '../../../backends/backend';
import type { AclRequest, GranteeSpec, GrantSpec } from '../../../operations/access/acl-request';
import { S3Error } from '../../errors/s3-error';
import { ownerXml } from './owner-xml';
import { isRecord, listOf } from './xml-body-reader';
import type { XmlObject } from './xml-writer';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const GROUP_URI_PREFIX = 'http://acs.amazonaws.com/groups/global/';
const PERMISSIONS: ReadonlySet<string> = new Set<AclPermission>(['READ', 'WRITE', 'READ_ACP', 'WRITE_ACP', 'FULL_CONTROL']);

const malformed = (): S3Error => new S3Error('MalformedACLError');

function granteeXml(grantee: AclGrantee): XmlObject {
  if (grantee.type === 'Group') return { '@_xmlns:xsi': XSI, '@_xsi:type': 'Group', URI: GROUP_URI_PREFIX + grantee.group };
  return { '@_xmlns:xsi': XSI, '@_xsi:type': 'CanonicalUser', ...ownerXml(grantee.id) };
}

/** The AccessControlPolicy document of GetBucketAcl and GetObjectAcl: Owner, then every grant. */
export function aclDocument(acl: AccessControlList): XmlObject {
  const grants = acl.grants.map((g) => ({ Grantee: granteeXml(g.grantee), Permission: g.permission }));
  return { Owner: ownerXml(acl.owner), AccessControlList: grants.length === 0 ? '' : { Grant: grants } };
}

/** A Grantee element: what it holds says what it is (the parser drops xsi:type), as S3 reads it. */
function granteeOf(value: unknown): GranteeSpec {
  if (!isRecord(value)) throw malformed();
  if (typeof value.ID === 'string' && value.ID !== '') return { kind: 'id', id: value.ID };
  if (typeof value.URI === 'string' && value.URI !== '') return { kind: 'uri', uri: value.URI };
  if (typeof value.EmailAddress === 'string' && value.EmailAddress !== '') return { kind: 'email', email: value.EmailAddress };
  throw malformed();
}

/**
 * PutBucketAcl's / PutObjectAcl's AccessControlPolicy body: MalformedACLError when it lacks an
 * Owner ID, or a grant lacks its grantee or names an unknown permission.
 */
export function readAclDocument(doc: Record<string, unknown>): AclRequest {
  const root = doc.AccessControlPolicy;
  if (!isRecord(root)) throw malformed();
  const owner = isRecord(root.Owner) ? root.Owner.ID : undefined;
  if (typeof owner !== 'string' || owner === '') throw malformed();
  const list = root.AccessControlList;
  if (list !== undefined && list !== '' && !isRecord(list)) throw malformed();
  const grants = listOf(isRecord(list) ? list.Grant : undefined).map((grant): GrantSpec => {
    if (!isRecord(grant) || typeof grant.Permission !== 'string' || !PERMISSIONS.has(grant.Permission)) throw malformed();
    return { grantee: granteeOf(grant.Grantee), permission: grant.Permission as AclPermission };
  });
  return { kind: 'document', owner, grants };
}
