import { DeleteObjectTaggingCommand } from '../../../operations/objects/delete-object-tagging/delete-object-tagging.command';
import { discardBody } from '../xml/xml-body-reader';
import { readVersionIdQuery } from '../headers/version-id-query';
import { objectOf, S3Route, sendEmpty } from './s3-route';

export const deleteObjectTaggingRoute: S3Route<void> = {
  operation: 'DeleteObjectTagging',
  async toCommand(req) {
    await discardBody(req);
    return new DeleteObjectTaggingCommand(req.context, { ...objectOf(req), ...readVersionIdQuery(req.target.query) });
  },
  send: (reply) => sendEmpty(reply, 204),
};
