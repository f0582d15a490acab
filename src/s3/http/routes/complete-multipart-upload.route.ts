import type { ChecksumValue, CompletedPart, CompleteMultipartUploadOutput } from '../../../backends/backend';
import { quoteEtag, unquoteEtag } from '../../../backends/common/etag';
import { CompleteMultipartUploadCommand } from '../../../operations/multipart/complete-multipart-upload/complete-multipart-upload.command';
import type { IncomingHttpHeaders } from 'node:http';
import { checksumAlgorithmFromHeader } from '../../auth/checksum';
import { invalidArgument, S3Error } from '../../errors/s3-error';
import { headerValue } from '../headers/header-value';
import { readWriteConditions } from '../headers/write-conditions';
import { isRecord, listOf, readXmlBody } from '../xml/xml-body-reader';
import { toXml } from '../xml/xml-writer';
import { MAX_PART_NUMBER, parsePartNumber, uploadOf } from './multipart-request';
import { CHECKSUM_ELEMENTS, checksumElement, readChecksumType, toAlgorithmName } from '../headers/checksum-headers';
import { S3Route, sendXml } from './s3-route';


function listedChecksum(part: Record<string, unknown>): ChecksumValue | undefined {
  const listed = CHECKSUM_ELEMENTS.filter(([element]) => typeof part[element] === 'string' && part[element] !== '');
  if (listed.length > 1) throw new S3Error('InvalidRequest', 'The request must include a single checksum per part.');
  const [found] = listed;
  return found ? { algorithm: found[1], value: part[found[0]] as string } : undefined;
}

/** The CompleteMultipartUpload document: at least one Part, each with a PartNumber and an ETag, else MalformedXML. */
export function readCompletedParts(doc: Record<string, unknown> | undefined): CompletedPart[] {
  const root = doc?.CompleteMultipartUpload;
  if (!isRecord(root)) throw new S3Error('MalformedXML');
  const raw = root.Part;
  const items = listOf(raw);
  // More entries than there can be parts is malformed whatever they say (and bounds the work).
  if (items.length === 0 || items.length > MAX_PART_NUMBER) throw new S3Error('MalformedXML');
  return items.map((item): CompletedPart => {
    if (!isRecord(item) || typeof item.PartNumber !== 'string' || typeof item.ETag !== 'string') throw new S3Error('MalformedXML');
    if (!/^-?\d+$/.test(item.PartNumber)) throw new S3Error('MalformedXML');
    const part: CompletedPart = { partNumber: parsePartNumber(item.PartNumber, 'PartNumber'), etag: unquoteEtag(item.ETag) };
    const checksum = listedChecksum(item);
    if (checksum) part.checksum = checksum;
    return part;
  });
}

function readObjectSize(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,16}$/.test(raw)) throw invalidArgument('Value for x-amz-mp-object-size header is invalid.', 'x-amz-mp-object-size', raw);
  return Number(raw);
}

/** x-amz-checksum-<alg> on Complete states the whole object's checksum (the body is only XML). */
function objectChecksum(headers: IncomingHttpHeaders): ChecksumValue | undefined {
  for (const name of Object.keys(headers)) {
    const lower = checksumAlgorithmFromHeader(name);
    const algorithm = lower === undefined ? undefined : toAlgorithmName(lower);
    const value = headerValue(headers, name);
    if (algorithm !== undefined && value !== undefined) return { algorithm, value };
  }
  return undefined;
}

export const completeMultipartUploadRoute: S3Route<CompleteMultipartUploadOutput> = {
  operation: 'CompleteMultipartUpload',
  async toCommand(req) {
    const { headers } = req.request;
    const upload = uploadOf(req);
    const rawType = headerValue(headers, 'x-amz-checksum-type');
    const objectSize = readObjectSize(headerValue(headers, 'x-amz-mp-object-size'));
    const parts = readCompletedParts(await readXmlBody(req.auth.body));
    return new CompleteMultipartUploadCommand(req.context, {
      ...upload,
      parts,
      checksum: objectChecksum(headers),
      checksumType: rawType === undefined ? undefined : readChecksumType(rawType),
      objectSize,
      writeConditions: readWriteConditions(headers),
    });
  },
  send(reply, { etag, checksum, versionId }, req) {
    const { bucket, key } = uploadOf(req);
    if (versionId !== undefined) reply.header('x-amz-version-id', versionId);
    const xml = toXml('CompleteMultipartUploadResult', {
      Location: `/${bucket}/${key}`,
      Bucket: bucket,
      Key: key,
      ETag: quoteEtag(etag),
      ...checksumElement(checksum),
      ...(checksum ? { ChecksumType: checksum.type } : {}),
    });
    sendXml(reply, xml);
  },
};
