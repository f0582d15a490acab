import type { TagSet } from '../../../backends/backend';
import { GetBucketTaggingCommand } from '../../../operations/buckets/get-bucket-tagging/get-bucket-tagging.command';
import { taggingDocument } from '../tagging/tagging-document';
import { toXml } from '../xml/xml-writer';
import { bucketOf, S3Route, sendXml } from './s3-route';

export const getBucketTaggingRoute: S3Route<TagSet> = {
  operation: 'GetBucketTagging',
  toCommand: (req) => new GetBucketTaggingCommand(req.context, { bucket: bucketOf(req) }),
  send: (reply, tags) => sendXml(reply, toXml('Tagging', taggingDocument(tags))),
};
