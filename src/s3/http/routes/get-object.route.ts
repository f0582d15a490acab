import { type GetObjectOutput, isFileSpan } from '../../../backends/backend';
import type { PartsCountOutput } from '../../../operations/objects/object-part/part-read';
import { GetObjectCommand } from '../../../operations/objects/get-object/get-object.command';
import { checksumModeEnabled, writeObjectHeaders, writeResponseOverrides } from '../headers/object-response-headers';
import { readConditions, readRange } from '../headers/read-conditions';
import { sendFileSpan } from '../body/send-file-span';
import { readPartNumber, writePartsCount } from './part-number-query';
import { objectOf, S3Route } from './s3-route';

export const getObjectRoute: S3Route<GetObjectOutput & PartsCountOutput> = {
  operation: 'GetObject',
  toCommand(req) {
    const { headers } = req.request;
    return new GetObjectCommand(req.context, { ...objectOf(req), range: readRange(headers), conditions: readConditions(headers), partNumber: readPartNumber(req) });
  },
  send(reply, result, req) {
    const { info, range, body } = result;
    writeObjectHeaders(reply, info, range, checksumModeEnabled(req.request.headers));
    writePartsCount(reply, result);
    writeResponseOverrides(reply, req.target.query);
    // A file span goes by sendfile where it can; Fastify pipes a stream with backpressure and destroys it if the client goes away.
    if (isFileSpan(body)) sendFileSpan(reply, body);
    else reply.send(body);
  },
};
