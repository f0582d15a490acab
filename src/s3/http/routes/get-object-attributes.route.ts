import type { IncomingHttpHeaders } from 'node:http';
import {
  GetObjectAttributesCommand,
  type GetObjectAttributesResult,
  type ObjectPartsPage,
} from '../../../operations/objects/get-object-attributes/get-object-attributes.command';
import type { QueryLookup } from '../../../request/request-query';
import { invalidArgument, S3Error } from '../../errors/s3-error';
import { checksumElement } from '../headers/checksum-headers';
import { headerValue } from '../headers/header-value';
import { readVersionIdQuery } from '../headers/version-id-query';
import { toXml, type XmlObject } from '../xml/xml-writer';
import { readLimit, readPartNumberMarker } from './multipart-request';
import { objectOf, S3Route, sendXml } from './s3-route';
import { formatHttpDate } from '../headers/http-date';

const ATTRIBUTE_NAMES = ['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize'] as const;
type ObjectAttributeName = (typeof ATTRIBUTE_NAMES)[number];
const isAttributeName = (name: string): name is ObjectAttributeName => (ATTRIBUTE_NAMES as readonly string[]).includes(name);

/** x-amz-object-attributes: the comma-separated names of what to return, at least one, each one AWS knows. */
export function readObjectAttributes(headers: IncomingHttpHeaders): ReadonlySet<ObjectAttributeName> {
  const raw = headerValue(headers, 'x-amz-object-attributes') ?? '';
  const names = raw.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) {
    throw new S3Error('InvalidRequest', 'The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty');
  }
  const invalid = names.find((name) => !isAttributeName(name));
  if (invalid !== undefined) throw invalidArgument('Invalid attribute name specified.', 'x-amz-object-attributes', invalid);
  return new Set(names as ObjectAttributeName[]);
}

/** The paging headers, read as ListParts reads its query parameters. */
function pagingHeaders(headers: IncomingHttpHeaders): QueryLookup {
  return { size: 2, get: (name) => headerValue(headers, name) ?? null, has: (name) => headers[name] !== undefined };
}

function objectPartsXml(page: ObjectPartsPage, marker: number, maxParts: number): XmlObject {
  return {
    PartsCount: page.totalPartsCount,
    PartNumberMarker: marker,
    ...(page.nextPartNumberMarker !== undefined ? { NextPartNumberMarker: page.nextPartNumberMarker } : {}),
    MaxParts: maxParts,
    IsTruncated: page.isTruncated,
    Part: page.parts.map((part) => ({ ...checksumElement(part.checksum), PartNumber: part.partNumber, Size: part.size })),
  };
}

export const getObjectAttributesRoute: S3Route<GetObjectAttributesResult> = {
  operation: 'GetObjectAttributes',
  toCommand(req) {
    const { headers } = req.request;
    readObjectAttributes(headers);
    const paging = pagingHeaders(headers);
    return new GetObjectAttributesCommand(req.context, {
      ...objectOf(req),
      ...readVersionIdQuery(req.target.query),
      maxParts: readLimit(paging, 'x-amz-max-parts'),
      partNumberMarker: readPartNumberMarker(paging, 'x-amz-part-number-marker'),
    });
  },
  send(reply, { info, parts }, req) {
    const { headers } = req.request;
    const wanted = readObjectAttributes(headers);
    const paging = pagingHeaders(headers);
    const body: XmlObject = {};
    // AWS gives the ETag here without its quotes.
    if (wanted.has('ETag')) body.ETag = info.etag;
    if (wanted.has('Checksum') && info.checksum) body.Checksum = { ...checksumElement(info.checksum), ChecksumType: info.checksum.type };
    if (wanted.has('ObjectParts') && parts) {
      body.ObjectParts = objectPartsXml(parts, readPartNumberMarker(paging, 'x-amz-part-number-marker'), readLimit(paging, 'x-amz-max-parts'));
    }
    if (wanted.has('StorageClass')) body.StorageClass = 'STANDARD';
    if (wanted.has('ObjectSize')) body.ObjectSize = info.size;
    reply.header('last-modified', formatHttpDate(info.lastModified));
    if (info.versionId !== undefined) reply.header('x-amz-version-id', info.versionId);
    sendXml(reply, toXml('GetObjectAttributesResponse', body));
  },
};
