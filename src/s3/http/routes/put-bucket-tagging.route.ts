import { PutBucketTaggingCommand } from '../../../operations/buckets/put-bucket-tagging/put-bucket-tagging.command';
import { readTaggingDocument } from '../tagging/tagging-document';
import { readChecksummedXml } from '../xml/checksummed-xml';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

export const putBucketTaggingRoute: S3Route<void> = {
  operation: 'PutBucketTagging',
  async toCommand(req) {
    const tags = readTaggingDocument(await readChecksummedXml(req), 'bucket');
    return new PutBucketTaggingCommand(req.context, { bucket: bucketOf(req), tags });
  },
  // AWS answers 204 here, where PutObjectTagging answers 200.
  send: (reply) => sendEmpty(reply, 204),
};
