import { DeleteObjectCommand } from '../../../operations/objects/delete-object/delete-object.command';
import { objectOf, S3Route, sendEmpty } from './s3-route';

export const deleteObjectRoute: S3Route<void> = {
  operation: 'DeleteObject',
  toCommand: (req) => new DeleteObjectCommand(req.context, objectOf(req)),
  send: (reply) => sendEmpty(reply, 204),
};
