import { PutObjectTaggingCommand } from '../../../operations/objects/put-object-tagging/put-object-tagging.command';
import { readTaggingDocument } from '../tagging/tagging-document';
import { readChecksummedXml } from '../xml/checksummed-xml';
import { readVersionIdQuery } from '../headers/version-id-query';
import { objectOf, S3Route, sendEmpty } from './s3-route';

export const putObjectTaggingRoute: S3Route<void> = {
  operation: 'PutObjectTagging',
  async toCommand(req) {
    const tags = readTaggingDocument(await readChecksummedXml(req));
    return new PutObjectTaggingCommand(req.context, { ...objectOf(req), ...readVersionIdQuery(req.target.query), tags });
  },
  send: (reply) => sendEmpty(reply),
};
