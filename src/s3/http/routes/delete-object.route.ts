import type { DeleteObjectOutput } from '../../../backends/backend';
import { DeleteObjectCommand } from '../../../operations/objects/delete-object/delete-object.command';
import { readVersionIdQuery } from '../headers/version-id-query';
import { bypassRequestOf } from './bypass-request';
import { objectOf, S3Route, sendEmpty } from './s3-route';

export const deleteObjectRoute: S3Route<DeleteObjectOutput> = {
  operation: 'DeleteObject',
  toCommand: (req) => new DeleteObjectCommand(req.context, { ...objectOf(req), ...readVersionIdQuery(req.target.query), ...bypassRequestOf(req, 'DeleteObject') }),
  send(reply, { versionId, deleteMarker }) {
    if (versionId !== undefined) reply.header('x-amz-version-id', versionId);
    if (deleteMarker) reply.header('x-amz-delete-marker', 'true');
    sendEmpty(reply, 204);
  },
};
