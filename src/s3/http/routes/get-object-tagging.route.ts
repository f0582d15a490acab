import type { TagSet } from '../../../backends/backend';
import { GetObjectTaggingCommand } from '../../../operations/objects/get-object-tagging/get-object-tagging.command';
import { taggingDocument } from '../tagging/tagging-document';
import { toXml } from '../xml/xml-writer';
import { readVersionIdQuery } from '../headers/version-id-query';
import { objectOf, S3Route, sendXml } from './s3-route';

export const getObjectTaggingRoute: S3Route<TagSet> = {
  operation: 'GetObjectTagging',
  toCommand: (req) => new GetObjectTaggingCommand(req.context, { ...objectOf(req), ...readVersionIdQuery(req.target.query) }),
  send: (reply, tags) => sendXml(reply, toXml('Tagging', taggingDocument(tags))),
};
