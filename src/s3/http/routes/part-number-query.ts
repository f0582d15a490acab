import type { FastifyReply } from 'fastify';
import type { PartsCountOutput } from '../../../operations/objects/object-part/part-read';
import { S3Error } from '../../errors/s3-error';
import { parsePartNumber } from './multipart-request';
import type { S3HttpRequest } from './s3-route';

/** GET and HEAD's ?partNumber=N (1 to 10,000), never together with a Range header, as AWS answers. */
export function readPartNumber({ target, request }: S3HttpRequest): number | undefined {
  const { query } = target;
  if (query.size === 0) return undefined;
  const raw = query.get('partNumber');
  if (raw === null) return undefined;
  const partNumber = parsePartNumber(raw);
  if (request.headers.range !== undefined) throw new S3Error('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter');
  return partNumber;
}

/** x-amz-mp-parts-count, when the part read was one of a multipart upload's. */
export function writePartsCount(reply: FastifyReply, { partsCount }: PartsCountOutput): void {
  if (partsCount !== undefined) reply.header('x-amz-mp-parts-count', String(partsCount));
}
