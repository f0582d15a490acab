import type { HeadObjectOutput } from '../../../backends/backend';
import { HeadObjectCommand } from '../../../operations/objects/head-object/head-object.command';
import { checksumModeEnabled, writeObjectHeaders } from '../headers/object-response-headers';
import { readConditions, readRange } from '../headers/read-conditions';
import { readVersionIdQuery } from '../headers/version-id-query';
import { objectOf, S3Route } from './s3-route';

export const headObjectRoute: S3Route<HeadObjectOutput> = {
  operation: 'HeadObject',
  toCommand(req) {
    const { headers } = req.request;
    return new HeadObjectCommand(req.context, { ...objectOf(req), ...readVersionIdQuery(req.target.query), range: readRange(headers), conditions: readConditions(headers) });
  },
  send(reply, { info, range }, req) {
    writeObjectHeaders(reply, info, range, checksumModeEnabled(req.request.headers));
    reply.send();
  },
};
