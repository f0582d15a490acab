import type { IncomingHttpHeaders } from 'node:http';
import { quoteEtag } from '../../../backends/common/etag';
import type { CopyDirective, CopyObjectOutput } from '../../../backends/backend';
import { CopyObjectCommand } from '../../../operations/objects/copy-object/copy-object.command';
import { invalidArgument } from '../../errors/s3-error';
import { readCopySource } from '../headers/copy-source';
import { headerValue } from '../headers/header-value';
import { readObjectMetadata } from '../headers/object-metadata-headers';
import { readConditions } from '../headers/read-conditions';
import { toXml } from '../xml/xml-writer';
import { readTaggingHeader } from '../tagging/tagging-header';
import { checksumElement, readChecksumAlgorithm } from '../headers/checksum-headers';
import { discardBody } from '../xml/xml-body-reader';
import { readAclHeaders } from '../headers/acl-headers';
import { objectOf, S3Route, sendXml } from './s3-route';
import { readObjectLockHeaders } from '../headers/object-lock-headers';

/** x-amz-metadata-directive / x-amz-tagging-directive: COPY unless told otherwise. */
function readDirective(headers: IncomingHttpHeaders, name: string, what: string): CopyDirective {
  const raw = headerValue(headers, name);
  if (raw === undefined) return 'COPY';
  if (raw !== 'COPY' && raw !== 'REPLACE') throw invalidArgument(`Unknown ${what} directive.`, name, raw);
  return raw;
}

export const copyObjectRoute: S3Route<CopyObjectOutput> = {
  operation: 'CopyObject',
  async toCommand(req) {
    const { headers } = req.request;
    const lock = readObjectLockHeaders(headers);
    const input = {
      ...objectOf(req),
      source: readCopySource(headers),
      conditions: readConditions(headers, 'x-amz-copy-source-'),
      metadataDirective: readDirective(headers, 'x-amz-metadata-directive', 'metadata'),
      metadata: readObjectMetadata(headers),
      taggingDirective: readDirective(headers, 'x-amz-tagging-directive', 'tagging'),
      tagging: readTaggingHeader(headers),
      checksumAlgorithm: readChecksumAlgorithm(headers),
      aclRequest: readAclHeaders(headers),
      ...(lock === undefined ? {} : { lock }),
    };
    await discardBody(req);
    return new CopyObjectCommand(req.context, input);
  },
  send(reply, { etag, lastModified, checksum, versionId, sourceVersionId }) {
    if (versionId !== undefined) reply.header('x-amz-version-id', versionId);
    if (sourceVersionId !== undefined) reply.header('x-amz-copy-source-version-id', sourceVersionId);
    const sum = checksum ? { ...checksumElement(checksum), ChecksumType: checksum.type } : {};
    sendXml(reply, toXml('CopyObjectResult', { ETag: quoteEtag(etag), LastModified: lastModified.toISOString(), ...sum }));
  },
};
