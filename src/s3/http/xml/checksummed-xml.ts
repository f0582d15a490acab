import { createHash } from 'node:crypto';
import { S3Error } from '../../errors/s3-error';
import { readContentMd5 } from '../headers/content-md5';
import type { S3HttpRequest } from '../routes/s3-route';
import { MAX_XML_BODY_BYTES, parseXmlBody, readBoundedBody } from './xml-body-reader';

/**
 * The XML document of a request AWS accepts only with a Content-MD5 or an x-amz-checksum-*
 * (header or trailer) that it matches: DeleteObjects, PutObjectTagging. A flipped bit must not
 * delete another key or set another tag. The checksum is verified by the authentication layer
 * while the body streams in; the MD5 here. Resolves undefined for an empty body.
 */
export async function readChecksummedXml(req: S3HttpRequest): Promise<Record<string, unknown> | undefined> {
  return parseXmlBody(await readChecksummedBody(req));
}

/** The same body as bytes, for a document that is stored as it came (PutBucketCors). */
export async function readChecksummedBody(req: S3HttpRequest, limit = MAX_XML_BODY_BYTES): Promise<Buffer> {
  const md5 = readContentMd5(req.request.headers);
  const body = await readBoundedBody(req.auth.body, limit);
  if (md5 === undefined && req.auth.checksum === undefined) {
    throw new S3Error('InvalidRequest', 'Missing required header for this request: Content-MD5 OR x-amz-checksum-*');
  }
  if (md5 !== undefined && !md5.equals(createHash('md5').update(body).digest())) throw new S3Error('BadDigest');
  return body;
}
