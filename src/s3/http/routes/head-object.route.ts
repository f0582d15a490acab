import type { HeadObjectOutput } from '../../../backends/backend';
import type { PartsCountOutput } from '../../../operations/objects/object-part/part-read';
import { HeadObjectCommand } from '../../../operations/objects/head-object/head-object.command';
import { checksumModeEnabled, writeObjectHeaders } from '../headers/object-response-headers';
import { readConditions, readRange } from '../headers/read-conditions';
import { readPartNumber, writePartsCount } from './part-number-query';
import { objectOf, S3Route } from './s3-route';

export const headObjectRoute: S3Route<HeadObjectOutput & PartsCountOutput> = {
  operation: 'HeadObject',
  toCommand(req) {
    const { headers } = req.request;
    return new HeadObjectCommand(req.context, { ...objectOf(req), range: readRange(headers), conditions: readConditions(headers), partNumber: readPartNumber(req) });
  },
  send(reply, result, req) {
    writeObjectHeaders(reply, result.info, result.range, checksumModeEnabled(req.request.headers));
    writePartsCount(reply, result);
    reply.send();
  },
};
