import type { IncomingHttpHeaders } from 'node:http';
import { quoteEtag } from '../../../backends/common/etag';
import type { PartOutput } from '../../../backends/backend';
import { UploadPartCopyCommand } from '../../../operations/multipart/upload-part-copy/upload-part-copy.command';
import { invalidArgument } from '../../errors/s3-error';
import { readCopySource } from '../headers/copy-source';
import { headerValue } from '../headers/header-value';
import { readConditions } from '../headers/read-conditions';
import { toXml } from '../xml/xml-writer';
import { parsePartNumber, uploadOf } from './multipart-request';
import { checksumElement } from '../headers/checksum-headers';
import { discardBody } from '../xml/xml-body-reader';
import { S3Route, sendXml } from './s3-route';

const COPY_RANGE_MESSAGE =
  'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy';

function readCopyRange(headers: IncomingHttpHeaders): { start: number; end: number } | undefined {
  const raw = headerValue(headers, 'x-amz-copy-source-range');
  if (raw === undefined) return undefined;
  const match = /^bytes=(\d{1,16})-(\d{1,16})$/.exec(raw.trim());
  const [start, end] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(start <= end)) throw invalidArgument(COPY_RANGE_MESSAGE, 'x-amz-copy-source-range', raw);
  return { start, end };
}

export const uploadPartCopyRoute: S3Route<PartOutput> = {
  operation: 'UploadPartCopy',
  async toCommand(req) {
    const { headers } = req.request;
    const input = {
      ...uploadOf(req),
      partNumber: parsePartNumber(req.target.query.get('partNumber')),
      source: readCopySource(headers),
      range: readCopyRange(headers),
      conditions: readConditions(headers, 'x-amz-copy-source-'),
    };
    await discardBody(req);
    return new UploadPartCopyCommand(req.context, input);
  },
  send(reply, { etag, lastModified, checksum, sourceVersionId }) {
    if (sourceVersionId !== undefined) reply.header('x-amz-copy-source-version-id', sourceVersionId);
    sendXml(reply, toXml('CopyPartResult', { ETag: quoteEtag(etag), LastModified: lastModified.toISOString(), ...checksumElement(checksum) }));
  },
};
