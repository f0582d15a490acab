import type { AclRequest } from '../../../operations/access/acl-request';
import { S3Error } from '../../errors/s3-error';
import { readAclHeaders } from '../headers/acl-headers';
import { readAclDocument } from '../xml/acl-document';
import { readXmlBody } from '../xml/xml-body-reader';
import type { S3HttpRequest } from './s3-route';

/**
 * The ACL PutBucketAcl or PutObjectAcl asks for: a document, or headers, never both
 * (UnexpectedContent, as VersityGW answers); neither is MissingSecurityHeader, as AWS answers.
 */
export async function aclRequestOf(req: S3HttpRequest): Promise<AclRequest> {
  const fromHeaders = readAclHeaders(req.request.headers);
  const doc = await readXmlBody(req.auth.body);
  if (doc !== undefined) {
    if (fromHeaders !== undefined) throw new S3Error('UnexpectedContent');
    return readAclDocument(doc);
  }
  if (fromHeaders === undefined) throw new S3Error('MissingSecurityHeader', undefined, { MissingHeaderName: 'x-amz-acl' });
  return fromHeaders;
}
