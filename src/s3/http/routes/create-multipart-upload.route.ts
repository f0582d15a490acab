import type { CreateMultipartUploadOutput } from '../../../backends/backend';
import { CreateMultipartUploadCommand } from '../../../operations/multipart/create-multipart-upload/create-multipart-upload.command';
import { readObjectMetadata } from '../headers/object-metadata-headers';
import { toXml } from '../xml/xml-writer';
import { readTaggingHeader } from '../tagging/tagging-header';
import { readChecksumSpec } from '../headers/checksum-headers';
import { discardBody } from '../xml/xml-body-reader';
import { readAclHeaders } from '../headers/acl-headers';
import { objectOf, S3Route, sendXml } from './s3-route';
import { readObjectLockHeaders } from '../headers/object-lock-headers';

export const createMultipartUploadRoute: S3Route<CreateMultipartUploadOutput> = {
  operation: 'CreateMultipartUpload',
  async toCommand(req) {
    const { headers } = req.request;
    const lock = readObjectLockHeaders(headers);
    const input = {
      ...objectOf(req),
      metadata: readObjectMetadata(headers),
      tagging: readTaggingHeader(headers),
      checksum: readChecksumSpec(headers),
      aclRequest: readAclHeaders(headers),
      ...(lock === undefined ? {} : { lock }),
    };
    await discardBody(req);
    return new CreateMultipartUploadCommand(req.context, input);
  },
  send(reply, { uploadId }, req) {
    const { bucket, key } = objectOf(req);
    const checksum = readChecksumSpec(req.request.headers);
    if (checksum) {
      reply.header('x-amz-checksum-algorithm', checksum.algorithm);
      reply.header('x-amz-checksum-type', checksum.type);
    }
    sendXml(reply, toXml('InitiateMultipartUploadResult', { Bucket: bucket, Key: key, UploadId: uploadId }));
  },
};
